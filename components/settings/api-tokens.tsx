"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { api } from "@/components/api";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/permissions";

type Token = { id: string; name: string; role: Role; createdAt: string; expiresAt: string | null; lastUsedAt: string | null; owner: { id: string; name: string } };

const day = (iso: string | null, none: string) => (iso ? new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" }) : none);

/** Personal API tokens: create one (its secret is shown once), see when each was last used, revoke. */
export function ApiTokens({ tokens, myRole, me }: { tokens: Token[]; myRole: Role; me: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const roles = ROLES.slice(0, ROLES.indexOf(myRole) + 1);

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const expires = String(form.get("expiresAt") ?? "");
    const result = await api<{ token: Token & { secret: string } }>("/api/tokens", "POST", {
      name: form.get("name"),
      role: form.get("role"),
      ...(expires ? { expiresAt: new Date(`${expires}T23:59:59`).toISOString() } : {}),
    });
    if (!result.ok) return setError(result.message);
    setError(null);
    setSecret({ name: result.data.token.name, secret: result.data.token.secret });
    (event.target as HTMLFormElement).reset();
    router.refresh();
  }

  return (
    <div className="space-y-4">
      <form onSubmit={create} className="grid gap-3 sm:grid-cols-[1fr_auto_auto_auto] sm:items-end" aria-label="Create an API token">
        <Field label="Token name" name="name" required placeholder="Nightly CRM sync" maxLength={100} />
        <div>
          <label htmlFor="token-role" className="block text-sm font-medium text-slate-800">
            Role
          </label>
          <select id="token-role" name="role" defaultValue={myRole === "owner" ? "member" : myRole} className="mt-1 block rounded-md border-0 py-2 pl-3 pr-8 ring-1 ring-inset ring-slate-300 sm:text-sm">
            {roles.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </select>
        </div>
        <Field label="Expires (optional)" name="expiresAt" type="date" min={new Date().toISOString().slice(0, 10)} />
        <Button type="submit">Create token</Button>
      </form>
      {error ? <Alert>{error}</Alert> : null}
      {secret ? (
        <Alert tone="info">
          <p>
            Copy the token <strong>{secret.name}</strong> now: LeadRank keeps only a fingerprint of it and cannot show it again.
          </p>
          <input readOnly aria-label="New API token" value={secret.secret} onFocus={(e) => e.target.select()} className="mt-2 w-full rounded-md border-0 bg-white px-2 py-1 font-mono text-xs ring-1 ring-inset ring-indigo-200" />
          <p className="mt-2 text-xs">
            Use it as <code>Authorization: Bearer {secret.secret.slice(0, 6)}…</code> on any /api route; see the <a className="underline" href="/docs/api">API reference</a>.
          </p>
        </Alert>
      ) : null}
      {tokens.length === 0 ? (
        <p className="text-sm text-slate-600">No API tokens yet. A token lets a script or another tool use LeadRank&apos;s API as you, with the role you give it.</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200" aria-label="API tokens">
          {tokens.map((token) => (
            <li key={token.id} className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm" data-testid="token-row">
              <span className="min-w-0 flex-1">
                <span className="font-medium text-slate-900">{token.name}</span> · {ROLE_LABELS[token.role]}
                {token.owner.id === me ? "" : ` · ${token.owner.name}'s`}
                <span className="block text-xs text-slate-500">
                  Created {day(token.createdAt, "")} · last used {day(token.lastUsedAt, "never")} · {token.expiresAt ? `expires ${day(token.expiresAt, "")}` : "does not expire"}
                </span>
              </span>
              <Button
                variant="secondary"
                className="px-3 py-1"
                onClick={async () => {
                  if (!window.confirm(`Revoke ${token.name}? Programs using it get 401 from now on.`)) return;
                  const result = await api(`/api/tokens/${token.id}`, "DELETE");
                  if (!result.ok) setError(result.message);
                  router.refresh();
                }}
              >
                Revoke
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
