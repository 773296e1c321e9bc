import { sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";

/**
 * One budget of provider calls for the whole installation, kept in PostgreSQL: every worker
 * reserves the next free moment on the provider's row (`provider_rate_slots`), taken in turn under
 * the row's lock and measured by the database's clock, so four workers together start no more calls
 * a second than one would (Resend allows 2 by default), and none meets a 429 for it.
 */
export function createSharedRateLimiter(
  db: DbOrTx,
  provider: string,
  perSecond: number,
): { take: () => Promise<{ at: Date }> } {
  // A 5 % margin: calls from different processes reach the provider with a few tens of
  // milliseconds of jitter (waking up, sending the body), and one that lands early in the
  // provider's window costs a 429 and a whole second of Retry-After, far more than the margin does.
  const spacingMs = (1000 / perSecond) * 1.05;
  // A call that would leave later than this after its moment gives the moment up and takes the next
  // free one: a late call bunches up with the next worker's punctual one (a busy machine wakes a
  // process late), and the provider counts any 2 in a second.
  const lateToleranceMs = spacingMs * 0.05;
  async function reserve(): Promise<{ at: Date; late: boolean }> {
    const asked = performance.now();
    const [slot] = await db.execute<{ waitMs: number; atMs: number }>(sql`
        insert into provider_rate_slots (provider, next_at)
        values (${provider}, clock_timestamp() + make_interval(secs => ${spacingMs / 1000}))
        on conflict (provider) do update
          set next_at = greatest(provider_rate_slots.next_at, clock_timestamp()) + make_interval(secs => ${spacingMs / 1000})
        returning greatest(0, extract(epoch from (next_at - make_interval(secs => ${spacingMs / 1000}) - clock_timestamp())) * 1000)::float as "waitMs",
          (extract(epoch from (next_at - make_interval(secs => ${spacingMs / 1000}))) * 1000)::float as "atMs"`);
    if (!slot) throw new Error("the provider's rate row returned nothing");
    // The reserved moment on this process's clock: the database took it about half-way through the
    // round trip.
    const wakeAt = asked + (performance.now() - asked) / 2 + slot.waitMs;
    if (slot.waitMs > 0) await new Promise((resolve) => setTimeout(resolve, slot.waitMs));
    // The moment reserved for this call, by the database's clock.
    return { at: new Date(slot.atMs), late: performance.now() - wakeAt > lateToleranceMs };
  }
  return {
    async take() {
      for (let attempt = 1; ; attempt++) {
        const slot = await reserve();
        if (!slot.late || attempt === 5) return { at: slot.at };
      }
    },
  };
}
