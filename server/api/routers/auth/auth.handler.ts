import { findUsableToken } from "../../../auth/account-tokens";
import { attemptLogin, attemptSecondFactor } from "../../../auth/login";
import { issueSignInTicket } from "../../../auth/sign-in/ticket";
import { personForLink } from "../../../auth/password-link";
import { requestPasswordReset, resetPassword } from "../../../auth/password-reset";
import { deviceCookie, deviceCookieValue, trustDevice } from "../../../auth/trusted-devices";
import { acceptInvitation } from "../../../invitations/accept";
import { getSettings } from "../../../settings/get-settings";
import { hospitalAdminsOf } from "../../../users/admin-contacts";
import { landingPathFor } from "../../../users/app-shell";
import { confirmEmailChange } from "../../../users/change-email";
import type { HandlerOptions, InnerContext } from "../../trpc";
import type {
  emailChangeLinkInput,
  loginInput,
  passwordLinkInput,
  requestPasswordResetInput,
  setPasswordInput,
} from "./auth.schema";

/** What the signed-out pages show: the installation's name, whether requests are open, and whether one is signed in already. */
export async function authPageHandler({ ctx }: { ctx: InnerContext }) {
  const settings = await getSettings(ctx.db);
  return {
    installationName: settings.installationName,
    registrationRequestsEnabled: settings.registrationRequestsEnabled,
    autoApproveEnabled: settings.autoApproveEnabled,
    signedIn: ctx.sessionUserId !== null,
  };
}

/**
 * One step of the sign-in: the password, then (with two-step verification) the code. A login that
 * passes comes back as a single-use ticket for next-auth to open the session, and, from a browser
 * the person had not signed in from, the token of a new device cookie.
 */
export async function loginHandler({ ctx, input }: HandlerOptions<InnerContext, typeof loginInput>) {
  const context = { ip: ctx.ip, userAgent: ctx.userAgent, deviceTokens: ctx.deviceTokens ?? [] };
  const result =
    "challenge" in input
      ? await attemptSecondFactor(ctx.db, ctx.config.authSecret, input, context)
      : await attemptLogin(ctx.db, input, context);
  // The password (and code) were right, but the account is suspended: the person is told so, and
  // whom to ask when the owner shares their hospital's administrators.
  if (result.ok === false && result.suspended) {
    const { showAdminContactsWhenSuspended } = await getSettings(ctx.db);
    return {
      outcome: "suspended" as const,
      contacts: showAdminContactsWhenSuspended ? await hospitalAdminsOf(ctx.db, result.suspended.userId) : [],
    };
  }
  if (result.ok === false)
    return { outcome: "failed" as const, step: "challenge" in input ? ("code" as const) : ("password" as const) };
  if (result.ok === "second_factor") return { outcome: "second_factor" as const, challenge: result.challenge };
  return {
    outcome: "signed_in" as const,
    ticket: await issueSignInTicket(ctx.db, result.userId),
    // Straight to where their role takes them (no hop through "/").
    landing: await landingPathFor(ctx.db, result.userId),
    // The cookie to set (by the page, which owns the response): none when the browser is known already.
    deviceCookie: result.knownDevice
      ? null
      : {
          name: deviceCookie.name,
          value: deviceCookieValue(ctx.deviceTokens ?? [], await trustDevice(ctx.db, result.userId)),
          options: {
            httpOnly: true,
            sameSite: "lax" as const,
            secure: new URL(ctx.config.appUrl).protocol === "https:",
            path: "/",
            maxAge: deviceCookie.maxAgeSeconds,
          },
        },
  };
}

export const passwordLinkHandler = ({ ctx, input }: HandlerOptions<InnerContext, typeof passwordLinkInput>) =>
  personForLink(ctx.db, input.purpose, input.token);

/** Sets a password through an invitation or a reset link; the page then signs the person in. */
export const setPasswordHandler = ({ ctx, input }: HandlerOptions<InnerContext, typeof setPasswordInput>) =>
  input.purpose === "invitation"
    ? acceptInvitation(ctx.db, input.token, input.password, ctx.ip)
    : resetPassword(ctx.db, input.token, input.password, ctx.ip);

export async function requestPasswordResetHandler({
  ctx,
  input,
}: HandlerOptions<InnerContext, typeof requestPasswordResetInput>) {
  await requestPasswordReset(ctx.db, { appUrl: ctx.config.appUrl, secret: ctx.config.authSecret }, input, {
    ip: ctx.ip,
  });
  return { ok: true as const };
}

/** The new address an email-change link confirms, while it still works; null otherwise. */
export async function emailChangeLinkHandler({
  ctx,
  input,
}: HandlerOptions<InnerContext, typeof emailChangeLinkInput>) {
  const usable = await findUsableToken(ctx.db, "email_change", input.token);
  return usable?.newEmail ? { newEmail: usable.newEmail } : null;
}

export const confirmEmailChangeHandler = ({ ctx, input }: HandlerOptions<InnerContext, typeof emailChangeLinkInput>) =>
  confirmEmailChange(ctx.db, input.token, ctx.ip);
