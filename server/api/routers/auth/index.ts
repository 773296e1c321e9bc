import { createTRPCRouter, publicProcedure } from "../../trpc";
import {
  authPageHandler,
  confirmEmailChangeHandler,
  emailChangeLinkHandler,
  loginHandler,
  passwordLinkHandler,
  requestPasswordResetHandler,
  setPasswordHandler,
} from "./auth.handler";
import {
  emailChangeLinkInput,
  loginInput,
  passwordLinkInput,
  requestPasswordResetInput,
  setPasswordInput,
} from "./auth.schema";

// Signing in and the single-use links: open to anyone, each guarded by its own rules (slots and
// locks, throttles, tokens), never by a session.
export const authRouter = createTRPCRouter({
  page: publicProcedure.query(authPageHandler),
  login: publicProcedure.input(loginInput).mutation(loginHandler),
  passwordLink: publicProcedure.input(passwordLinkInput).query(passwordLinkHandler),
  setPassword: publicProcedure.input(setPasswordInput).mutation(setPasswordHandler),
  requestPasswordReset: publicProcedure.input(requestPasswordResetInput).mutation(requestPasswordResetHandler),
  emailChangeLink: publicProcedure.input(emailChangeLinkInput).query(emailChangeLinkHandler),
  confirmEmailChange: publicProcedure.input(emailChangeLinkInput).mutation(confirmEmailChangeHandler),
});
