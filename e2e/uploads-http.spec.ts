import http from "node:http";
import { expect, test } from "@playwright/test";
import { activeUser, database, signIn } from "./support/fixtures";

/*
 * No work before identity: an upload's body is not read until the API has said who is uploading
 * and that they may add a file there, and an instance reads only so many uploads at once.
 *
 * Each upload here declares 25 MB and sends 1 MB, then waits: a server that read (or walked) the
 * body before answering would wait for the rest forever, so an answer at all is the proof, on a
 * fast machine or a slow one.
 */

const declaredBytes = 25 * 1024 * 1024;

/** An upload that sends `sendBytes` of its declared 25 MB and holds the rest back. */
function heldUpload(url: string, headers: Record<string, string>, sendBytes = 1024 * 1024) {
  const request = http.request(url, {
    method: "POST",
    headers: { "content-type": "multipart/form-data; boundary=x", ...headers, "content-length": String(declaredBytes) },
  });
  const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
    request.on("response", (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    // The server may close the connection once it has answered without reading the rest.
    request.on("error", reject);
  });
  answered.catch(() => {});
  request.write(Buffer.alloc(sendBytes, 0x61));
  return { answered, abort: () => request.destroy() };
}

test("an upload from someone signed out is answered before its body is read, on every upload route and the API", async ({
  baseURL,
  request,
}) => {
  const someId = () => crypto.randomUUID();
  const routes = [
    `/api/boards/${someId()}/posts/${someId()}/files`,
    `/api/support/${someId()}/files`,
    `/api/content/${someId()}/file`,
  ];
  for (const path of routes) {
    const upload = heldUpload(`${baseURL}${path}`, {});
    const { status, body } = await upload.answered;
    upload.abort();
    expect(status, path).toBe(401);
    expect(body, path).toContain("Please sign in.");
  }
  // The API: a signed-out caller is read a public form's worth, and a larger body is refused as it
  // is declared, without waiting for it.
  const api = heldUpload(`${baseURL}/api/trpc/auth.requestPasswordReset`, { "content-type": "application/json" });
  expect((await api.answered).status).toBe(413);
  api.abort();
  const padded = await request.post("/api/trpc/auth.requestPasswordReset", {
    data: { json: { email: "someone@example.com", padding: "x".repeat(100 * 1024) } },
  });
  expect(padded.status()).toBe(413);
  expect(await padded.text()).toContain("The request is too large. Sign in first if you meant to.");
});

test("a person holds at most two uploads at once; a third is told to wait, and the instance answers others meanwhile", async ({
  page,
  baseURL,
}) => {
  // A person of this test's own (other tests upload as the demo's people at the same time): a
  // nurse with a post of her own on her hospital's board, which takes files.
  const email = `uploader.${Date.now()}@stolav.example`;
  await activeUser({ email, firstName: "Ulla", lastName: "Uploader" }, undefined, "Cardiology nurses");
  const sql = database();
  let boardId: string;
  try {
    boardId = (await sql`select id from boards where name = 'St Olav nurses'`)[0]!.id as string;
  } finally {
    await sql.end();
  }
  await signIn(page, email);
  const started = await page.request.post("/api/trpc/boards.startThread", {
    data: { json: { boardId, title: "Files, please", body: "The checklist follows." } },
  });
  expect(started.status()).toBe(200);
  const { postId } = (await started.json()).result.data.json as { postId: string };
  const path = `/api/boards/${boardId}/posts/${postId}/files`;
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  /** A complete form without a file: read at once when there is a slot (and refused in words), told to wait when not. */
  const emptyForm = () =>
    page.request.post(path, { headers: { "content-type": "multipart/form-data; boundary=x" }, data: "--x--\r\n" });

  // Two uploads she may make, their bodies still coming in.
  const held = [heldUpload(`${baseURL}${path}`, { cookie }), heldUpload(`${baseURL}${path}`, { cookie })];
  const answers: { status: number; body: string }[] = [];
  // (Aborted at the end: that rejection is ours, not an answer.)
  for (const upload of held)
    void upload.answered.then(
      (answer) => answers.push(answer),
      () => {},
    );
  try {
    // Once the API has allowed both, their slots are taken: a third is told to wait, unread.
    await expect(async () => {
      const third = await emptyForm();
      expect(answers, "the two uploads are still being received").toEqual([]);
      expect(third.status()).toBe(429);
      expect(await third.text()).toContain("Other uploads are in progress.");
    }).toPass({ timeout: 20_000 });
    // Meanwhile the instance answers everyone else.
    expect((await page.request.get("/api/health")).status()).toBe(200);
    expect((await page.request.get("/api/trpc/me.get")).status()).toBe(200);
  } finally {
    for (const upload of held) upload.abort();
  }
  // Once they are gone, the slots are free again: the form is read and answered in words.
  await expect(async () => {
    const response = await emptyForm();
    expect(response.status()).toBe(400);
    expect(await response.text()).toContain("Choose a file to upload.");
  }).toPass({ timeout: 20_000 });
});
