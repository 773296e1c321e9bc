import { changePassword } from "../../../auth/change-password";
import { issueSignInTicket } from "../../../auth/sign-in/ticket";
import { activeSessions, endOtherOwnSessions, endOwnSession } from "../../../auth/session";
import {
  beginEnrolment,
  confirmEnrolment,
  disableTwoFactor,
  renewRecoveryCodes,
  securityOverview,
} from "../../../auth/two-factor";
import type { AuthedContext, HandlerOptions } from "../../trpc";
import type {
  changePasswordInput,
  codeInput,
  disableTwoFactorInput,
  endSessionInput,
  enrolmentCodeInput,
  startTwoFactorInput,
} from "./security.schema";

const context = (ctx: AuthedContext) => ({ ip: ctx.ip, userAgent: ctx.userAgent, sessionId: ctx.sessionId ?? null });

/**
 * Changes one's own password. Every session ends with it, this one too: a single-use ticket comes
 * back for the page to open a new one for the person who made the change.
 */
export async function changePasswordHandler({ ctx, input }: HandlerOptions<AuthedContext, typeof changePasswordInput>) {
  const { problems } = await changePassword(ctx.db, ctx.actor.userId, input, context(ctx));
  return problems.length > 0
    ? { problems, ticket: null }
    : { problems, ticket: await issueSignInTicket(ctx.db, ctx.actor.userId) };
}

export const startTwoFactorHandler = ({ ctx, input }: HandlerOptions<AuthedContext, typeof startTwoFactorInput>) =>
  beginEnrolment(ctx.db, ctx.config.authSecret, ctx.actor.userId, input.password, context(ctx)).then(
    ({ qrCodeSvg, secret }) => ({ qrCodeSvg, secret }),
  );

export const confirmTwoFactorHandler = ({ ctx, input }: HandlerOptions<AuthedContext, typeof enrolmentCodeInput>) =>
  confirmEnrolment(ctx.db, ctx.config.authSecret, ctx.actor.userId, input.code, ctx.ip);

export async function disableTwoFactorHandler({
  ctx,
  input,
}: HandlerOptions<AuthedContext, typeof disableTwoFactorInput>) {
  await disableTwoFactor(ctx.db, ctx.config.authSecret, ctx.actor.userId, input, context(ctx));
  return { ok: true as const };
}

export const renewRecoveryCodesHandler = ({ ctx, input }: HandlerOptions<AuthedContext, typeof codeInput>) =>
  renewRecoveryCodes(ctx.db, ctx.config.authSecret, ctx.actor.userId, input.code, context(ctx));

export const securityHandler = async ({ ctx }: { ctx: AuthedContext }) => ({
  ...(await securityOverview(ctx.db, ctx.actor.userId)),
  awaitsTwoFactor: ctx.actor.awaitsTwoFactor,
});

/** One's own sessions that still work: device, browser, address, signed in, last seen. */
export const sessionsHandler = ({ ctx }: { ctx: AuthedContext }) =>
  activeSessions(ctx.db, ctx.actor.userId, ctx.sessionId ?? null);

export async function endSessionHandler({ ctx, input }: HandlerOptions<AuthedContext, typeof endSessionInput>) {
  await endOwnSession(ctx.db, ctx.audit, ctx.actor.userId, input.sessionId);
  return { ok: true as const };
}

export const endOtherSessionsHandler = async ({ ctx }: { ctx: AuthedContext }) => ({
  ended: await endOtherOwnSessions(ctx.db, ctx.audit, ctx.actor.userId, ctx.sessionId ?? null),
});
