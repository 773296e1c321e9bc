import { hash, verify } from "@node-rs/argon2";

// OWASP's minimum for argon2id: 19 MiB, 2 iterations, 1 lane.
const argon2Options = {
  // 2 = Algorithm.Argon2id (a const enum, which isolated modules cannot read).
  algorithm: 2,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2Options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash is a failed check, never a crash of the login path.
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * A hash to verify against when no account matches, so a login for an unknown email costs the
 * same time as one for a known email and the timing reveals nothing.
 */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword("not-a-real-password-only-equalises-timing");
  return dummyHash;
}
