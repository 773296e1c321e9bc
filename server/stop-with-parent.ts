/**
 * `npm run dev` starts Next.js and the worker as children of one stack process and sets
 * MEDTECH_STOP_WITH_PARENT for them. If that stack dies without stopping them (killed outright),
 * they stop too, rather than living on holding the port and the database's connections. Elsewhere
 * (production, tests) a process's parent is not its owner, so this does nothing.
 */
export function stopWithParent(): void {
  if (process.env.MEDTECH_STOP_WITH_PARENT !== "1") return;
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) process.kill(process.pid, "SIGTERM");
  }, 2000).unref();
}
