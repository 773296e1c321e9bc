import type { User } from "../db/schema";

export type AccessRefusal = "suspended" | "locked";

/** Why this user may not use the system right now, or null if they may. */
export function accessRefusal(user: Pick<User, "suspendedAt" | "lockedUntil">, now: Date): AccessRefusal | null {
  if (user.suspendedAt) return "suspended";
  if (user.lockedUntil && user.lockedUntil > now) return "locked";
  return null;
}
