"use client";

import { useState, type FormEvent } from "react";
import { api } from "@/components/api";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useApiAction } from "@/components/use-api-action";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/permissions";
import { RoleSelect } from "./role-select";

type Invitation = { id: string; email: string; role: Role; expiresAt: string; invitedBy: string | null; url?: string };
type Created = { invitation: Invitation & { url: string }; emailed: boolean };

const ROLE_HELP: Record<Role, string> = {
  viewer: "sees everything of the company and exports it",
  member: "also imports, undoes imports, marks outcomes, edits model drafts and has API tokens",
  owner: "also publishes models, invites and manages people, sees everyone's tokens and the audit log, and can delete the company",
};

/** Inviting people (owners): the form, the link just made (to copy), and the pending invitations. */
export function Invitations({ pending, mailConfigured }: { pending: Invitation[]; mailConfigured: boolean }) {
  const { error, busy, run } = useApiAction();
  const [created, setCreated] = useState<Created | null>(null);
  const [copied, setCopied] = useState(false);

  /** Inviting and resending both answer with a new link, shown to copy. */
  async function show(key: string, request: () => ReturnType<typeof api<Created>>) {
    setCopied(false);
    const data = await run(key, request);
    if (data) setCreated(data);
  }

  function invite(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void show("invite", () => api<Created>("/api/invitations", "POST", { email: form.get("email"), role: form.get("role") }));
    event.currentTarget.reset();
  }

  return (
    <div className="space-y-4">
      <form onSubmit={invite} className="grid gap-3 rounded-lg bg-white p-5 ring-1 ring-slate-200 sm:grid-cols-[minmax(0,1fr)_10rem_auto] sm:items-end" aria-label="Invite someone">
        <Field label="Email" name="email" type="email" required placeholder="colleague@company.com" />
        <div>
          <label htmlFor="invite-role" className="block text-sm font-medium text-slate-800">
            Role
          </label>
          <RoleSelect id="invite-role" name="role" defaultValue="member" className="mt-1 block w-full py-2" />
        </div>
        <Button type="submit" disabled={busy !== null}>
          {busy === "invite" ? "Inviting…" : "Invite"}
        </Button>
        <ul className="text-xs text-slate-600 sm:col-span-3">
          {ROLES.map((role) => (
            <li key={role}>
              <span className="font-medium text-slate-800">{ROLE_LABELS[role]}</span> {ROLE_HELP[role]}.
            </li>
          ))}
        </ul>
      </form>
      {error ? <Alert>{error}</Alert> : null}
      {created ? (
        <Alert tone="info">
          <p>
            {created.emailed ? `We e-mailed ${created.invitation.email} their invitation.` : `E-mail is not set up on this LeadRank server, so send ${created.invitation.email} this link yourself.`}{" "}
            The link works once, for 7 days:
          </p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <input readOnly aria-label="Invitation link" value={created.invitation.url} className="min-w-0 flex-1 rounded-md border-0 bg-white px-2 py-1 font-mono text-xs ring-1 ring-inset ring-indigo-200" onFocus={(e) => e.target.select()} />
            <Button
              variant="secondary"
              className="px-3 py-1"
              onClick={() => navigator.clipboard?.writeText(created.invitation.url).then(() => setCopied(true), () => setCopied(false))}
            >
              {copied ? "Copied" : "Copy link"}
            </Button>
          </div>
        </Alert>
      ) : null}
      <div className="rounded-lg bg-white ring-1 ring-slate-200">
        <h3 className="border-b border-slate-100 px-4 py-3 text-sm font-semibold text-slate-900">Pending invitations</h3>
        {pending.length === 0 ? (
          <p className="px-4 py-4 text-sm text-slate-600">No pending invitations. {mailConfigured ? "" : "Invitation links are shown here once, to copy: e-mail is not set up."}</p>
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="Pending invitations">
            {pending.map((invitation) => {
              const expired = new Date(invitation.expiresAt) <= new Date();
              return (
                <li key={invitation.id} className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm">
                  <span className="min-w-0 flex-1 break-all">
                    <span className="font-medium text-slate-900">{invitation.email}</span> · {ROLE_LABELS[invitation.role]}
                    <span className={`block text-xs ${expired ? "text-red-700" : "text-slate-500"}`}>
                      {expired ? "Expired" : `Valid until ${new Date(invitation.expiresAt).toLocaleDateString("en-GB", { day: "numeric", month: "short" })}`}
                      {invitation.invitedBy ? ` · invited by ${invitation.invitedBy}` : ""}
                    </span>
                  </span>
                  <Button variant="secondary" className="px-3 py-1" disabled={busy !== null} onClick={() => void show(invitation.id, () => api<Created>(`/api/invitations/${invitation.id}/resend`, "POST"))}>
                    Resend
                  </Button>
                  <Button
                    variant="secondary"
                    className="px-3 py-1"
                    disabled={busy !== null}
                    onClick={() => void run(invitation.id, () => api(`/api/invitations/${invitation.id}`, "DELETE"))}
                  >
                    Revoke
                  </Button>
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </div>
  );
}
