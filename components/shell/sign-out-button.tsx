"use client";

import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, useSyncExternalStore } from "react";

const subscribe = () => () => {};

export function SignOutButton() {
  const [pending, setPending] = useState(false);
  const router = useRouter();
  // Disabled until the page is interactive: a click before that would do nothing.
  const hydrated = useSyncExternalStore(subscribe, () => true, () => false);
  return (
    <button
      type="button"
      disabled={pending || !hydrated}
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
