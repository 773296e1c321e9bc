import { env, EnvError } from "./env";
import { behindFrontDoor } from "./http/front-door";

/**
 * Validates the environment at start-up: a missing or malformed variable stops the process at
 * once with a message naming it (no stack trace), instead of failing a request later.
 */
export function exitOnInvalidEnv(prefix = ""): ReturnType<typeof env> {
  try {
    return env();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(`${prefix}${error.message}`);
    process.exit(1);
  }
}

/**
 * The web app must run behind the front door (`npm start`, scripts/serve.ts): without it the
 * client's address, the cross-site check and the security headers would be missing. Plain
 * `next start` is refused in production rather than run half-protected.
 */
export function exitWithoutFrontDoor(): void {
  if (process.env.NODE_ENV !== "production" || behindFrontDoor()) return;
  console.error(
    "Start the web app with `npm start` (scripts/serve.ts), not `next start`: it sets the client's address and the security checks every request needs.",
  );
  process.exit(1);
}
