/**
 * `npm run bench -- --security`: the time from the failed login that reaches the lockout threshold
 * to the lock email at the Resend stand-in (limited to 2 requests a second, as Resend), through the
 * real worker process. Each of 50 accounts fails four times, then the fifth failure is timed from
 * the call (the code the sign-in route runs) to the email's arrival; one account every 600 ms,
 * each from its own network address so the per-IP throttle stays out of it.
 */
import { performance } from "node:perf_hooks";
import { attemptLogin } from "../../server/auth/login";
import { hashPassword } from "../../server/auth/password";
import { insertUser } from "../../server/users/create-user";
import { withEmailBenchInstallation } from "./email-installation";
import { percentile, sleep } from "./measure";

export function benchSecurity(accounts: number): Promise<Record<string, unknown>> {
  return withEmailBenchInstallation("security", async ({ db, demo, standIn, startWorker }) => {
    const passwordHash = await hashPassword("the right password, never typed here");
    const emails = Array.from({ length: accounts + 3 }, (_, i) => `lockable${i}@stolav.example`);
    for (const [i, email] of emails.entries())
      await insertUser(db, {
        email,
        firstName: "Lockable",
        lastName: `No ${i}`,
        passwordHash,
        status: "active",
        memberOf: [demo.nodes.cardiology],
      });
    startWorker();

    const lockEmailFor = (email: string) => standIn.emails().find((e) => e.to[0] === email && /locked/.test(e.subject));
    const samples: number[] = [];
    for (const [i, email] of emails.entries()) {
      const context = { ip: `10.3.${i >> 8}.${i & 255}`, userAgent: "bench" };
      for (let attempt = 0; attempt < 4; attempt++)
        await attemptLogin(db, { email, password: `wrong ${attempt}` }, context);
      await sleep(600);
      const started = performance.now();
      await attemptLogin(db, { email, password: "wrong 4" }, context);
      const deadline = Date.now() + 30_000;
      while (!lockEmailFor(email) && Date.now() < deadline) await sleep(5);
      // The first three warm the worker's paths (and wait for it to start).
      if (i >= 3 && lockEmailFor(email)) samples.push(performance.now() - started);
    }
    return {
      accounts,
      threshold_failure_to_lock_email: {
        n: samples.length,
        p50_ms: percentile(samples, 50),
        p95_ms: percentile(samples, 95),
        max_ms: percentile(samples, 100),
      },
      refused_with_429: standIn.rateLimited(),
    };
  });
}
