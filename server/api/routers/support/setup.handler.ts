import type { z } from "zod";
import { createIssueType, listIssueTypes, retireIssueType, updateIssueType } from "../../../support/issue-types";
import { setStaffProfile, staffProfileOf } from "../../../support/staff";
import type { AuthedContext, UserContext } from "../../trpc";
import type { issueTypeFields, retireIssueTypeInput, staffProfileInput, updateIssueTypeInput } from "./setup.schema";

type Args<S extends z.ZodType> = { ctx: AuthedContext; input: z.infer<S> };

export const listTypesHandler = ({ ctx }: { ctx: AuthedContext }) => listIssueTypes(ctx.db, { includeArchived: true });

export const createTypeHandler = ({ ctx, input }: Args<typeof issueTypeFields>) =>
  createIssueType(ctx.db, ctx.audit, input);

export async function updateTypeHandler({ ctx, input }: Args<typeof updateIssueTypeInput>) {
  const { typeId, ...fields } = input;
  await updateIssueType(ctx.db, ctx.audit, typeId, fields);
  return { ok: true as const };
}

export const retireTypeHandler = ({ ctx, input }: Args<typeof retireIssueTypeInput>) =>
  retireIssueType(ctx.db, ctx.audit, input.typeId, input.action);

export const staffOfHandler = ({ ctx }: { ctx: UserContext }) => staffProfileOf(ctx.db, ctx.target.userId);

export async function setStaffHandler({ ctx, input }: { ctx: UserContext; input: z.infer<typeof staffProfileInput> }) {
  const { userId, ...profile } = input;
  await setStaffProfile(ctx.db, ctx.audit, userId, profile);
  return { ok: true as const };
}
