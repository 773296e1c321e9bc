import NextAuth, { type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "../db/client";
import { env } from "../env";
import { attemptLogin, redeemSignInTicket } from "./login";
import { requestInfo } from "./request-info";
import { sessionIsCurrent } from "./session";

declare module "next-auth" {
  interface User {
    sessionVersion?: number;
  }
  interface Session {
    userId: string;
  }
}

const tokenClaims = z.object({ uid: z.uuid(), sv: z.number().int() });
const ticketInput = z.object({ ticket: z.string().min(1).max(100) });

// Built lazily so importing this module (e.g. during `next build`) does not require the environment.
export const { handlers, auth, signIn, signOut } = NextAuth((): NextAuthConfig => ({
  secret: env().AUTH_SECRET,
  trustHost: true,
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/login" },
  logger: {
    // A failed sign-in is expected traffic and already recorded in login_attempts; logging a
    // stack trace for each would flood the log during a credential-stuffing attempt.
    error(error) {
      if (error.name !== "CredentialsSignin") console.error("[auth]", error);
    },
  },
  providers: [
    Credentials({
      credentials: { email: { type: "email" }, password: { type: "password" }, code: { type: "text" }, ticket: { type: "text" } },
      async authorize(credentials, request) {
        // The sign-in page checks the password (and code) itself and hands over a ticket.
        const ticket = ticketInput.safeParse(credentials);
        if (ticket.success) {
          const redeemed = await redeemSignInTicket(db(), ticket.data.ticket);
          return redeemed ? { id: redeemed.userId, sessionVersion: redeemed.sessionVersion } : null;
        }
        // An HTTP client sends the email and password, and the code when the account needs one, at once.
        const result = await attemptLogin(db(), credentials, requestInfo(request.headers), env().AUTH_SECRET);
        return result.ok === true ? { id: result.userId, sessionVersion: result.sessionVersion } : null;
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user?.id !== undefined) {
        return { ...token, uid: user.id, sv: user.sessionVersion ?? 0 };
      }
      const claims = tokenClaims.safeParse(token);
      // Returning null ends the session: the cookie is cleared and the user is signed out.
      if (!claims.success || !(await sessionIsCurrent(db(), claims.data.uid, claims.data.sv))) return null;
      return token;
    },
    session({ session, token }) {
      return { ...session, userId: typeof token.uid === "string" ? token.uid : "" };
    },
  },
}));
