import type { ComponentProps } from "react";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/permissions";

/** A choice of role, up to `highest` (a token cannot have a higher role than its creator). */
export function RoleSelect({ highest = "owner", className = "", ...select }: ComponentProps<"select"> & { highest?: Role }) {
  return (
    <select className={`rounded-md border-0 pl-3 pr-8 ring-1 ring-inset ring-slate-300 sm:text-sm ${className}`} {...select}>
      {ROLES.slice(0, ROLES.indexOf(highest) + 1).map((role) => (
        <option key={role} value={role}>
          {ROLE_LABELS[role]}
        </option>
      ))}
    </select>
  );
}
