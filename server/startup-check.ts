import { env, EnvError } from "./env";

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
