import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface User {
    companyId: string;
  }
  interface Session {
    user: { id: string; companyId: string; name?: string | null; email?: string | null };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    userId: string;
    companyId: string;
    /** The AuthSession row this cookie stands for. */
    sessionId: string;
  }
}
