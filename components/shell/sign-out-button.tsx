"use client";

import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";

export function SignOutButton() {
  const [pending, setPending] = useState(false);
  const router = useRouter();
  return (
    <button
      type="button"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        // Then to sign-in on the address the user has open, not the absolute URL next-auth
        // would build from NEXTAUTH_URL (which may name another host, e.g. localhost for 127.0.0.1).
        await signOut({ redirect: false });
        router.replace("/sign-in");
        router.refresh();
      }}
      className="rounded-md px-3 py-2 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 disabled:opacity-50"
    >
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}
