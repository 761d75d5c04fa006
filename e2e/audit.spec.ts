import { createHash, randomBytes } from "node:crypto";
import type { APIResponse, Page } from "@playwright/test";
import { expect, test } from "./test";
import { importCsv, newAccount, PASSWORD, signIn, signUp, sql } from "./helpers";
import { routeTree } from "./route-tree";

/**
 * "An audit log of every change": every API route and server action that changes something
 * records an event, or says here why it changes nothing a company owns. A new route or action
 * fails the first test until it is in this table; the second test does each change as a user
 * would and fails when its event is not in the log.
 */
const EVENTS: Record<string, string | { none: string }> = {
  "PATCH /api/leads/[id]": "outcome.set",
  "POST /api/imports": "import.create",
  "POST /api/activities": "activities.add",
  "POST /api/imports/preview": { none: "reads the file and keeps nothing" },
  "DELETE /api/imports/[id]": "import.undo",
  "POST /api/insights/suggested-model": { none: "fits a model and keeps nothing" },
  "POST /api/models": "model.create",
  "PUT /api/models/[id]/draft": "model.draft_save",
  "DELETE /api/models/[id]/draft": "model.draft_discard",
  "POST /api/models/[id]/preview": { none: "scores the company's leads in memory and writes nothing" },
  "POST /api/models/[id]/restore": "model.restore",
  "POST /api/models/[id]/publish": "model.publish",
  "POST /api/models/[id]/activate": "model.activate",
  "POST /api/scoring-jobs/[id]/retry": "rescore.retry",
  "PATCH /api/members/[id]": "member.role",
  "DELETE /api/members/[id]": "member.remove",
  "POST /api/invitations": "invitation.create",
  "DELETE /api/invitations/[id]": "invitation.revoke",
  "POST /api/invitations/[id]/resend": "invitation.resend",
  "POST /api/tokens": "token.create",
  "DELETE /api/tokens/[id]": "token.revoke",
  "action signUp": "company.create",
  "action acceptInvite": "invitation.accept",
  "action forgotPassword": { none: "asks for a link by e-mail; nothing changes until the link is used (chooseNewPassword)" },
  "action chooseNewPassword": "password.reset",
  "action savedMappingFor": { none: "reads a remembered mapping" },
  "action trySampleData": "import.create",
  "action markOutcome": "outcome.set",
  "action switchActiveModel": "model.activate",
  "action switchActiveCompany": { none: "changes which of the person's companies their session shows" },
  "action leaveTeam": "member.leave",
  "action deleteTeam": "company.delete",
  "action changeOwnPassword": "password.change",
  "action createAnotherCompany": "company.create",
};

const mutating = () => routeTree().filter((r) => /^(POST|PUT|PATCH|DELETE) \/api\//.test(r.key) && !r.key.includes("/api/auth/") || r.key.startsWith("action "));

test("every mutating route and server action is in the audit table", () => {
  const keys = mutating().map((r) => r.key);
  expect(keys.filter((key) => !(key in EVENTS)), "add them to EVENTS in e2e/audit.spec.ts").toEqual([]);
  expect(Object.keys(EVENTS).filter((key) => !keys.includes(key))).toEqual([]);
});

test("each change a user makes is in the audit log with its action", async ({ page, browser }) => {
  test.setTimeout(240_000);
  page.on("dialog", (dialog) => void dialog.accept());
  const userId = async (email: string) => (await sql<{ id: string }>(`SELECT "id" FROM "User" WHERE "email" = $1`, [email]))[0].id;
  const eventsOf = async (user: string, action: string) =>
    Number((await sql<{ n: string }>(`SELECT count(*) AS "n" FROM "AuditEvent" WHERE "userId" = $1 AND "action" = $2`, [user, action]))[0].n);
  const done = new Set<string>();
  /** Runs one change as `user` and expects one more event of its action by them. */
  async function step(key: string, user: string, change: () => Promise<unknown>) {
    const action = EVENTS[key];
    if (typeof action !== "string") throw new Error(`${key} records no event`);
    await test.step(key, async () => {
      const before = await eventsOf(user, action);
      await change();
      await expect.poll(() => eventsOf(user, action), { message: `${key} records ${action}` }).toBeGreaterThan(before);
      done.add(key);
    });
  }
  const ok = async (response: Promise<APIResponse>, status: number) => {
    const answer = await response;
    expect(answer.status(), await answer.text()).toBe(status);
    return answer.status() === 204 ? null : answer.json();
  };
  const jobDone = (id: string) => expect.poll(async () => (await (await page.request.get(`/api/scoring-jobs/${id}`)).json()).job.status, { timeout: 30_000 }).toMatch(/succeeded|failed/);

  const owner = newAccount("Audit");
  // Sign-up creates the company, with nobody signed in yet: the new owner is its actor.
  await signUp(page, owner);
  const ownerId = await userId(owner.email);
  expect(await eventsOf(ownerId, "company.create")).toBe(1);
  done.add("action signUp");

  await step("action trySampleData", ownerId, async () => {
    await page.goto("/dashboard");
    await page.getByRole("button", { name: "Try with sample data" }).click();
    await expect(page.getByText("Imported", { exact: true })).toBeVisible({ timeout: 60_000 });
  });
  let importId = "";
  await step("POST /api/imports", ownerId, async () => (importId = await importCsv(page, "few.csv", "Email,Job Title\naudit-1@example.com,CTO\n")));
  const { leads } = await ok(page.request.get("/api/leads?pageSize=1"), 200);
  await step("POST /api/activities", ownerId, () => ok(page.request.post("/api/activities", { data: { activities: [{ email: "audit@example.com", type: "Demo requested", occurredAt: new Date().toISOString() }] } }), 200));
  await step("PATCH /api/leads/[id]", ownerId, () => ok(page.request.patch(`/api/leads/${leads[0].id}`, { data: { outcome: "won" } }), 200));
  await step("action markOutcome", ownerId, async () => {
    await page.goto("/leads");
    await page.getByTestId("leads-table").getByRole("checkbox").first().check();
    await page.getByRole("button", { name: "Mark lost" }).click();
  });
  await step("DELETE /api/imports/[id]", ownerId, () => ok(page.request.delete(`/api/imports/${importId}`), 200));

  let modelId = "";
  await step("POST /api/models", ownerId, async () => (modelId = (await ok(page.request.post("/api/models", { data: { name: "Audit model", from: "b2b-saas" } }), 201)).model.id));
  const draft = (await ok(page.request.get(`/api/models/${modelId}`), 200)).model.draft.definition;
  await step("PUT /api/models/[id]/draft", ownerId, () => ok(page.request.put(`/api/models/${modelId}/draft`, { data: { definition: { ...draft, pointsFor100: 21 } } }), 200));
  let jobId = "";
  await step("POST /api/models/[id]/publish", ownerId, async () => (jobId = (await ok(page.request.post(`/api/models/${modelId}/publish`, { data: {} }), 202)).job.id));
  await jobDone(jobId);
  await step("POST /api/models/[id]/restore", ownerId, () => ok(page.request.post(`/api/models/${modelId}/restore`, { data: { version: 1 } }), 200));
  await step("DELETE /api/models/[id]/draft", ownerId, () => ok(page.request.delete(`/api/models/${modelId}/draft`), 200));
  const { models } = await ok(page.request.get("/api/models"), 200);
  const first = models.find((m: { id: string }) => m.id !== modelId).id;
  await step("POST /api/models/[id]/activate", ownerId, async () => jobDone((await ok(page.request.post(`/api/models/${first}/activate`), 202)).job.id));
  await step("action switchActiveModel", ownerId, async () => {
    await page.goto("/settings");
    await page.getByRole("radio", { name: /Audit model/ }).check();
    await page.getByRole("button", { name: "Use this model" }).click();
    await expect(page.getByText(/Re-scoring your leads with version/)).toBeVisible();
  });
  // A re-score that failed (the database marks it so, as a crash would) can be tried again.
  await jobDone(jobId);
  await sql(`UPDATE "ScoringJob" SET "status" = 'failed', "error" = 'Stopped.' WHERE "id" = $1`, [jobId]);
  await step("POST /api/scoring-jobs/[id]/retry", ownerId, () => ok(page.request.post(`/api/scoring-jobs/${jobId}/retry`), 202));

  let tokenId = "";
  await step("POST /api/tokens", ownerId, async () => (tokenId = (await ok(page.request.post("/api/tokens", { data: { name: "audited" } }), 201)).token.id));
  await step("DELETE /api/tokens/[id]", ownerId, () => ok(page.request.delete(`/api/tokens/${tokenId}`), 204));

  let invitationId = "";
  await step("POST /api/invitations", ownerId, async () => (invitationId = (await ok(page.request.post("/api/invitations", { data: { email: newAccount("gone").email, role: "member" } }), 201)).invitation.id));
  await step("POST /api/invitations/[id]/resend", ownerId, async () => (invitationId = (await ok(page.request.post(`/api/invitations/${invitationId}/resend`), 201)).invitation.id));
  await step("DELETE /api/invitations/[id]", ownerId, () => ok(page.request.delete(`/api/invitations/${invitationId}`), 204));

  // A colleague joins, has their role changed, and leaves; a second one is removed.
  const join = async (account: ReturnType<typeof newAccount>): Promise<Page> => {
    const { invitation } = await ok(page.request.post("/api/invitations", { data: { email: account.email, role: "member" } }), 201);
    const other = await (await browser.newContext()).newPage();
    other.on("dialog", (dialog) => void dialog.accept());
    await signUp(other, account);
    await other.goto(invitation.url);
    await other.getByRole("button", { name: `Join ${owner.companyName}` }).click();
    await expect(other).toHaveURL(/\/dashboard$/);
    return other;
  };
  const colleague = newAccount("Colleague");
  const colleaguePage = await join(colleague);
  const colleagueId = await userId(colleague.email);
  expect(await eventsOf(colleagueId, "invitation.accept")).toBe(1);
  done.add("action acceptInvite");
  await step("PATCH /api/members/[id]", ownerId, () => ok(page.request.patch(`/api/members/${colleagueId}`, { data: { role: "viewer" } }), 200));
  await step("action leaveTeam", colleagueId, async () => {
    await colleaguePage.goto("/team");
    await colleaguePage.getByRole("button", { name: `Leave ${owner.companyName}` }).click();
    await expect(colleaguePage).toHaveURL(/\/dashboard$/);
  });
  const second = newAccount("Second");
  await join(second);
  await step("DELETE /api/members/[id]", ownerId, async () => ok(page.request.delete(`/api/members/${await userId(second.email)}`), 204));

  await step("action changeOwnPassword", ownerId, async () => {
    await page.goto("/settings");
    await page.getByLabel("Current password").fill(PASSWORD);
    await page.getByLabel("New password").fill(`${PASSWORD} two`);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("Your password was changed.")).toBeVisible();
  });
  // The link of a reset e-mail, made as the server makes it.
  const secret = randomBytes(32).toString("base64url");
  await sql(`INSERT INTO "PasswordReset" ("userId", "secretHash", "expiresAt") VALUES ($1, $2, now() + interval '1 hour')`, [ownerId, createHash("sha256").update(secret).digest("hex")]);
  await step("action chooseNewPassword", ownerId, async () => {
    await page.goto(`/reset-password/${secret}`);
    await page.getByLabel("New password").fill(`${PASSWORD} three`);
    await page.getByRole("button", { name: "Set new password" }).click();
    await expect(page.getByText(/Your password was changed/)).toBeVisible();
  });
  await page.goto("/sign-in");
  await signIn(page, { email: owner.email, password: `${PASSWORD} three` });
  await expect(page).toHaveURL(/\/dashboard$/);

  const extra = `Extra ${owner.companyName}`;
  await step("action createAnotherCompany", ownerId, async () => {
    await page.goto("/team");
    await page.getByRole("form", { name: "Create another company" }).getByLabel("Company name").fill(extra);
    await page.getByRole("button", { name: "Create and switch" }).click();
    await expect(page.getByLabel("Company").locator("option:checked")).toHaveText(extra);
  });
  await step("action deleteTeam", ownerId, async () => {
    await page.goto("/team");
    await page.getByLabel(`Type ${extra} to confirm`).fill(extra);
    await page.getByRole("button", { name: "Delete this company" }).click();
    await expect(page.getByTestId("company-name")).toHaveText(owner.companyName);
  });

  const recorded = Object.entries(EVENTS).filter(([, action]) => typeof action === "string").map(([key]) => key);
  expect(recorded.filter((key) => !done.has(key)), "changes this test did not make").toEqual([]);
});
