import NextAuth from "next-auth";
import { clientIp } from "@/lib/auth/client-ip";
import { authOptions } from "@/lib/auth/options";
import { emailSchema } from "@/lib/auth/schemas";
import { ThrottledError } from "@/lib/auth/accounts";
import { throttleWait } from "@/lib/auth/throttle";
import { errorResponse } from "@/lib/http";

const handler = NextAuth(authOptions);

type Context = { params: Promise<{ nextauth: string[] }> };

export { handler as GET };

/** Sign-in attempts over the limit are refused with 429 before any password is checked. */
export async function POST(request: Request, context: Context) {
  const { nextauth } = await context.params;
  if (nextauth.join("/") === "callback/credentials") {
    try {
      const form = await request.clone().formData();
      const email = emailSchema.safeParse(form.get("email"));
      const wait = await throttleWait({ email: email.data ?? "", ip: clientIp(request.headers) });
      if (wait > 0) return errorResponse(new ThrottledError(wait));
    } catch (error) {
      return errorResponse(error);
    }
  }
  return handler(request, context);
}
