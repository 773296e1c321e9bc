import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import { DomainError } from "../../../domain-error";
import { env } from "../../../env";
import { deleteUser, setSuspended } from "../../../users/manage-user";
import { removePhotoFile } from "../../../users/photo";
import { inviteUser } from "../../../invitations/invite";
import { addToGroup } from "../../../users/placements";
import type { AuthedContext } from "../../trpc";
import type { bulkActionInput } from "./bulk.schema";

export interface BulkOutcome {
  userId: string;
  ok: boolean;
  message: string | null;
}

/**
 * Applies one action to each selected user, each asked of the scope resolver and done in its own
 * transaction: one user the admin may not touch is reported and skipped, the rest go through.
 */
export async function bulkActionHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext;
  input: z.infer<typeof bulkActionInput>;
}): Promise<{ outcomes: BulkOutcome[] }> {
  const audit = ctx.audit;
  const groupId = input.groupId;
  if (input.action === "addToGroup" && groupId) await ctx.requireNode("group.members", groupId);
  const outcomes: BulkOutcome[] = [];
  for (const userId of input.userIds) {
    try {
      // Adding to a group is a membership of the admin's own; the rest act on the whole account.
      await ctx.requireUser(input.action === "addToGroup" ? "user.membership" : "user.account", userId);
      if (input.action === "invite")
        await inviteUser(ctx.db, audit, { appUrl: env().APP_URL, secret: env().AUTH_SECRET }, userId);
      else if (input.action === "suspend" || input.action === "reactivate")
        await setSuspended(ctx.db, audit, userId, input.action === "suspend");
      else if (input.action === "addToGroup" && groupId) await addToGroup(ctx.db, audit, userId, groupId);
      else if (input.action === "delete")
        await removePhotoFile(
          env().UPLOAD_DIR,
          (await deleteUser(ctx.db, audit, userId, { bulkConfirmed: true })).photoPath,
        );
      outcomes.push({ userId, ok: true, message: null });
    } catch (error) {
      if (!(error instanceof TRPCError || error instanceof DomainError)) throw error;
      outcomes.push({ userId, ok: false, message: error.message });
    }
  }
  return { outcomes };
}
