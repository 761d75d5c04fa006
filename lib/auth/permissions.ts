/**
 * Who may do what: the one table of roles and actions. Every API route names its action
 * (`withTenant(handler, { permission })`), every server action too (`tenantAction`), and the
 * domain functions that change members, tokens or the company check it again. The pages only
 * hide what a role cannot do; hiding is never the check.
 */
import { AppError } from "@/lib/errors";

export const ROLES = ["viewer", "member", "owner"] as const;
export type Role = (typeof ROLES)[number];

export type Principal = {
  userId: string;
  companyId: string;
  role: Role;
  via: "session" | "token";
  tokenId?: string;
  /** The address the request came from (for the audit log). */
  ip?: string;
};

const VIEWER = [
  "leads:read", // leads, dashboard, imports, models, versions, insights, members: everything of the company
  "leads:export",
] as const;
const MEMBER = [
  ...VIEWER,
  "imports:write", // upload, undo, sample data
  "activities:write", // send activities through the API
  "outcomes:write",
  "models:edit", // create models, save, discard and restore drafts, preview them
  "tokens:own", // create, list and revoke one's own API tokens
] as const;
const OWNER = [
  ...MEMBER,
  "models:publish", // publish, activate, retry a re-score
  "members:manage", // invite, revoke invitations, change roles, remove members
  "tokens:all", // list and revoke everyone's tokens
  "audit:read",
  "company:delete",
] as const;

export type Action = (typeof OWNER)[number];

export const PERMISSIONS: Record<Role, ReadonlySet<Action>> = {
  viewer: new Set(VIEWER),
  member: new Set(MEMBER),
  owner: new Set(OWNER),
};

export function can(principal: Pick<Principal, "role"> | null | undefined, action: Action): boolean {
  return !!principal && PERMISSIONS[principal.role]?.has(action) === true;
}

/** Refuses (403 `forbidden`) a principal whose role does not allow the action: the one check every route, action and domain function uses. */
export function requirePermission(principal: Pick<Principal, "role">, action: Action): void {
  if (!can(principal, action)) throw new AppError("forbidden", `Your role (${principal.role}) does not allow this. Ask an owner of the company.`);
}

/** The lowest role allowed an action (roles above it are allowed too). */
export function lowestRole(action: Action): Role {
  return ROLES.find((role) => PERMISSIONS[role].has(action))!;
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** The lower of two roles (a token never does more than its creator may do now). */
export function lowerRole(a: Role, b: Role): Role {
  return ROLES.indexOf(a) <= ROLES.indexOf(b) ? a : b;
}

export const ROLE_LABELS: Record<Role, string> = { owner: "Owner", member: "Member", viewer: "Viewer" };
