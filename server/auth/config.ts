import NextAuth, { type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "../db/client";
import { env } from "../env";
import { attemptLogin } from "./login";
import { redeemSignInTicket } from "./sign-in/ticket";
import { requestInfo } from "./request-info";
import { endSession, sessionIsCurrent, startSession } from "./session";
import { deviceTokensFromHeaders } from "./trusted-devices";

declare module "next-auth" {
  interface User {
    sessionVersion?: number;
    sessionId?: string;
  }
  interface Session {
    userId: string;
    /** The server-side session (user_sessions) this cookie names. */
    sessionId: string;
  }
}

const tokenClaims = z.object({ uid: z.uuid(), sv: z.number().int(), sid: z.uuid() });
const ticketInput = z.object({ ticket: z.string().min(1).max(100) });

/**
 * The cookie's own lifetime. The real limits (idle, absolute; Settings, at most 24 hours) are
 * enforced on the server from the session's row on every request: next-auth renews the cookie on
 * every call, so its maxAge alone would only ever be an idle limit.
 */
const cookieMaxAgeSeconds = 24 * 60 * 60;

// Built lazily so importing this module (e.g. during `next build`) does not require the environment.
export const { handlers, auth, signIn, signOut } = NextAuth((): NextAuthConfig => ({
  secret: env().AUTH_SECRET,
  trustHost: true,
  session: { strategy: "jwt", maxAge: cookieMaxAgeSeconds },
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
      credentials: {
        email: { type: "email" },
        password: { type: "password" },
        code: { type: "text" },
        ticket: { type: "text" },
      },
      async authorize(credentials, request) {
        const context = requestInfo(request.headers);
        // The sign-in page checks the password (and code) itself and hands over a ticket.
        const ticket = ticketInput.safeParse(credentials);
        const checked = ticket.success
          ? await redeemSignInTicket(db(), ticket.data.ticket)
          : // An HTTP client sends the email and password, and the code when the account needs one, at once.
            await attemptLogin(
              db(),
              credentials,
              { ...context, deviceTokens: deviceTokensFromHeaders(request.headers) },
              env().AUTH_SECRET,
            ).then((result) => (result.ok === true ? result : null));
        if (!checked) return null;
        const sessionId = await startSession(db(), {
          userId: checked.userId,
          sessionVersion: checked.sessionVersion,
          ...context,
        });
        return { id: checked.userId, sessionVersion: checked.sessionVersion, sessionId };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user?.id !== undefined && user.sessionId) {
        return { ...token, uid: user.id, sv: user.sessionVersion ?? 0, sid: user.sessionId };
      }
      const claims = tokenClaims.safeParse(token);
      // Returning null ends the session: the cookie is cleared and the user is signed out.
      if (
        !claims.success ||
        !(await sessionIsCurrent(db(), {
          userId: claims.data.uid,
          sessionVersion: claims.data.sv,
          sessionId: claims.data.sid,
        }))
      )
        return null;
      return token;
    },
    session({ session, token }) {
      return {
        ...session,
        userId: typeof token.uid === "string" ? token.uid : "",
        sessionId: typeof token.sid === "string" ? token.sid : "",
      };
    },
  },
  events: {
    // Signing out ends the session on the server: a copy of the cookie taken before is refused after.
    async signOut(message) {
      const sid = "token" in message ? message.token?.sid : undefined;
      if (typeof sid === "string" && z.uuid().safeParse(sid).success) await endSession(db(), sid, "signed_out");
    },
  },
}));
