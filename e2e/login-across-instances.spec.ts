import http from "node:http";
import { expect, test } from "@playwright/test";
import { activeUser, database, demoPassword, signIn } from "./support/fixtures";
import { fetchStandInEmails } from "./support/resend-stand-in";

// Sign-in guesses against both app instances at once, as an attacker behind a load balancer sends
// them. Each test sends from an address of its own on loopback (127.0.0.x, bound as the source), so
// its failures count toward that address's throttle and not the rest of the suite's.
const ports = [Number(process.env.E2E_APP_PORT ?? 3100), Number(process.env.E2E_APP_PORT ?? 3100) + 1];

/** One sign-in attempt over HTTP (the login procedure the form's action calls), from `from`. */
function attempt(port: number, from: string, email: string, password: string): Promise<string> {
  const body = JSON.stringify({ json: { email, password } });
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port,
        localAddress: from,
        method: "POST",
        path: "/api/trpc/auth.login",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (response) => {
        let text = "";
        response.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
        response.on("end", () => {
          if (response.statusCode !== 200) return reject(new Error(`${response.statusCode}: ${text}`));
          resolve((JSON.parse(text) as { result: { data: { json: { outcome: string } } } }).result.data.json.outcome);
        });
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

test("wrong passwords sent to both instances at once lock the account once, with one email", async () => {
  const email = `race.${Date.now()}@royaldevon.example`;
  const userId = await activeUser({ email, firstName: "Rae", lastName: "Sing" });
  const outcomes = await Promise.all(
    Array.from({ length: 12 }, (_, i) => attempt(ports[i % 2]!, "127.0.0.21", email, `guess ${i}`)),
  );
  expect(new Set(outcomes)).toEqual(new Set(["failed"]));
  // Locked: the right password, through either instance, is refused alike.
  for (const port of ports) expect(await attempt(port, "127.0.0.21", email, demoPassword)).toBe("failed");

  const sql = database();
  try {
    const locks = await sql`select failures from account_locks where user_id = ${userId}`;
    expect(locks).toHaveLength(1);
    expect(locks[0]!.failures).toBe(5);
    // Past the threshold nothing more was checked against the password.
    const [checked] =
      await sql`select count(*)::int as n from login_attempts where user_id = ${userId} and reason = 'wrong_password'`;
    expect(checked!.n).toBe(5);
  } finally {
    await sql.end();
  }
  const lockEmails = async () =>
    (await fetchStandInEmails(process.env.RESEND_BASE_URL!)).filter(
      (m) => m.to.includes(email) && /was locked after 5 failed sign-in attempts/.test(m.text ?? ""),
    ).length;
  await expect.poll(lockEmails, { timeout: 20_000 }).toBe(1);
});

test("the per-address throttle is one count across instances: past 30 failures even the right password is refused, from that address only", async ({
  page,
}) => {
  const stamp = Date.now();
  const email = `throttled.${stamp}@royaldevon.example`;
  await activeUser({ email, firstName: "Theo", lastName: "Rottled" });
  const from = "127.0.0.22";
  // 30 failures over many accounts (unknown addresses), alternating between the instances.
  await Promise.all(
    Array.from({ length: 30 }, (_, i) => attempt(ports[i % 2]!, from, `nobody.${stamp}.${i}@royaldevon.example`, "x")),
  );
  // Through either instance, the right password from that address is refused unchecked…
  for (const port of ports) expect(await attempt(port, from, email, demoPassword)).toBe("failed");
  const sql = database();
  try {
    const [account] =
      await sql`select count(*)::int as n from account_locks a join users u on u.id = a.user_id where u.email = ${email}`;
    expect(account!.n).toBe(0);
  } finally {
    await sql.end();
  }
  // …while from another address the same person signs in.
  expect(await attempt(ports[1]!, "127.0.0.23", email, demoPassword)).not.toBe("failed");
  await signIn(page, email);
  await expect(page).toHaveURL(/\/portal/);
});
