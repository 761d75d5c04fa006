"use client";

import { api } from "@/components/api";
import { Button } from "@/components/ui/button";
import { day } from "@/components/dates";
import { useApiAction } from "@/components/use-api-action";
import { ROLE_LABELS, type Role } from "@/lib/auth/permissions";
import { RoleSelect } from "./role-select";
import { ScrollArea } from "@/components/ui/scroll-area";

type Member = { id: string; email: string; name: string; role: Role; joinedAt: string };

/** The company's people. Owners change roles and remove people here; the server checks every change. */
export function MembersTable({ members, me, canManage }: { members: Member[]; me: string; canManage: boolean }) {
  const { error, busy, run } = useApiAction();

  return (
    <ScrollArea label="Members" className="rounded-lg bg-white ring-1 ring-slate-200">
      {error ? (
        <p role="alert" className="border-b border-red-200 bg-red-50 px-4 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      <table className="min-w-full text-sm" aria-label="Members">
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th className="px-4 py-2">Name</th>
            <th className="px-4 py-2">Role</th>
            <th className="hidden px-4 py-2 sm:table-cell">Joined</th>
            {canManage ? <th className="px-4 py-2 text-right">Actions</th> : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {members.map((member) => (
            <tr key={member.id} data-testid="member-row">
              <td className="px-4 py-3">
                <p className="font-medium text-slate-900">
                  {member.name}
                  {member.id === me ? <span className="ml-1 text-xs font-normal text-slate-500">(you)</span> : null}
                </p>
                <p className="break-all text-slate-600">{member.email}</p>
              </td>
              <td className="px-4 py-3">
                {canManage && member.id !== me ? (
                  <RoleSelect
                    aria-label={`Role of ${member.name}`}
                    value={member.role}
                    disabled={busy === member.id}
                    onChange={(event) => run(member.id, () => api(`/api/members/${member.id}`, "PATCH", { role: event.target.value }))}
                    className="py-1"
                  />
                ) : (
                  ROLE_LABELS[member.role]
                )}
              </td>
              <td className="hidden whitespace-nowrap px-4 py-3 text-slate-600 sm:table-cell">{day(member.joinedAt)}</td>
              {canManage ? (
                <td className="px-4 py-3 text-right">
                  {member.id === me ? null : (
                    <Button
                      variant="secondary"
                      className="px-3 py-1"
                      disabled={busy === member.id}
                      onClick={() => {
                        if (window.confirm(`Remove ${member.name} from the company? Their sessions and API tokens stop working at once.`)) {
                          void run(member.id, () => api(`/api/members/${member.id}`, "DELETE"));
                        }
                      }}
                    >
                      Remove
                    </Button>
                  )}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollArea>
  );
}
