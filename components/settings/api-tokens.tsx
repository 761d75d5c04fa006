"use client";

import { useState, type FormEvent } from "react";
import { api } from "@/components/api";
import { RoleSelect } from "@/components/team/role-select";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { day } from "@/components/dates";
import { useApiAction } from "@/components/use-api-action";
import { ROLE_LABELS, type Role } from "@/lib/auth/permissions";

type Token = { id: string; name: string; role: Role; createdAt: string; expiresAt: string | null; lastUsedAt: string | null; owner: { id: string; name: string } };


/** Personal API tokens: create one (its secret is shown once), see when each was last used, revoke. */
export function ApiTokens({ tokens, myRole, me }: { tokens: Token[]; myRole: Role; me: string }) {
  const { error, busy, run } = useApiAction();
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const expires = String(form.get("expiresAt") ?? "");
    const data = await run("create", () =>
      api<{ token: Token & { secret: string } }>("/api/tokens", "POST", {
        name: form.get("name"),
        role: form.get("role"),
        // The end of the chosen day, in the browser's time zone.
        ...(expires ? { expiresAt: new Date(`${expires}T23:59:59`).toISOString() } : {}),
      }),
    );
    if (!data) return;
    setSecret({ name: data.token.name, secret: data.token.secret });
    formElement.reset();
  }

  return (
    <div className="space-y-4">
      <form onSubmit={create} className="grid gap-3 sm:grid-cols-[1fr_auto_auto_auto] sm:items-end" aria-label="Create an API token">
        <Field label="Token name" name="name" required placeholder="Nightly CRM sync" maxLength={100} />
        <div>
          <label htmlFor="token-role" className="block text-sm font-medium text-slate-800">
            Role
          </label>
          <RoleSelect id="token-role" name="role" highest={myRole} defaultValue={myRole === "owner" ? "member" : myRole} className="mt-1 block py-2" />
        </div>
        <Field label="Expires (optional)" name="expiresAt" type="date" min={new Date().toISOString().slice(0, 10)} />
        <Button type="submit" disabled={busy !== null}>
          Create token
        </Button>
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
                  Created {day(token.createdAt)} · last used {token.lastUsedAt ? day(token.lastUsedAt) : "never"} · {token.expiresAt ? `expires ${day(token.expiresAt)}` : "does not expire"}
                </span>
              </span>
              <Button
                variant="secondary"
                className="px-3 py-1"
                disabled={busy !== null}
                onClick={() => {
                  if (window.confirm(`Revoke ${token.name}? Programs using it get 401 from now on.`)) void run(token.id, () => api(`/api/tokens/${token.id}`, "DELETE"));
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
