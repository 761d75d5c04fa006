import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface User {
    /** The AuthSession row started at sign-in (it holds the active company). */
    sessionId: string;
  }
  interface Session {
    user: { id: string; companyId: string; role: string; name?: string | null; email?: string | null };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    userId: string;
    /** The AuthSession row this cookie stands for. */
    sessionId: string;
  }
}
