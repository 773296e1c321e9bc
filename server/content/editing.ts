import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit, type AuditContext } from "../audit/record-audit";
import type { Database, DbOrTx } from "../db/client";
import { contentItems, contentVersions, courseProgress, type ContentBody, type ContentKind } from "../db/schema";
import { DomainError } from "../domain-error";
import { enqueue } from "../jobs/enqueue";
import { sessionInvitationsJob } from "../../workers/session-invitations";
import { assertApprovalHolds, signaturesOf, signVersion, versionContentHash } from "./signatures";

const httpsUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => /^https:\/\/[^\s]+$/.test(v), "Use a full https:// address.");

export const coursePageInput = z.object({
  title: z.string().trim().min(1, "Give the page a title.").max(200),
  text: z.string().max(20_000, "Keep a page under 20,000 characters."),
  imageUrl: httpsUrl.nullable(),
  videoUrl: httpsUrl.nullable(),
});

/** What an editor sends for a version: the title, a summary and the body of its kind. */
export const contentVersionInput = z.object({
  title: z.string().trim().min(1, "Give it a title.").max(200, "Keep the title under 200 characters."),
  summary: z.string().trim().max(1000, "Keep the summary under 1,000 characters."),
  body: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("product"), text: z.string().max(50_000) }),
    z.object({
      kind: z.literal("course"),
      pages: z.array(coursePageInput).min(1, "A course needs at least one page.").max(200, "At most 200 pages."),
    }),
    z.object({
      kind: z.literal("session"),
      text: z.string().max(20_000),
      startsAt: z.iso.datetime({ offset: true, error: "Enter the date and time." }),
      place: z.string().trim().min(1, "Say where it takes place.").max(300),
    }),
    z.object({ kind: z.literal("document"), text: z.string().max(20_000) }),
  ]),
});
export type ContentVersionInput = z.infer<typeof contentVersionInput>;

async function lockedItem(tx: DbOrTx, itemId: string) {
  const [item] = await tx.select().from(contentItems).where(eq(contentItems.id, itemId)).for("update");
  if (!item) throw new DomainError("NOT_FOUND", "No such content.");
  return item;
}

const openVersion = (tx: DbOrTx, itemId: string) =>
  tx
    .select()
    .from(contentVersions)
    .where(and(eq(contentVersions.itemId, itemId), inArray(contentVersions.status, ["draft", "approved"])))
    .then((rows) => rows[0] ?? null);

/** Creates an item with its first version, a draft. */
export async function createContent(
  db: Database,
  context: AuditContext,
  input: ContentVersionInput,
): Promise<{ itemId: string }> {
  return db.transaction(async (tx) => {
    const [item] = await tx
      .insert(contentItems)
      .values({ kind: input.body.kind, createdBy: context.actorId })
      .returning({ id: contentItems.id });
    // A document's file comes by upload (document-files.ts), never with the text.
    const body: ContentBody =
      input.body.kind === "document" ? { ...input.body, file: null } : (input.body as ContentBody);
    await tx.insert(contentVersions).values({
      itemId: item!.id,
      number: 1,
      title: input.title,
      summary: input.summary,
      body,
      createdBy: context.actorId,
    });
    await recordAudit(tx, context, {
      action: "content.created",
      targetType: "content",
      targetId: item!.id,
      after: { kind: input.body.kind, title: input.title },
    });
    return { itemId: item!.id };
  });
}

/**
 * Saves an edit: into the version in the works (an approved one goes back to draft, since what was
 * approved changed), or into a new draft after the published one. The published version is never
 * touched: the portal keeps showing it until the next one is published.
 */
export async function saveDraft(
  db: Database,
  context: AuditContext,
  itemId: string,
  input: ContentVersionInput,
): Promise<{ versionNumber: number }> {
  return db.transaction(async (tx) => {
    const item = await lockedItem(tx, itemId);
    if (input.body.kind !== item.kind)
      throw new DomainError("BAD_REQUEST", `This is a ${item.kind}: its kind cannot change.`);
    const open = await draftToChange(tx, context, itemId);
    // A document keeps its file: it changes only through an upload (document-files.ts).
    const keepFile = async (body: ContentBody): Promise<ContentBody> => {
      if (body.kind !== "document") return body;
      const base =
        open ??
        (
          await tx
            .select()
            .from(contentVersions)
            .where(and(eq(contentVersions.itemId, itemId), eq(contentVersions.status, "published")))
        )[0];
      return { ...body, file: base?.body.kind === "document" ? (base.body.file ?? null) : null };
    };
    const body = await keepFile(input.body as ContentBody);
    let number: number;
    if (open) {
      await tx
        .update(contentVersions)
        .set({ title: input.title, summary: input.summary, body })
        .where(eq(contentVersions.id, open.id));
      number = open.number;
    } else {
      const [last] = await tx
        .select({ number: contentVersions.number })
        .from(contentVersions)
        .where(eq(contentVersions.itemId, itemId))
        .orderBy(desc(contentVersions.number))
        .limit(1);
      number = (last?.number ?? 0) + 1;
      await tx
        .insert(contentVersions)
        .values({ itemId, number, title: input.title, summary: input.summary, body, createdBy: context.actorId });
    }
    await recordAudit(tx, context, {
      action: "content.draft_saved",
      targetType: "content",
      targetId: itemId,
      after: { version: number, title: input.title },
    });
    return { versionNumber: number };
  });
}

/**
 * The draft a change goes into. An approved version is signed and never changes: it is retired,
 * with its signature, and the change starts the next version, a copy of it as a draft.
 */
export async function draftToChange(tx: DbOrTx, context: AuditContext, itemId: string) {
  const open = await openVersion(tx, itemId);
  if (open?.status !== "approved") return open;
  await tx.update(contentVersions).set({ status: "retired" }).where(eq(contentVersions.id, open.id));
  const [next] = await tx
    .insert(contentVersions)
    .values({
      itemId,
      number: open.number + 1,
      title: open.title,
      summary: open.summary,
      body: open.body,
      createdBy: context.actorId,
    })
    .returning();
  return next!;
}

/**
 * Approves the draft, signed by `signerName`, who proved it is them (authenticateSigner in
 * server/content/signatures.ts): the signature is bound to the version's content. The caller has
 * asked the scope resolver for the Approve permission.
 */
export async function approveDraft(
  db: Database,
  context: AuditContext,
  itemId: string,
  signerName: string,
  shown: ShownVersion,
): Promise<void> {
  await db.transaction(async (tx) => {
    await lockedItem(tx, itemId);
    const open = await openVersion(tx, itemId);
    if (open?.status !== "draft")
      throw new DomainError(
        "PRECONDITION_FAILED",
        open ? "This version is approved already: publish it." : "There is no draft to approve.",
      );
    await assertSigningWhatWasShown(tx, open.id, shown);
    await tx
      .update(contentVersions)
      .set({ status: "approved", approvedBy: context.actorId, approvedAt: new Date() })
      .where(eq(contentVersions.id, open.id));
    const { contentHash } = await signVersion(tx, {
      versionId: open.id,
      signerId: context.actorId!,
      signerName,
      meaning: "approved",
      ip: context.ip,
    });
    await recordAudit(tx, context, {
      action: "content.approved",
      targetType: "content",
      targetId: itemId,
      after: { version: open.number, signedAs: signerName, meaning: "Approved", contentHash },
    });
  });
}

/**
 * Publishes the approved version, signed like the approval (whose signature must still hold for its
 * content); the one it replaces is retired. Needs the Publish permission. A course's next version
 * also settles its training: with `retrain`, completions of earlier versions no longer count and
 * everyone's way through the course starts again (the completions stay, as evidence); without, they
 * still count. For a course that had a version published, the choice must be made.
 */
export async function publishApproved(
  db: Database,
  context: AuditContext,
  itemId: string,
  signerName: string,
  shown: ShownVersion,
  training: { retrain?: boolean | undefined } = {},
): Promise<void> {
  await db.transaction(async (tx) => {
    const item = await lockedItem(tx, itemId);
    const open = await openVersion(tx, itemId);
    if (open?.status !== "approved")
      throw new DomainError(
        "PRECONDITION_FAILED",
        open ? "Approve this version before publishing it." : "There is no approved version to publish.",
      );
    await assertSigningWhatWasShown(tx, open.id, shown);
    await assertApprovalHolds(tx, open.id);
    const [replaced] = await tx
      .update(contentVersions)
      .set({ status: "retired" })
      .where(and(eq(contentVersions.itemId, itemId), eq(contentVersions.status, "published")))
      .returning({ number: contentVersions.number });
    const retrain = item.kind === "course" && replaced ? training.retrain : false;
    if (retrain === undefined)
      throw new DomainError(
        "BAD_REQUEST",
        `Choose whether the people trained on version ${replaced!.number} must retrain on version ${open.number}.`,
      );
    await tx
      .update(contentVersions)
      .set({ status: "published", publishedBy: context.actorId, publishedAt: new Date() })
      .where(eq(contentVersions.id, open.id));
    if (retrain) {
      await tx.update(contentItems).set({ countsFromVersion: open.number }).where(eq(contentItems.id, itemId));
      await tx
        .update(courseProgress)
        .set({ completedAt: null, percent: 0, pagesSeen: [], lastPage: 0, updatedAt: new Date() })
        .where(eq(courseProgress.itemId, itemId));
    }
    const { contentHash } = await signVersion(tx, {
      versionId: open.id,
      signerId: context.actorId!,
      signerName,
      meaning: "published",
      ip: context.ip,
    });
    // A session's new version invites everyone it reaches, each once, in a job of its own.
    if (item.kind === "session") await enqueue(tx, sessionInvitationsJob, { itemId, nodeId: null });
    await recordAudit(tx, context, {
      action: "content.published",
      targetType: "content",
      targetId: itemId,
      after: {
        version: open.number,
        signedAs: signerName,
        meaning: "Published",
        contentHash,
        ...(item.kind === "course" && replaced ? { retrain } : {}),
      },
    });
  });
}

/** Sets how many days people have to complete a course once it is theirs, or once they must retrain. */
export async function setTrainingPeriod(
  db: Database,
  context: AuditContext,
  itemId: string,
  days: number,
): Promise<void> {
  await db.transaction(async (tx) => {
    const item = await lockedItem(tx, itemId);
    if (item.kind !== "course") throw new DomainError("BAD_REQUEST", "Only a course has a training period.");
    if (item.trainingDueDays === days) return;
    await tx.update(contentItems).set({ trainingDueDays: days }).where(eq(contentItems.id, itemId));
    await recordAudit(tx, context, {
      action: "content.training_period_set",
      targetType: "content",
      targetId: itemId,
      before: { trainingDueDays: item.trainingDueDays },
      after: { trainingDueDays: days },
    });
  });
}

/** The content list of the owner's editors: each item with its published and in-the-works versions. */
export async function listContent(db: DbOrTx, filter: { kind?: ContentKind } = {}) {
  return db
    .select({
      id: contentItems.id,
      kind: contentItems.kind,
      createdAt: contentItems.createdAt,
      title: sql<string>`coalesce(open.title, pub.title)`,
      publishedVersion: sql<number | null>`pub.number`,
      openVersion: sql<number | null>`open.number`,
      openStatus: sql<"draft" | "approved" | null>`open.status`,
    })
    .from(contentItems)
    .leftJoin(sql`content_versions pub`, sql`pub.item_id = ${contentItems.id} and pub.status = 'published'`)
    .leftJoin(
      sql`content_versions open`,
      sql`open.item_id = ${contentItems.id} and open.status in ('draft', 'approved')`,
    )
    .where(filter.kind ? eq(contentItems.kind, filter.kind) : undefined)
    .orderBy(sql`coalesce(open.title, pub.title)`);
}

/** One item for its editor: the version in the works (or the published one to start from) and the published one. */
export async function contentForEditor(db: DbOrTx, itemId: string) {
  const [item] = await db.select().from(contentItems).where(eq(contentItems.id, itemId));
  if (!item) return null;
  const versions = await db
    .select()
    .from(contentVersions)
    .where(
      and(eq(contentVersions.itemId, itemId), inArray(contentVersions.status, ["draft", "approved", "published"])),
    );
  // Each version with its signatures (who, when, meaning, the content's hash they were given to).
  const signatures = await signaturesOf(
    db,
    versions.map((v) => v.id),
  );
  const withSignatures = (version: (typeof versions)[number] | undefined) =>
    version ? { ...version, signatures: signatures.filter((s) => s.versionId === version.id) } : null;
  const open = versions.find((v) => v.status !== "published");
  return {
    item,
    // The version in the works, with the hash of its content as shown: a signature is given to that.
    open: open ? { ...withSignatures(open)!, contentHash: await versionContentHash(db, open.id) } : null,
    published: withSignatures(versions.find((v) => v.status === "published")),
  };
}

/** The version in the works as a signer's page shows it: its id and the hash of its content; null when there is none. */
export async function openVersionAsShown(db: DbOrTx, itemId: string): Promise<ShownVersion | null> {
  const open = await openVersion(db, itemId);
  return open ? { versionId: open.id, contentHash: await versionContentHash(db, open.id) } : null;
}

/** What the signer read: the version and the hash of its content. A signature is refused for anything else. */
export interface ShownVersion {
  versionId: string;
  contentHash: string;
}

/**
 * Refuses a signature unless the version in the works is the one the signer read, with the content
 * they read: an edit saved meanwhile, or a request replayed for a later version, signs nothing.
 */
async function assertSigningWhatWasShown(tx: DbOrTx, openId: string, shown: ShownVersion): Promise<void> {
  if (openId !== shown.versionId || (await versionContentHash(tx, openId)) !== shown.contentHash)
    throw new DomainError(
      "PRECONDITION_FAILED",
      "This version changed after you opened it, so nothing was signed. Read it again, then sign.",
    );
}
