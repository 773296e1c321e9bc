/**
 * Runs once when the Next.js server starts: validates the environment so a missing or malformed
 * variable stops the server at once, with a message naming it, instead of failing a request later.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env, EnvError } = await import("./server/env");
  try {
    env();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
