import { lastVerification, runVerification } from "../../../audit/verification";
import type { AuthedContext, HandlerOptions } from "../../trpc";
import type { verifyAuditInput } from "./verify.schema";

/** Checks the trail (on from the last check, or the whole of it) and records the result. */
export function verifyHandler({ ctx, input }: HandlerOptions<AuthedContext, typeof verifyAuditInput>) {
  return runVerification(ctx.db, ctx.audit, { whole: input.whole });
}

/** The latest check's result, whoever ran it (the nightly whole check, or an owner admin). */
export function lastVerificationHandler({ ctx }: { ctx: AuthedContext }) {
  return lastVerification(ctx.db);
}
