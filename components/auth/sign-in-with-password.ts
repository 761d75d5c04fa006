/**
 * Signs in through next-auth's credentials endpoint. Done by hand rather than with
 * next-auth's `signIn()` so that a throttled attempt (HTTP 429) shows its own message.
 */
export async function signInWithPassword(email: string, password: string): Promise<string | null> {
  try {
    const { csrfToken } = await (await fetch("/api/auth/csrf")).json();
    const response = await fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
    });
    if (response.status === 429) return (await response.json()).error.message;
    // next-auth answers a refused password with 401 and the error in the returned url.
    const { url } = await response.json();
    if (typeof url !== "string") return "Sign-in is unavailable right now. Please try again in a moment.";
    const error = new URL(url, window.location.origin).searchParams.get("error");
    if (!error) return null;
    if (error === "CredentialsSignin") return "Wrong email or password.";
    if (error.startsWith("Too many")) return error;
    return "Sign-in is unavailable right now. Please try again in a moment.";
  } catch {
    return "LeadRank could not be reached. Check your connection and try again.";
  }
}
