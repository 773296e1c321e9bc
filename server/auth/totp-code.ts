import { z } from "zod";

/**
 * A code as a person types it: six digits from the authenticator app, or a recovery code. Its own
 * module: the login (which parses it at load) and two-step verification (which asks the login to
 * count wrong codes) import each other's functions, and a shared constant would be read too early.
 */
export const totpCode = z
  .string()
  .trim()
  .transform((v) => v.replace(/\s+/g, ""))
  .pipe(
    z
      .string()
      .regex(/^(\d{6}|[A-Za-z0-9-]{12,16})$/, "Enter the 6-digit code from your app, or one of your recovery codes."),
  );
