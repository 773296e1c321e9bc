import { eq } from "drizzle-orm";
import { createBoard, giveBoardToNode } from "../boards/boards";
import { reply, startThread } from "../boards/posts";
import type { Database } from "../db/client";
import { settings } from "../db/schema";
import type { DemoInstallation } from "./seed-demo";
import { withHospitalsAway } from "./moved-tree";

/**
 * Community boards in the demo: on, and a board of St Olav University Hospital, opened by its
 * customer admin and given to the whole hospital, with one thread and a reply. Runs once, with the
 * demo installation.
 */
export function seedDemoBoards(db: Database, demo: DemoInstallation): Promise<void> {
  return withHospitalsAway(db, demo, () => seedBoardsRows(db, demo));
}

async function seedBoardsRows(db: Database, demo: DemoInstallation): Promise<void> {
  await db.update(settings).set({ communityBoardsEnabled: true }).where(eq(settings.id, true));
  const admin = { actorId: demo.users.customer, ip: null };
  const { id: boardId } = await createBoard(db, admin, {
    nodeId: demo.nodes.stOlav,
    name: "St Olav nurses",
    description: "Questions and tips about the P1 pump between the wards of St Olav.",
  });
  await giveBoardToNode(db, admin, boardId, demo.nodes.stOlav);
  const { threadId } = await startThread(db, demo.users.group, boardId, {
    title: "Priming the P1 on night shifts",
    body: "Does anyone keep a **checklist** at the pump for priming? Ours keeps falling off the pole.",
  });
  await reply(
    db,
    demo.users.product,
    boardId,
    { threadId, body: "We tape a laminated card to the stand. Happy to share the file." },
    "member",
  );
}
