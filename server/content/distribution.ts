import type { SQL } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { DomainError } from "../domain-error";
import { can, loadUserTarget, visibleNodesFilter, visibleUsersFilter, type Actor } from "../scope";
import { assignmentsOf, audienceOf, reachableContent } from "./assignments";
import { contentForEditor } from "./editing";
import { documentStore } from "./file-store";
import { portalItem } from "./portal";

/*
 * Content as an admin who passes it on sees it: what has reached their part of the organisation
 * (every item, for its editors), who has it within their scope, and what they may take back.
 */

/** Whether the actor edits content (the owner's admins): they give any item, others pass on what reached them. */
export const editsContent = (actor: Actor) => can(actor, "content.manage").allowed;

/** The nodes an item must have reached for the actor to pass it on; "all" for its editors. */
function distributionScope(actor: Actor): "all" | SQL {
  return editsContent(actor) ? "all" : visibleNodesFilter(actor, "customer_admin");
}

/** What the actor may pass on: what has reached the nodes they administer (everything, for an editor). */
export const contentToPassOn = (db: DbOrTx, actor: Actor) => reachableContent(db, distributionScope(actor));

/**
 * An item's kind and title as the actor may know them: every item for its editors (its newest
 * version), otherwise only one that has reached their part of the organisation.
 */
export async function contentHeading(db: DbOrTx, actor: Actor, itemId: string) {
  if (editsContent(actor)) {
    const found = await contentForEditor(db, itemId);
    const version = found?.open ?? found?.published;
    if (!found || !version) throw noSuchContent();
    return { kind: found.item.kind, title: version.title };
  }
  const reached = (await contentToPassOn(db, actor)).find((item) => item.id === itemId);
  if (!reached) throw noSuchContent();
  return { kind: reached.kind, title: reached.title };
}

/** How many people see the item now, among those in the actor's scope. */
export const audienceInScope = (db: DbOrTx, actor: Actor, itemId: string) =>
  audienceOf(db, itemId, visibleUsersFilter(actor));

/** Who has the item, as far as the actor's scope reaches (nodes and people they may see), and what they may take back. */
export async function assignmentsInScope(db: DbOrTx, actor: Actor, itemId: string) {
  const rows = await assignmentsOf(db, itemId);
  const visible = [];
  for (const row of rows) {
    if (row.nodeId && row.nodeKind && row.nodePath) {
      const target = { type: "node" as const, nodeId: row.nodeId, nodePath: row.nodePath, kind: row.nodeKind };
      if (can(actor, "node.read", target).allowed)
        visible.push({ ...row, mayRemove: can(actor, "content.assign", target).allowed });
    } else if (row.userId) {
      const target = await loadUserTarget(db, row.userId);
      if (target && can(actor, "user.read", target).allowed)
        visible.push({ ...row, mayRemove: can(actor, "content.assignUser", target).allowed });
    }
  }
  return visible;
}

/**
 * A document's file: the published version's to whoever has the document; an editor may ask for
 * the draft's. Anyone else: as for a document that does not exist.
 */
export async function documentFileFor(db: DbOrTx, actor: Actor, itemId: string, draft: boolean) {
  const editor = editsContent(actor);
  if (draft && !editor) throw noSuchContent();
  const found = editor ? await contentForEditor(db, itemId) : null;
  const body = editor
    ? (draft ? found?.open : found?.published)?.body
    : (await portalItem(db, actor.userId, itemId))?.version.body;
  if (body?.kind !== "document" || !body.file) throw noSuchContent();
  const bytes = await documentStore().get(body.file.key);
  if (!bytes) throw noSuchContent();
  return { bytes, type: body.file.type, name: body.file.name };
}

const noSuchContent = () => new DomainError("NOT_FOUND", "No such content.");
