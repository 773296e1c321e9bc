import { z } from "zod";
import { passwordResetRequestInput } from "../../../auth/password-reset";

const token = z.string().min(1).max(200);

export const loginInput = z.union([
  // The first step: the address and password (their format is the login's own business: every
  // failure must look the same, so nothing here refuses them with a message of its own).
  z.object({ email: z.string().max(320), password: z.string().max(1024) }),
  // The second step with two-step verification: the challenge from the first and a code.
  z.object({ challenge: token, code: z.string().max(100) }),
]);
export const passwordLinkInput = z.object({ purpose: z.enum(["invitation", "password_reset"]), token });
export const setPasswordInput = passwordLinkInput.extend({ password: z.string().max(1024) });
export const requestPasswordResetInput = passwordResetRequestInput;
export const emailChangeLinkInput = z.object({ token });
