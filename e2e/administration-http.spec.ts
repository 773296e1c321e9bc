import { expect, test, type APIRequestContext, type Page, type PlaywrightWorkerArgs } from "@playwright/test";
import { activeAdmin, activeUser, database, signIn, signOut } from "./support/fixtures";

/*
 * The procedures an installation is run with (permission groups, the organisation's import, the
 * first steps, teacher-led sessions) over HTTP, as someone else would call them: signed out, a
 * person of the wrong role, an admin of another hospital, another site's page, bad and huge input.
 */

const query = (request: APIRequestContext, path: string, input?: unknown) =>
  request.get(
    `/api/trpc/${path}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`}`,
  );
const mutate = (request: APIRequestContext, path: string, input: unknown, headers: Record<string, string> = {}) =>
  request.post(`/api/trpc/${path}`, { data: { json: input }, headers });

/** Calls made by nobody: a request context with no cookies. */
async function anonymously<T>(
  playwright: PlaywrightWorkerArgs["playwright"],
  calls: (request: APIRequestContext) => Promise<T>,
) {
  const request = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  try {
    return await calls(request);
  } finally {
    await request.dispose();
  }
}

async function leave(page: Page) {
  await page.goto("/portal");
  await signOut(page);
}

test("permission groups: nobody but owner admins reads or changes them, bad input is refused in words, and nobody changes their own", async ({
  page,
  playwright,
}) => {
  const sql = database();
  let group: { id: string; name: string };
  let ownerId: string;
  let customerId: string;
  const groupCount = async () => {
    const check = database();
    try {
      return (await check`select count(*)::int as n from permission_groups`)[0]!.n as number;
    } finally {
      await check.end();
    }
  };
  try {
    // The demo's group of approvers and publishers, with the owner admin in it.
    ownerId = (await sql`select id from users where email = 'owner@helix.example'`)[0]!.id as string;
    customerId = (await sql`select id from users where email = 'customer@helix.example'`)[0]!.id as string;
    const [row] = await sql`select g.id, g.name from permission_groups g
      join permission_group_members m on m.permission_group_id = g.id and m.user_id = ${ownerId}
      order by g.name limit 1`;
    group = { id: row!.id as string, name: row!.name as string };
  } finally {
    await sql.end();
  }
  const before = await groupCount();

  await anonymously(playwright, async (anonymous) => {
    expect((await query(anonymous, "permissionGroups.list")).status()).toBe(401);
    expect((await query(anonymous, "permissionGroups.byId", { permissionGroupId: group.id })).status()).toBe(401);
    expect((await mutate(anonymous, "permissionGroups.create", { name: "Anonymous", permissions: [] })).status()).toBe(
      401,
    );
    expect((await query(anonymous, "installation.firstSteps")).status()).toBe(401);
  });

  // A customer admin: no group, no catalogue, no first steps, and no way into a group.
  await signIn(page, "customer@helix.example");
  const byId = await query(page.request, "permissionGroups.byId", { permissionGroupId: group.id });
  expect(byId.status()).toBe(403);
  expect(await byId.text()).not.toContain(group.name);
  expect((await query(page.request, "permissionGroups.list")).status()).toBe(403);
  expect((await query(page.request, "permissionGroups.catalogue")).status()).toBe(403);
  expect((await query(page.request, "installation.firstSteps")).status()).toBe(403);
  expect(
    (await mutate(page.request, "permissionGroups.create", { name: "Hospital approvers", permissions: [] })).status(),
  ).toBe(403);
  expect(
    (
      await mutate(page.request, "permissionGroups.delete", { permissionGroupId: group.id, confirmName: group.name })
    ).status(),
  ).toBe(403);
  expect([403, 404]).toContain(
    (
      await mutate(page.request, "users.setPermissionGroupMember", {
        userId: customerId,
        permissionGroupId: group.id,
        member: true,
      })
    ).status(),
  );
  await leave(page);

  // The owner admin: another site's page, unknown permissions, long, duplicate and mistyped names.
  await signIn(page, "owner@helix.example");
  const create = (input: unknown, headers?: Record<string, string>) =>
    mutate(page.request, "permissionGroups.create", input, headers);
  expect(
    (await create({ name: "Forged", permissions: ["content.approve"] }, { origin: "https://evil.example" })).status(),
  ).toBe(403);
  const unknown = await create({ name: "Superusers", permissions: ["everything.anything"] });
  expect(unknown.status()).toBe(400);
  expect(await unknown.text()).toContain("Choose permissions from the list.");
  const long = await create({ name: "x".repeat(101), permissions: [] });
  expect(long.status()).toBe(400);
  expect(await long.text()).toContain("Keep the name under 100 characters.");
  expect((await create({ name: 42, permissions: [] })).status()).toBe(400);
  expect(
    (await create({ name: "Many", permissions: Array.from({ length: 1000 }, () => "content.approve") })).status(),
  ).toBe(400);
  const duplicate = await create({ name: ` ${group.name.toUpperCase()} `, permissions: [] });
  expect(duplicate.status()).toBeGreaterThanOrEqual(400);
  expect(await duplicate.text()).toContain("A permission group of that name exists already: choose another name.");
  // Larger than any input: refused before it is read in full.
  expect((await create({ name: "Huge", description: "y".repeat(5 * 1024 * 1024), permissions: [] })).status()).toBe(
    413,
  );
  expect((await query(page.request, "permissionGroups.byId", { permissionGroupId: "not-an-id" })).status()).toBe(400);
  expect(
    (await query(page.request, "permissionGroups.byId", { permissionGroupId: crypto.randomUUID() })).status(),
  ).toBe(404);
  // A group with members is deleted only with its name typed.
  const unconfirmed = await mutate(page.request, "permissionGroups.delete", { permissionGroupId: group.id });
  expect(unconfirmed.status()).toBe(412);
  expect(await unconfirmed.text()).toContain("type its name to confirm");
  expect(
    (
      await mutate(page.request, "permissionGroups.delete", {
        permissionGroupId: group.id,
        confirmName: "something else",
      })
    ).status(),
  ).toBe(412);
  // Not even an owner admin puts themselves in a group (or takes themselves out).
  const self = await mutate(page.request, "users.setPermissionGroupMember", {
    userId: ownerId,
    permissionGroupId: group.id,
    member: false,
  });
  expect(self.status()).toBe(403);
  expect(await groupCount()).toBe(before);
  const check = database();
  try {
    expect(
      (
        await check`select 1 from permission_group_members where permission_group_id = ${group.id} and user_id = ${ownerId}`
      ).length,
    ).toBe(1);
    expect(
      (
        await check`select 1 from permission_group_members where permission_group_id = ${group.id} and user_id = ${customerId}`
      ).length,
    ).toBe(0);
  } finally {
    await check.end();
  }
});

test("the organisation import: refused signed out, to a group admin and from another site; a hospital's admin cannot find another hospital through it; oversized files are refused", async ({
  page,
  playwright,
}) => {
  const stamp = Date.now();
  const hiddenId = `RD-${stamp}`;
  const sql = database();
  try {
    // Another hospital, outside St Olav's admin's scope, with an external id of its own.
    await sql`update nodes set external_id = ${hiddenId} where name = 'Royal Devon Clinic'`;
  } finally {
    await sql.end();
  }
  const header = "kind,name,external_id,parent_external_id,parent_path,description";
  try {
    await anonymously(playwright, async (anonymous) => {
      expect((await mutate(anonymous, "organisation.importCheck", { csv: `${header}\ngroup,A,,,,` })).status()).toBe(
        401,
      );
      expect(
        (
          await mutate(anonymous, "organisation.import", { csv: `${header}\ngroup,A,,,,`, requestKey: `anon-${stamp}` })
        ).status(),
      ).toBe(401);
    });

    await signIn(page, "group@helix.example");
    expect((await mutate(page.request, "organisation.importCheck", { csv: `${header}\ngroup,A,,,,` })).status()).toBe(
      403,
    );
    await leave(page);

    // St Olav's admin: Royal Devon, by external id or by path, reads exactly as a node that does not exist.
    await signIn(page, "customer@helix.example");
    const check = await mutate(page.request, "organisation.importCheck", {
      csv: [
        header,
        `group,Spies,,${hiddenId},,`,
        `group,Spies too,,NOWHERE-${stamp},,`,
        `group,Path spies,,,Royal Devon Clinic,`,
        `group,Path spies too,,,Nowhere Clinic ${stamp},`,
      ].join("\n"),
    });
    expect(check.status()).toBe(200);
    const problems = (await check.json()).result.data.json.problems as { line: number; errors: string[] }[];
    const errorsOf = (line: number) => problems.find((p) => p.line === line)?.errors.join(" ") ?? "";
    expect(errorsOf(2)).toBe(`No line of the file and no node has the external id "${hiddenId}".`);
    expect(errorsOf(3)).toBe(`No line of the file and no node has the external id "NOWHERE-${stamp}".`);
    expect(errorsOf(4)).toBe(`Nothing in the organisation is at "Royal Devon Clinic".`);
    expect(errorsOf(5)).toBe(`Nothing in the organisation is at "Nowhere Clinic ${stamp}".`);
    // The import itself refuses the same file and writes nothing.
    const refused = await mutate(page.request, "organisation.import", {
      csv: `${header}\ngroup,Spies,,${hiddenId},,`,
      requestKey: `spy-${stamp}`,
    });
    expect(refused.status()).toBe(412);
    expect(await refused.text()).toContain("Nothing was imported.");
    // Another site's page, a malformed key and a body past the cap.
    expect(
      (
        await mutate(
          page.request,
          "organisation.import",
          { csv: `${header}\ngroup,Forged,,,St Olav University Hospital,`, requestKey: `forged-${stamp}` },
          { origin: "https://evil.example" },
        )
      ).status(),
    ).toBe(403);
    expect(
      (
        await mutate(page.request, "organisation.import", {
          csv: `${header}\ngroup,Bad key,,,St Olav University Hospital,`,
          requestKey: "'; drop table nodes; --",
        })
      ).status(),
    ).toBe(400);
    expect((await mutate(page.request, "organisation.importCheck", { csv: 12 })).status()).toBe(400);
    const tooLarge = await mutate(page.request, "organisation.importCheck", {
      csv: `${header}\n${"group,Padding,,,St Olav University Hospital,\n".repeat(80_000)}`,
    });
    expect(tooLarge.status()).toBe(400);
    expect(await tooLarge.text()).toContain("The file is larger than 3.5 MB");
    expect(
      (
        await mutate(page.request, "organisation.importCheck", {
          csv: `${header}\n${"group,Padding,,,St Olav University Hospital,\n".repeat(120_000)}`,
        })
      ).status(),
    ).toBe(413);
    await leave(page);

    const after = database();
    try {
      expect((await after`select 1 from nodes where name in ('Spies', 'Forged', 'Bad key', 'Padding')`).length).toBe(0);
      expect((await after`select 1 from bulk_operations where request_key like ${`%-${stamp}`}`).length).toBe(0);
    } finally {
      await after.end();
    }
  } finally {
    const reset = database();
    try {
      await reset`update nodes set external_id = null where external_id = ${hiddenId}`;
    } finally {
      await reset.end();
    }
  }
});

test("teacher-led sessions: answered only by those invited, attendance recorded only by admins in scope, for people invited, and bad input changes nothing", async ({
  page,
  playwright,
}) => {
  const stamp = Date.now();
  const outsider = `session.outsider.${stamp}@royaldevon.example`;
  const outsiderId = await activeUser({ email: outsider, firstName: "Otto", lastName: `Outside${stamp % 100000}` });
  const otherAdmin = `session.admin.${stamp}@royaldevon.example`;
  await activeAdmin(
    { email: otherAdmin, firstName: "Rhiannon", lastName: `Devon${stamp % 100000}` },
    "customer_admin",
    "Royal Devon Clinic",
    "Endoscopy unit",
  );
  const sql = database();
  let itemId: string;
  let invitedId: string;
  let uninvitedId: string;
  const attendanceOf = async (userId: string) => {
    const check = database();
    try {
      return (
        await check`select response, attended from session_attendance where item_id = ${itemId} and user_id = ${userId}`
      )[0];
    } finally {
      await check.end();
    }
  };
  try {
    // The demo's workshop, given to St Olav's cardiology nurses, and one of them invited to it.
    itemId = (
      await sql`select i.id from content_items i join content_versions v on v.item_id = i.id
        where i.kind = 'session' and v.status = 'published' and v.title = 'Hands-on workshop: P1 in theatre'`
    )[0]!.id as string;
    invitedId = (await sql`select id from users where email = 'user@helix.example'`)[0]!.id as string;
    // At St Olav, in another group: never invited to it.
    uninvitedId = (await sql`select id from users where email = 'ola.nordmann@stolav.example'`)[0]!.id as string;
    await sql`insert into session_attendance (version_id, user_id, item_id)
      select v.id, ${invitedId}, ${itemId} from content_versions v where v.item_id = ${itemId} and v.status = 'published'
      on conflict do nothing`;
  } finally {
    await sql.end();
  }
  const invitedBefore = await attendanceOf(invitedId);

  await anonymously(playwright, async (anonymous) => {
    expect((await query(anonymous, "content.mySession", { itemId })).status()).toBe(401);
    expect((await mutate(anonymous, "content.answerSession", { itemId, response: "attending" })).status()).toBe(401);
    expect((await query(anonymous, "content.sessionRoster", { itemId })).status()).toBe(401);
  });

  // Someone the session was never given to: it does not exist for them, and they record nothing.
  await signIn(page, outsider);
  expect((await query(page.request, "content.mySession", { itemId })).status()).toBe(404);
  const answer = await mutate(page.request, "content.answerSession", { itemId, response: "attending" });
  expect(answer.status()).toBe(404);
  expect(await answer.text()).toContain("No such session in your training.");
  expect((await query(page.request, "content.sessionRoster", { itemId })).status()).toBe(403);
  expect(
    (
      await mutate(page.request, "content.recordAttendance", {
        itemId,
        entries: [{ userId: outsiderId, attended: true }],
      })
    ).status(),
  ).toBe(403);
  await leave(page);
  expect(await attendanceOf(outsiderId)).toBeUndefined();

  // Another hospital's admin: the session has not reached them, so no roster and no attendance.
  await signIn(page, otherAdmin);
  const roster = await query(page.request, "content.sessionRoster", { itemId });
  expect([403, 404]).toContain(roster.status());
  expect(await roster.text()).not.toContain("user@helix.example");
  expect([403, 404]).toContain(
    (
      await mutate(page.request, "content.recordAttendance", {
        itemId,
        entries: [{ userId: invitedId, attended: true }],
      })
    ).status(),
  );
  await leave(page);

  // The invited nurse: answers in words only, from the app's own page only, and records nothing.
  await signIn(page, "user@helix.example");
  const maybe = await mutate(page.request, "content.answerSession", { itemId, response: "maybe" });
  expect(maybe.status()).toBe(400);
  expect(await maybe.text()).toContain("Say whether you attend.");
  expect(
    (
      await mutate(
        page.request,
        "content.answerSession",
        { itemId, response: "attending" },
        {
          origin: "https://evil.example",
        },
      )
    ).status(),
  ).toBe(403);
  expect(
    (
      await mutate(page.request, "content.recordAttendance", {
        itemId,
        entries: [{ userId: invitedId, attended: true }],
      })
    ).status(),
  ).toBe(403);
  await leave(page);

  // St Olav's admin: not for someone outside the hospital, not for someone never invited, and not
  // a list that is too long or names a person twice.
  await signIn(page, "customer@helix.example");
  const record = (entries: unknown) => mutate(page.request, "content.recordAttendance", { itemId, entries });
  expect([403, 404]).toContain((await record([{ userId: outsiderId, attended: true }])).status());
  const uninvited = await record([{ userId: uninvitedId, attended: true }]);
  expect(uninvited.status()).toBe(400);
  expect(await uninvited.text()).toContain("Record attendance only for people invited to this session.");
  const twice = await record([
    { userId: invitedId, attended: true },
    { userId: invitedId, attended: false },
  ]);
  expect(twice.status()).toBe(400);
  expect(await twice.text()).toContain("A person is listed twice.");
  const tooMany = await record(Array.from({ length: 501 }, () => ({ userId: crypto.randomUUID(), attended: true })));
  expect(tooMany.status()).toBe(400);
  expect(await tooMany.text()).toContain("Record at most 500 people at a time.");
  expect((await record([{ userId: invitedId, attended: "yes" }])).status()).toBe(400);
  // One bad entry among good ones: the whole list is refused, nothing half-recorded.
  expect([403, 404]).toContain(
    (
      await record([
        { userId: invitedId, attended: true },
        { userId: outsiderId, attended: true },
      ])
    ).status(),
  );
  await leave(page);

  expect(await attendanceOf(invitedId)).toEqual(invitedBefore);
  expect(await attendanceOf(outsiderId)).toBeUndefined();
});

test("revoking a role over HTTP: signed out, from another site, with a malformed id, and by an admin of another hospital, it is refused and the role stays", async ({
  page,
  playwright,
}) => {
  const stamp = Date.now();
  // A group admin at Royal Devon Clinic: out of reach of St Olav's customer admin.
  const adminId = await activeAdmin(
    { email: `revoke.target.${stamp}@royaldevon.example`, firstName: "Rhys", lastName: `Revoke${stamp % 100000}` },
    "group_admin",
    "Endoscopy unit",
    "Endoscopy unit",
  );
  const roleOf = async () => {
    const sql = database();
    try {
      return (await sql`select id from role_assignments where user_id = ${adminId}`).map((row) => row.id as string);
    } finally {
      await sql.end();
    }
  };
  const [assignmentId] = await roleOf();
  expect(assignmentId).toBeDefined();

  await anonymously(playwright, async (anonymous) => {
    expect((await mutate(anonymous, "users.revokeRole", { assignmentId })).status()).toBe(401);
  });

  await signIn(page, "customer@helix.example");
  const elsewhere = await mutate(page.request, "users.revokeRole", { assignmentId });
  expect(elsewhere.status()).toBe(404);
  expect(await elsewhere.text()).toContain("No such role assignment in your organisation.");
  await leave(page);

  await signIn(page, "owner@helix.example");
  expect(
    (await mutate(page.request, "users.revokeRole", { assignmentId }, { origin: "https://evil.example" })).status(),
  ).toBe(403);
  expect((await mutate(page.request, "users.revokeRole", { assignmentId: "not-an-id" })).status()).toBe(400);
  expect((await mutate(page.request, "users.revokeRole", {})).status()).toBe(400);
  expect((await mutate(page.request, "users.revokeRole", { assignmentId: crypto.randomUUID() })).status()).toBe(404);
  expect(await roleOf()).toEqual([assignmentId]);
  await leave(page);
});
