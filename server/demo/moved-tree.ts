import type { Database } from "../db/client";
import { moveCustomer } from "../organisation/manage-nodes";
import type { DemoInstallation } from "./seed-demo";

/*
 * The isolation matrices run a second time on a demo whose hospitals were moved into place
 * (DEMO_TREE_MOVED=1, `npm test`'s "after moves" suite): St Olav and the Clínic are created under
 * each other's market, the seeds of people, support issues and boards write their rows there, and
 * the real moveCustomer then brings them home (content is passed down market by market, so its seed
 * runs with the hospitals at home). The tree ends as the demo's always is, so every matrix expects what it always does; any
 * copy of where something sat that the move did not follow (a scope, an issue's market, a cached
 * path) lets the old market's people in, or keeps the new ones out, and a matrix says so.
 */

export const demoTreeMoved = (): boolean => process.env.DEMO_TREE_MOVED === "1";

const system = { actorId: null, ip: null };

/** Brings both hospitals to the markets the demo has them in. */
export async function moveHospitalsHome(db: Database, demo: DemoInstallation): Promise<void> {
  await moveCustomer(db, system, demo.nodes.stOlav, demo.nodes.nordics);
  await moveCustomer(db, system, demo.nodes.clinic, demo.nodes.iberia);
}

/**
 * Runs a seed with the hospitals away (each under the other's market) and brings them home after
 * it, when the tree is to be moved; otherwise just runs it.
 */
export async function withHospitalsAway<T>(db: Database, demo: DemoInstallation, seed: () => Promise<T>): Promise<T> {
  if (!demoTreeMoved()) return seed();
  await moveCustomer(db, system, demo.nodes.stOlav, demo.nodes.iberia);
  await moveCustomer(db, system, demo.nodes.clinic, demo.nodes.nordics);
  const result = await seed();
  await moveHospitalsHome(db, demo);
  return result;
}
