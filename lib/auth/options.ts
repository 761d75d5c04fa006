import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authenticate } from "./accounts";
import { clientIp } from "./client-ip";
import { endSession, SESSION_MAX_AGE_SECONDS, sessionMembership } from "./sessions";
import { SIGN_IN_PATH } from "./paths";
import { signInSchema } from "./schemas";

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: SIGN_IN_PATH, error: SIGN_IN_PATH },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, req) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const signedIn = await authenticate(parsed.data.email, parsed.data.password, clientIp(req?.headers));
        return signedIn && { id: signedIn.userId, sessionId: signedIn.sessionId };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.userId = user.id;
        token.sessionId = user.sessionId;
      }
      return token;
    },
    // next-auth's own session endpoint (/api/auth/session) shows a signed-out session as
    // none. The app itself reads the session with getPrincipal (lib/auth/session.ts).
    async session({ session, token }) {
      const membership = await sessionMembership(token.sessionId, token.userId);
      if (!membership) return { ...session, user: undefined } as unknown as typeof session;
      session.user = { ...session.user, id: token.userId, ...membership };
      return session;
    },
  },
  events: {
    async signOut({ token }) {
      if (token?.sessionId) await endSession(token.sessionId);
    },
  },
};
