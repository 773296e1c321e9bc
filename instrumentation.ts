/**
 * Runs once when the Next.js server starts. The check lives in a Node-only module, because this
 * file is also compiled for the Edge runtime, which has no process.exit.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { exitOnInvalidEnv, exitWithoutFrontDoor } = await import("./server/startup-check");
    exitOnInvalidEnv();
    exitWithoutFrontDoor();
  }
}
