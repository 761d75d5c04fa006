import { randomUUID } from "node:crypto";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { expect, test } from "./test";
import { signUp } from "./helpers";
import { actionSource, routeTree } from "./route-tree";

/**
 * The route × role matrix. For every API route (read from app/api, so a new route without a
 * case fails), the lowest role that may use it; each role below gets 403 `forbidden`, each role
 * at or above gets past the role check. The requests use ids that do not exist or bodies that
 * are not valid, so an allowed request changes nothing (404, 400 or 422), and the roles come
 * from API tokens of each role, made by the company's owner.
 */
type Role = "viewer" | "member" | "owner";
type Call = (api: APIRequestContext) => Promise<APIResponse>;
const NOBODY = randomUUID();

const MATRIX: Record<string, { role: Role | "public"; call: Call }> = {
  "GET /api/health": { role: "public", call: (api) => api.get("/api/health") },
  "GET /api/openapi.json": { role: "public", call: (api) => api.get("/api/openapi.json") },
  "GET /api/dashboard": { role: "viewer", call: (api) => api.get("/api/dashboard") },
  "GET /api/leads": { role: "viewer", call: (api) => api.get("/api/leads") },
  "GET /api/leads/export": { role: "viewer", call: (api) => api.get("/api/leads/export") },
  "GET /api/leads/[id]": { role: "viewer", call: (api) => api.get(`/api/leads/${NOBODY}`) },
  "PATCH /api/leads/[id]": { role: "member", call: (api) => api.patch(`/api/leads/${NOBODY}`, { data: { outcome: "won" } }) },
  "GET /api/imports": { role: "viewer", call: (api) => api.get("/api/imports") },
  "POST /api/imports": { role: "member", call: (api) => api.post("/api/imports", { data: {} }) },
  "POST /api/imports/preview": { role: "member", call: (api) => api.post("/api/imports/preview", { data: {} }) },
  "GET /api/imports/[id]": { role: "viewer", call: (api) => api.get(`/api/imports/${NOBODY}`) },
  "DELETE /api/imports/[id]": { role: "member", call: (api) => api.delete(`/api/imports/${NOBODY}`) },
  "GET /api/imports/[id]/rejected": { role: "viewer", call: (api) => api.get(`/api/imports/${NOBODY}/rejected`) },
  "GET /api/imports/[id]/unknown-emails": { role: "viewer", call: (api) => api.get(`/api/imports/${NOBODY}/unknown-emails`) },
  "GET /api/insights": { role: "viewer", call: (api) => api.get("/api/insights") },
  "POST /api/insights/suggested-model": { role: "member", call: (api) => api.post("/api/insights/suggested-model") },
  "GET /api/models": { role: "viewer", call: (api) => api.get("/api/models") },
  "POST /api/models": { role: "member", call: (api) => api.post("/api/models", { data: {} }) },
  "GET /api/models/[id]": { role: "viewer", call: (api) => api.get(`/api/models/${NOBODY}`) },
  "PUT /api/models/[id]/draft": { role: "member", call: (api) => api.put(`/api/models/${NOBODY}/draft`, { data: { definition: {} } }) },
  "DELETE /api/models/[id]/draft": { role: "member", call: (api) => api.delete(`/api/models/${NOBODY}/draft`) },
  "POST /api/models/[id]/preview": { role: "member", call: (api) => api.post(`/api/models/${NOBODY}/preview`) },
  "POST /api/models/[id]/restore": { role: "member", call: (api) => api.post(`/api/models/${NOBODY}/restore`, { data: { version: 1 } }) },
  "POST /api/models/[id]/publish": { role: "owner", call: (api) => api.post(`/api/models/${NOBODY}/publish`, { data: {} }) },
  "POST /api/models/[id]/activate": { role: "owner", call: (api) => api.post(`/api/models/${NOBODY}/activate`) },
  "GET /api/scoring-jobs/[id]": { role: "viewer", call: (api) => api.get(`/api/scoring-jobs/${NOBODY}`) },
  "POST /api/scoring-jobs/[id]/retry": { role: "owner", call: (api) => api.post(`/api/scoring-jobs/${NOBODY}/retry`) },
  "GET /api/members": { role: "viewer", call: (api) => api.get("/api/members") },
  "PATCH /api/members/[id]": { role: "owner", call: (api) => api.patch(`/api/members/${NOBODY}`, { data: { role: "viewer" } }) },
  "DELETE /api/members/[id]": { role: "owner", call: (api) => api.delete(`/api/members/${NOBODY}`) },
  "GET /api/invitations": { role: "owner", call: (api) => api.get("/api/invitations") },
  "POST /api/invitations": { role: "owner", call: (api) => api.post("/api/invitations", { data: {} }) },
  "DELETE /api/invitations/[id]": { role: "owner", call: (api) => api.delete(`/api/invitations/${NOBODY}`) },
  "POST /api/invitations/[id]/resend": { role: "owner", call: (api) => api.post(`/api/invitations/${NOBODY}/resend`) },
  "GET /api/tokens": { role: "member", call: (api) => api.get("/api/tokens") },
  "POST /api/tokens": { role: "member", call: (api) => api.post("/api/tokens", { data: {} }) },
  "DELETE /api/tokens/[id]": { role: "member", call: (api) => api.delete(`/api/tokens/${NOBODY}`) },
  "GET /api/audit": { role: "owner", call: (api) => api.get("/api/audit") },
  "GET /api/activities": { role: "viewer", call: (api) => api.get("/api/activities") },
  "POST /api/activities": { role: "member", call: (api) => api.post("/api/activities", { data: { activities: [{ email: "r@example.com", type: "Role check", occurredAt: new Date().toISOString() }] } }) },
  "GET /api/leads/[id]/activities": { role: "viewer", call: (api) => api.get(`/api/leads/${NOBODY}/activities`) },
};

/** The permission each server action asks of the session's role (none: it needs no session). */
const ACTION_PERMISSIONS: Record<string, string | null> = {
  signUp: null,
  acceptInvite: null,
  forgotPassword: null,
  chooseNewPassword: null,
  savedMappingFor: "imports:write",
  trySampleData: "imports:write",
  markOutcome: "outcomes:write",
  switchActiveModel: "models:publish",
  switchActiveCompany: "leads:read",
  leaveTeam: "leads:read",
  deleteTeam: "company:delete",
  changeOwnPassword: "leads:read",
  createAnotherCompany: "leads:read",
};

const ORDER: Role[] = ["viewer", "member", "owner"];

test("every API route and server action has a role in the matrix", () => {
  const tree = routeTree().filter((r) => r.key.includes(" /api/") && !r.key.includes("/api/auth/"));
  expect(tree.filter((r) => !(r.key in MATRIX)).map((r) => r.key), "add them to e2e/roles.spec.ts").toEqual([]);
  expect(Object.keys(MATRIX).filter((key) => !tree.some((r) => r.key === key))).toEqual([]);
  for (const { key, file } of routeTree().filter((r) => r.key.startsWith("action "))) {
    const name = key.slice(7);
    expect(name in ACTION_PERMISSIONS, `add ${name} to ACTION_PERMISSIONS`).toBe(true);
    const permission = ACTION_PERMISSIONS[name];
    const source = actionSource(file, name);
    // The one boundary of actions (lib/actions.ts) checks the permission it is given on the server.
    if (permission) expect(source, name).toMatch(new RegExp(`^ = tenant(?:Form)?Action\\("${permission}"`));
    else expect(source, name).toMatch(/^ = publicAction\(/);
  }
});

test("each role gets exactly what the permission table allows, through a token or a session", async ({ page, playwright, baseURL }) => {
  test.setTimeout(90_000);
  await signUp(page);
  const clients: Record<Role, APIRequestContext> = {} as Record<Role, APIRequestContext>;
  for (const role of ORDER) {
    const created = await page.request.post("/api/tokens", { data: { name: `${role} token`, role } });
    expect(created.status()).toBe(201);
    const { token } = await created.json();
    clients[role] = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${token.secret}` } });
  }
  const anonymous = await playwright.request.newContext({ baseURL });

  for (const [key, { role: needed, call }] of Object.entries(MATRIX)) {
    await test.step(key, async () => {
      if (needed === "public") {
        expect((await call(anonymous)).status(), `${key} anonymous`).toBe(200);
        return;
      }
      expect((await call(anonymous)).status(), `${key} without a token`).toBe(401);
      for (const role of ORDER) {
        const response = await call(clients[role]);
        if (ORDER.indexOf(role) < ORDER.indexOf(needed)) {
          expect(response.status(), `${key} as ${role}`).toBe(403);
          expect((await response.json()).error.code).toBe("forbidden");
        } else {
          expect([401, 403], `${key} as ${role}: ${response.status()} ${await response.text()}`).not.toContain(response.status());
        }
      }
    });
  }
  // The same check holds for the cookie: the owner's own session gets past every role check.
  for (const [key, { role: needed, call }] of Object.entries(MATRIX)) {
    if (needed !== "public") expect([401, 403], key).not.toContain((await call(page.request)).status());
  }
  for (const client of [...Object.values(clients), anonymous]) await client.dispose();
});
