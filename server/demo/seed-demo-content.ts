import { assignToNode } from "../content/assignments";
import {
  approveDraft,
  createContent,
  openVersionAsShown,
  publishApproved,
  type ContentVersionInput,
} from "../content/editing";
import type { Database } from "../db/client";
import { contentItems } from "../db/schema";
import type { DemoInstallation } from "./seed-demo";

const pumpCourse: ContentVersionInput = {
  title: "Helix P1 infusion pump: the basics",
  summary: "Set up, prime and start an infusion safely. About 15 minutes.",
  body: {
    kind: "course",
    pages: [
      {
        title: "Before you start",
        text: "This course takes about **15 minutes**. You need:\n\n- a Helix P1 pump\n- an administration set\n- the drug and the prescription",
        imageUrl: null,
        videoUrl: null,
      },
      {
        title: "Load the set",
        text: "Open the door, place the set in the guide and close the door until it clicks.",
        imageUrl: null,
        videoUrl: "https://video.helix.example/p1/load-the-set",
      },
      {
        title: "Prime and program",
        text: "1. Prime the line.\n2. Enter the rate and the volume to be infused.\n3. Check both against the prescription.",
        imageUrl: null,
        videoUrl: null,
      },
      {
        title: "Start and check",
        text: "Press **Start**. Check the drip chamber and the patient after the first minutes.",
        imageUrl: null,
        videoUrl: null,
      },
    ],
  },
};
const pumpProduct: ContentVersionInput = {
  title: "Helix P1 infusion pump",
  summary: "Volumetric infusion pump for wards and theatres.",
  body: {
    kind: "product",
    text: "## Key facts\n\n- Rates from 0.1 to 1,200 ml/h\n- 8 hours on battery\n- Drug library with hard and soft limits",
  },
};
const workshop: ContentVersionInput = {
  title: "Hands-on workshop: P1 in theatre",
  summary: "Two hours with a Helix clinical specialist.",
  body: {
    kind: "session",
    text: "Bring your own questions from the ward.",
    startsAt: "2027-01-14T09:00:00.000Z",
    place: "St Olav, simulation centre, room 2",
  },
};
const quickCard: ContentVersionInput = {
  title: "P1 quick reference card",
  summary: "Alarms and what to do, on one page.",
  body: {
    kind: "document",
    text: "| Alarm | Do |\n|---|---|\n| Occlusion | Check clamps and the line |\n| Air in line | Remove the air, restart |",
  },
};

/**
 * Published demo content, given the way the tree passes it on: the owner to the Nordics market and
 * to Royal Devon Clinic, the market to St Olav, St Olav to its Cardiology nurses, Royal Devon to its
 * Endoscopy unit. Idempotent: does nothing when content exists.
 */
export async function seedDemoContent(db: Database, demo: DemoInstallation): Promise<void> {
  const [existing] = await db.select({ id: contentItems.id }).from(contentItems).limit(1);
  if (existing) return;
  const owner = { actorId: demo.users.owner, ip: null };
  for (const version of [pumpCourse, pumpProduct, workshop, quickCard]) {
    const { itemId } = await createContent(db, owner, version);
    // Signed in the owner admin's name, as if she had approved and published them herself.
    // Signed as the demo's owner would sign them, on the version just written.
    await approveDraft(db, owner, itemId, "Olivia Owens", (await openVersionAsShown(db, itemId))!);
    await publishApproved(db, owner, itemId, "Olivia Owens", (await openVersionAsShown(db, itemId))!);
    await assignToNode(db, owner, { itemId, nodeId: demo.nodes.nordics, root: true });
    await assignToNode(
      db,
      { actorId: demo.users.market, ip: null },
      { itemId, nodeId: demo.nodes.stOlav, root: false },
    );
    await assignToNode(
      db,
      { actorId: demo.users.customer, ip: null },
      { itemId, nodeId: demo.nodes.cardiology, root: false },
    );
    if (version !== workshop) {
      await assignToNode(db, owner, { itemId, nodeId: demo.nodes.royalDevon, root: true });
      await assignToNode(db, owner, { itemId, nodeId: demo.nodes.endoscopy, root: false });
    }
  }
}

export const demoContentTitles = [pumpCourse, pumpProduct, workshop, quickCard].map((v) => v.title);
