import { z } from "zod";
import { totpCode } from "../../../auth/totp-code";

export const changePasswordInput = z.object({ current: z.string().max(1024), next: z.string().max(1024) });
export const enrolmentCodeInput = z.object({
  code: totpCode.pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code your app shows.")),
});
export const codeInput = z.object({ code: totpCode });
/** Turning two-step verification on asks for the password again: a session alone does not enrol. */
export const startTwoFactorInput = z.object({ password: z.string().max(1024) });
export const disableTwoFactorInput = z.object({ password: z.string().max(1024), code: totpCode });
export const endSessionInput = z.object({ sessionId: z.uuid() });
