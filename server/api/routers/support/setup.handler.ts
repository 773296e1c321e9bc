import { createIssueType, listIssueTypes, retireIssueType, updateIssueType } from "../../../support/issue-types";
import { setStaffProfile, staffProfileOf } from "../../../support/staff";
import type { AuthedContext, HandlerOptions, UserContext } from "../../trpc";
import type { issueTypeFields, retireIssueTypeInput, staffProfileInput, updateIssueTypeInput } from "./setup.schema";

export const listTypesHandler = ({ ctx }: { ctx: AuthedContext }) => listIssueTypes(ctx.db, { includeArchived: true });

export const createTypeHandler = ({ ctx, input }: HandlerOptions<AuthedContext, typeof issueTypeFields>) =>
  createIssueType(ctx.db, ctx.audit, input);

export async function updateTypeHandler({ ctx, input }: HandlerOptions<AuthedContext, typeof updateIssueTypeInput>) {
  const { typeId, ...fields } = input;
  await updateIssueType(ctx.db, ctx.audit, typeId, fields);
  return { ok: true as const };
}

export const retireTypeHandler = ({ ctx, input }: HandlerOptions<AuthedContext, typeof retireIssueTypeInput>) =>
  retireIssueType(ctx.db, ctx.audit, input.typeId, input.action);

export const staffOfHandler = ({ ctx }: { ctx: UserContext }) => staffProfileOf(ctx.db, ctx.target.userId);

export async function setStaffHandler({ ctx, input }: HandlerOptions<UserContext, typeof staffProfileInput>) {
  const { userId, ...profile } = input;
  await setStaffProfile(ctx.db, ctx.audit, userId, profile);
  return { ok: true as const };
}
