import { expect, test } from "@playwright/test";
import { database, signIn, signOut } from "./support/fixtures";
import { fetchStandInEmails } from "./support/resend-stand-in";

// A 1×1 PNG and a small PDF, as a phone's photo and a log would arrive.
const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);
const pdf = Buffer.from("%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

test("a product user reports a device complaint; the support specialist replies and resolves it; the reporter reads the reply, gets the email and reopens it", async ({
  page,
}, testInfo) => {
  test.slow();
  const title = `The pump alarms without cause ${Date.now()}`;
  await signIn(page, "user@helix.example");
  await page.getByRole("link", { name: "Support", exact: true }).first().click();
  await page.getByRole("link", { name: "Report an issue" }).click();
  await expect(page.getByRole("heading", { name: "Report an issue" })).toBeVisible();
  // Nothing chosen: said in words, nothing sent.
  await page.getByRole("button", { name: "Send the report" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Choose the kind of issue." })).toBeVisible();
  await page.getByLabel("Kind of issue").selectOption({ label: "Device complaint (device complaint)" });
  await page
    .getByLabel(/Product or training it is about/)
    .selectOption({ label: "Helix P1 infusion pump: the basics" });
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("What happened").fill("During an infusion the occlusion alarm sounded three times.");
  await page.getByLabel("How serious is it?").selectOption("high");
  await page.getByLabel("Serial or lot number").fill("P1-0042");
  await page.getByLabel("Date of the event").fill("2026-11-28");
  await page.getByRole("radio", { name: "No" }).check();
  // A photo of the display, and a text file that is not one of the kinds taken: refused in words.
  await page.getByLabel("Add a file").setInputFiles({ name: "display.png", mimeType: "image/png", buffer: png });
  await expect(page.getByRole("list", { name: "Files to send" })).toContainText("display.png");
  await page
    .getByLabel("Add another file")
    .setInputFiles({ name: "notes.pdf", mimeType: "application/pdf", buffer: Buffer.from("just text") });
  await page.screenshot({ path: testInfo.outputPath("report-form.png"), fullPage: true });
  await page.getByRole("button", { name: "Send the report" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "not every file could be added" })).toContainText(
    "notes.pdf: Choose a PDF, an image",
  );
  await page.getByRole("link", { name: "Open your issue" }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  const photo = page.getByRole("img", { name: "display.png" });
  await expect(photo).toBeVisible();
  // Loaded through the private route (the browser fetches it after the page shows).
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : -1))).toBe(1);
  await expect(page.getByText("New", { exact: true })).toBeVisible();
  const issuePath = new URL(page.url()).pathname;
  const issueId = issuePath.split("/").at(-1)!;
  await signOut(page);

  // The specialist (staff without an admin role) lands in the support inbox.
  await signIn(page, "support@helix.example");
  await expect(page).toHaveURL(/\/dashboard\/support$/);
  await page.getByTestId("issue-row").filter({ hasText: title }).getByRole("link").click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await expect(page.getByRole("link", { name: "display.png" })).toBeVisible();
  // A handler's file beside the notes: the reporter never sees it.
  await page.getByRole("checkbox", { name: "Internal note" }).check();
  await page
    .getByLabel("Attach a file to the notes")
    .setInputFiles({ name: "risk-file.pdf", mimeType: "application/pdf", buffer: pdf });
  await expect(page.getByRole("link", { name: "risk-file.pdf" })).toBeVisible();
  await page.getByRole("checkbox", { name: "Internal note" }).uncheck();
  await page.getByLabel(/Reply to the reporter/).fill("Thank you. Please check the set is loaded as on page 2.");
  await page.getByRole("button", { name: "Send the reply" }).click();
  // In the history (the text area holds the same words until the reply is sent).
  const history = page.getByRole("list", { name: "History" });
  await expect(history.getByText("Thank you. Please check the set is loaded as on page 2.")).toBeVisible();
  await page.getByRole("checkbox", { name: "Internal note" }).check();
  const note = page.getByLabel(/Internal note \(the reporter never sees it\)/);
  await note.fill("Lot P1-00xx had a sensor recall.");
  await expect(note).toHaveValue("Lot P1-00xx had a sensor recall.");
  await page.getByRole("button", { name: "Add the note" }).click();
  await expect(history.getByText("Lot P1-00xx had a sensor recall.")).toBeVisible();
  await page.getByLabel("Status").selectOption({ label: "Resolved" });
  await expect(page.locator("header").getByText("Resolved", { exact: true })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("handler-issue.png"), fullPage: true });
  // The inbox exports what it shows, for trending in a spreadsheet.
  await page.getByRole("link", { name: "Support", exact: true }).first().click();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export these issues (CSV)" }).click(),
  ]);
  const csv = await (await download.createReadStream()).toArray();
  const text = Buffer.concat(csv).toString("utf8");
  expect(text.split("\n")[0]).toContain("number,reported,month,type,title,status,severity,product");
  expect(text).toContain(title);
  expect(text).toContain("P1-0042");
  // And counts them per month and per product.
  await page.getByText("Trends: issues per month and per product").click();
  await expect(page.getByRole("list", { name: "Per product (the 10 with most)" })).toContainText(
    "Helix P1 infusion pump: the basics",
  );
  await expect(page.getByRole("list", { name: "Per month (the last 12)" }).getByRole("listitem").first()).toBeVisible();
  // Narrowed to one customer, chosen among those with issues in reach.
  const customer = page.getByLabel("Customer", { exact: true });
  await customer.fill("Nowhere General");
  await expect(page.getByText("None with issues you reach matches this.")).toBeVisible();
  await customer.fill("St Olav University Hospital (Nordics)");
  await expect(page.getByText("None with issues you reach matches this.")).toHaveCount(0);
  await expect(page.getByTestId("issue-row").filter({ hasText: title })).toBeVisible();
  await signOut(page);

  // The reporter is emailed, reads the reply (never the note) and reopens the issue.
  await expect
    .poll(
      async () =>
        (await fetchStandInEmails(process.env.RESEND_BASE_URL!)).filter(
          (mail) => mail.to.includes("user@helix.example") && (mail.text ?? "").includes(title),
        ).length,
      { timeout: 20_000 },
    )
    .toBeGreaterThanOrEqual(2);
  await signIn(page, "user@helix.example");
  await page.goto(`/portal/support/${issueId}`);
  await expect(page.getByText("Thank you. Please check the set is loaded as on page 2.")).toBeVisible();
  await expect(page.getByText("Lot P1-00xx had a sensor recall.")).toHaveCount(0);
  await expect(page.getByText("risk-file.pdf")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "display.png" })).toBeVisible();
  await page.getByRole("button", { name: "Reopen the issue" }).click();
  await expect(page.locator("header").getByText("In progress", { exact: true })).toBeVisible();
});

test("an issue outside one's reach is not found, through the page and the API; signed out, nothing", async ({
  page,
}) => {
  const sql = database();
  let issueId: string;
  try {
    issueId = (
      await sql`select id from support_issues where title = 'Where is the cleaning guide for the P1 pump?'`
    )[0]!.id as string;
  } finally {
    await sql.end();
  }
  const byId = `/api/trpc/support.byId?input=${encodeURIComponent(JSON.stringify({ json: { issueId } }))}`;
  expect((await page.request.get(byId)).status()).toBe(401);
  // Laura (Barcelona) asks for the demo's question from St Olav: it does not exist for her.
  await signIn(page, "laura.garcia@clinic.example");
  expect((await page.request.get(byId)).status()).toBe(404);
  await page.goto(`/portal/support/${issueId}`);
  await expect(page.getByText("There is no such issue among yours.")).toBeVisible();
  await expect(page.getByText("Where is the cleaning guide")).toHaveCount(0);
  // The St Olav customer admin reads it (their hospital's person) but may not answer it.
  await signOut(page);
  await signIn(page, "customer@helix.example");
  await page.goto(`/dashboard/support/${issueId}`);
  await expect(page.getByRole("heading", { name: "Where is the cleaning guide for the P1 pump?" })).toBeVisible();
  await expect(page.getByText("its handlers answer it")).toBeVisible();
  await expect(page.getByLabel(/Reply to the reporter/)).toHaveCount(0);
  const respond = await page.request.post("/api/trpc/support.respond", {
    data: { json: { issueId, body: "Not mine to answer", internal: false } },
  });
  expect(respond.status()).toBe(403);
});

test("the issues of a suspended handler wait under Needs reassignment, where the unit's admin gives them to someone else at once", async ({
  page,
}) => {
  const title = `Reassign me ${Date.now()}`;
  const sql = database();
  try {
    // An issue whose handler has since been suspended (Erik Strand, suspended in the demo).
    await sql`insert into support_issues (type_id, reporter_id, customer_id, market_id, scope_path, unit_id, title, description, assignee_id)
      select t.id, u.id, i.customer_id, i.market_id, i.scope_path, t.default_unit_id, ${title}, 'Waiting.', (select id from users where email = 'erik.strand@stolav.example')
      from support_issue_types t, users u, support_issues i
      where t.name = 'Question about training' and u.email = 'user@helix.example' and i.number = 1`;
  } finally {
    await sql.end();
  }
  await signIn(page, "owner@helix.example");
  await page.goto("/dashboard/support");
  await page.getByRole("tab", { name: /Needs reassignment/ }).click();
  const row = page.getByTestId("issue-row").filter({ hasText: title });
  await row.getByRole("checkbox").check();
  const bar = page.getByTestId("reassign-bar");
  await bar.getByLabel("Give them to").selectOption({ label: "Sofia Lind" });
  await bar.getByRole("button", { name: "Reassign 1 issue" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 issue reassigned." })).toBeVisible();
  await expect(row).toHaveCount(0);
});

test("a report with wrong, empty, huge or hostile values gets a sentence and stores nothing; a cross-site one is refused; markup stays text", async ({
  page,
}) => {
  const sql = database();
  let types: { id: string; name: string }[];
  try {
    types = (await sql`select id, name from support_issue_types`) as unknown as { id: string; name: string }[];
  } finally {
    await sql.end();
  }
  const question = types.find((t) => t.name === "Question about training")!.id;
  const complaint = types.find((t) => t.name === "Device complaint")!.id;
  // This test's own reports only: the other tests of the file report at the same time.
  const count = async () => {
    const db = database();
    try {
      return Number((await db`select count(*)::int as n from support_issues where description = 'Fine'`)[0]!.n);
    } finally {
      await db.end();
    }
  };
  await signIn(page, "user@helix.example");
  const report = (json: Record<string, unknown>, headers: Record<string, string> = {}) =>
    page.request.post("/api/trpc/support.report", { data: { json }, headers });
  const valid = {
    typeId: question,
    itemId: null,
    title: "Fine",
    description: "Fine",
    severity: "low",
    device: null,
  };
  const before = await count();
  const refused: [Record<string, unknown>, RegExp][] = [
    [{ ...valid, title: "" }, /Say in a few words what the issue is/],
    [{ ...valid, description: "x".repeat(10_001) }, /under 10,000 characters/],
    [{ ...valid, severity: "apocalyptic" }, /Choose how serious it is/],
    [{ ...valid, typeId: "not-an-id" }, /Choose the kind of issue/],
    [{ ...valid, itemId: "00000000-0000-4000-8000-000000000000" }, /Choose the product or item from those you have/],
    [{ ...valid, typeId: complaint }, /For a device complaint/],
    [
      { ...valid, device: { serial: "X", eventDate: "2999-01-01", harm: false }, typeId: complaint },
      /cannot be in the future/,
    ],
    [{ ...valid, title: "a\u0000b" }, /NUL character/],
    [{ ...valid, reporterId: "00000000-0000-4000-8000-000000000000" }, /Unrecognized key|unrecognized/i],
  ];
  for (const [input, message] of refused) {
    const response = await report(input);
    expect(response.status(), JSON.stringify(input).slice(0, 80)).toBe(400);
    expect(await response.text()).toMatch(message);
  }
  // From another site: refused before anything runs.
  expect((await report(valid, { origin: "https://evil.example" })).status()).toBe(403);
  expect(await count()).toBe(before);

  // Markup in a report is shown as text to its handlers, never run.
  const hostile = `<img src=x onerror="window.pwned=1"> ${Date.now()}`;
  const created = await report({ ...valid, title: hostile, description: "<script>window.pwned=1</script>" });
  expect(created.status()).toBe(200);
  const { id } = ((await created.json()) as { result: { data: { json: { id: string } } } }).result.data.json;
  await page.goto(`/portal/support/${id}`);
  await expect(page.getByRole("heading", { name: hostile })).toBeVisible();
  await expect(page.getByText("<script>window.pwned=1</script>")).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
});

test("files on an issue over HTTP: only its reporter and handlers add them, only its readers fetch them; huge, wrong, malformed and cross-site uploads are refused and store nothing", async ({
  page,
  browser,
}) => {
  const sql = database();
  const files = async () =>
    Number((await sql`select count(*)::int as n from support_issue_events where kind = 'file'`)[0]!.n);
  try {
    const complaint = (await sql`select id from support_issue_types where name = 'Device complaint'`)[0]!.id as string;
    const question = (
      await sql`select id from support_issues where title = 'Where is the cleaning guide for the P1 pump?'`
    )[0]!.id as string;
    await signIn(page, "user@helix.example");
    const created = await page.request.post("/api/trpc/support.report", {
      data: {
        json: {
          typeId: complaint,
          itemId: null,
          title: `Files over HTTP ${Date.now()}`,
          description: "The display stays dark.",
          severity: "medium",
          device: { serial: "P1-0007", eventDate: "2026-11-30", harm: false },
        },
      },
    });
    const { id } = ((await created.json()) as { result: { data: { json: { id: string } } } }).result.data.json;
    const upload = (
      request: typeof page.request,
      issueId: string,
      file: { name: string; mimeType: string; buffer: Buffer },
      headers: Record<string, string> = {},
    ) => request.post(`/api/support/${issueId}/files`, { multipart: { file, internal: "true" }, headers });

    const before = await files();
    // Not a kind of file taken; empty; not multipart; from another site; larger than the cap.
    const html = { name: "photo.png", mimeType: "image/png", buffer: Buffer.from("<html><script>1</script>") };
    const wrong = await upload(page.request, id, html);
    expect(wrong.status()).toBe(400);
    expect(((await wrong.json()) as { error: string }).error).toMatch(/Choose a PDF, an image/);
    expect(
      (
        await upload(page.request, id, { name: "e.pdf", mimeType: "application/pdf", buffer: Buffer.alloc(0) })
      ).status(),
    ).toBe(400);
    const garbled = await page.request.post(`/api/support/${id}/files`, {
      data: "not a form",
      headers: { "content-type": "multipart/form-data; boundary=x" },
    });
    expect(garbled.status()).toBe(400);
    expect(
      (
        await upload(
          page.request,
          id,
          { name: "a.pdf", mimeType: "application/pdf", buffer: pdf },
          { origin: "https://evil.example" },
        )
      ).status(),
    ).toBe(403);
    const huge = await upload(page.request, id, {
      name: "big.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.concat([pdf, Buffer.alloc(26 * 1024 * 1024)]),
    });
    expect(huge.status()).toBe(413);
    // Their own issue of a type that takes no files (the demo's training question).
    expect(
      (await upload(page.request, question, { name: "a.pdf", mimeType: "application/pdf", buffer: pdf })).status(),
    ).toBe(400);
    expect(await files()).toBe(before);

    // The reporter's own file (asked to be internal: a reporter's files are always shared).
    const added = await upload(page.request, id, { name: "log.pdf", mimeType: "application/pdf", buffer: pdf });
    expect(added.status()).toBe(200);
    const { eventId } = (await added.json()) as { eventId: string };
    const fetched = await page.request.get(`/api/support/${id}/files/${eventId}`);
    expect(fetched.status()).toBe(200);
    expect(fetched.headers()["content-type"]).toBe("application/pdf");
    expect(fetched.headers()["content-disposition"]).toMatch(/^attachment;/);
    expect(fetched.headers()["x-content-type-options"]).toBe("nosniff");
    expect(Buffer.from(await fetched.body())).toEqual(pdf);
    // The procedures behind the routes are not reachable as API calls.
    expect(
      (
        await page.request.get(
          `/api/trpc/support.file?input=${encodeURIComponent(JSON.stringify({ json: { issueId: id, fileId: eventId } }))}`,
        )
      ).status(),
    ).toBe(404);

    // Signed out, another hospital's person: nothing, and nothing stored.
    const stranger = await browser.newContext({ baseURL: test.info().project.use.baseURL });
    try {
      expect((await stranger.request.get(`/api/support/${id}/files/${eventId}`)).status()).toBe(401);
      expect(
        (await upload(stranger.request, id, { name: "a.pdf", mimeType: "application/pdf", buffer: pdf })).status(),
      ).toBe(401);
      const laura = await stranger.newPage();
      await signIn(laura, "laura.garcia@clinic.example");
      expect((await stranger.request.get(`/api/support/${id}/files/${eventId}`)).status()).toBe(404);
      expect(
        (await upload(stranger.request, id, { name: "a.pdf", mimeType: "application/pdf", buffer: pdf })).status(),
      ).toBe(404);
      // A customer admin reads along and may fetch it, but not add files.
      await signOut(laura);
      await signIn(laura, "customer@helix.example");
      expect((await stranger.request.get(`/api/support/${id}/files/${eventId}`)).status()).toBe(200);
      expect(
        (await upload(stranger.request, id, { name: "a.pdf", mimeType: "application/pdf", buffer: pdf })).status(),
      ).toBe(403);
    } finally {
      await stranger.close();
    }
    expect(await files()).toBe(before + 1);
  } finally {
    await sql.end();
  }
});
