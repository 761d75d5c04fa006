/**
 * Signs in to a running LeadRank over HTTP as a browser does: a CSRF token and its cookie
 * first, then the credentials. Returns the CSRF cookies sent along and next-auth's answer,
 * whose Set-Cookie headers carry the session. Used by `bench:load` and the browser tests.
 */
export async function signInOverHttp(origin: string, { email, password }: { email: string; password: string }) {
  const csrf = await fetch(`${origin}/api/auth/csrf`);
  const { csrfToken } = await csrf.json();
  const csrfCookies = csrf.headers.getSetCookie().map((cookie) => cookie.split(";")[0]);
  const response = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookies.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  return { csrfCookies, status: response.status, setCookies: response.headers.getSetCookie() };
}
