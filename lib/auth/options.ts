import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authenticate } from "./accounts";
import { endSession, isSessionOpen, SESSION_MAX_AGE_SECONDS, startSession } from "./sessions";
import { SIGN_IN_PATH } from "./paths";
import { signInSchema } from "./schemas";

/**
 * The address a sign-in attempt came from: the last X-Forwarded-For entry, which is the one
 * added by the nearest proxy (Next.js fills the header from the socket when it is absent).
 */
export function clientIp(headers: Headers | Record<string, unknown> | undefined): string {
  const raw = headers instanceof Headers ? headers.get("x-forwarded-for") : headers?.["x-forwarded-for"];
  const entries = String(raw ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
  return entries.at(-1) ?? "unknown";
}

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
        const tenant = await authenticate(parsed.data.email, parsed.data.password, clientIp(req?.headers));
        return tenant && { id: tenant.userId, companyId: tenant.companyId };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.userId = user.id;
        token.companyId = user.companyId;
        token.sessionId = await startSession(user.id);
      }
      return token;
    },
    // next-auth's own session endpoint (/api/auth/session) shows a signed-out session as
    // none. The app itself reads the session with getTenant (lib/auth/session.ts).
    async session({ session, token }) {
      if (!(await isSessionOpen(token.sessionId, token.userId))) return { ...session, user: undefined } as unknown as typeof session;
      session.user = { ...session.user, id: token.userId, companyId: token.companyId };
      return session;
    },
  },
  events: {
    async signOut({ token }) {
      if (token?.sessionId) await endSession(token.sessionId);
    },
  },
};
