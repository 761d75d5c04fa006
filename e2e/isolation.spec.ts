import { expect, test, type Page } from "./test";
import { importCsv, signUp, sql } from "./helpers";
import { actionSource, routeTree } from "./route-tree";

/**
 * Tenant isolation, route by route. Alice has leads, an import with rejected rows and a
 * company name; Bob, signed in to his own company, asks every page, API route and server
 * action for them, by id and by search. The route tree is read from app/, so a new route
 * without a case here fails the suite.
 */

const SECRET = "Zyxwv Secretlead"; // Alice's lead, searched for by name.
const ALICE_CSV = ["Email,Full Name,Job Title,Company Size", "secret@alice.example,Zyxwv Secretlead,CTO,12000", "not-an-email,Broken Row,CEO,10"].join("\n");

type World = {
  alice: Page;
  bob: Page;
  aliceCompany: string;
  aliceUserId: string;
  leadId: string;
  importId: string;
  activityImportId: string;
  modelId: string;
  jobId: string;
  invitationId: string;
  tokenId: string;
  tokenSecret: string;
};
const RANDOM_SECRET = "b4PZ1x0rA9cQe2kM7tY3uV6wN8sL5jH1gF0dD2aS4q";

async function expectNothingOf(response: { status(): number; text(): Promise<string> } | null, status: number) {
  expect(response?.status()).toBe(status);
  const body = (await response?.text()) ?? "";
  expect(body).not.toContain("Zyxwv");
  expect(body).not.toContain("secret@alice.example");
}

const expectPageNotFound = async (page: Page, url: string) => {
  await expectNothingOf(await page.goto(url), 404);
  await expect(page.getByText(SECRET)).toHaveCount(0);
};

const expectPageWithout = async (page: Page, url: string, aliceCompany: string) => {
  await expectNothingOf(await page.goto(url), 200);
  await expect(page.getByText(SECRET)).toHaveCount(0);
  await expect(page.getByText(aliceCompany)).toHaveCount(0);
};

/** Every page and route handler method, as the route tree names them. */
const CASES: Record<string, (world: World) => Promise<void>> = {
  "page /": async ({ bob }) => expectNothingOf(await bob.goto("/"), 200),
  "page /sign-in": async ({ bob }) => expectNothingOf(await bob.goto("/sign-in"), 200),
  "page /sign-up": async ({ bob }) => expectNothingOf(await bob.goto("/sign-up"), 200),
  "page /dashboard": async ({ bob, aliceCompany }) => expectPageWithout(bob, "/dashboard", aliceCompany),
  // Searched by part of her email (the page repeats the search in its search box).
  "page /leads": async ({ bob, aliceCompany }) => {
    await expectPageWithout(bob, "/leads?q=alice.example", aliceCompany);
    await expect(bob.getByTestId("lead-total")).toHaveText("0 leads");
  },
  "page /leads/[id]": async ({ bob, leadId }) => expectPageNotFound(bob, `/leads/${leadId}`),
  "page /imports": async ({ bob, aliceCompany }) => {
    await expectPageWithout(bob, "/imports", aliceCompany);
    await expect(bob.getByText("alice-leads.csv")).toHaveCount(0);
  },
  "page /imports/[id]": async ({ bob, importId }) => expectPageNotFound(bob, `/imports/${importId}`),
  "page /settings": async ({ bob, aliceCompany }) => expectPageWithout(bob, "/settings", aliceCompany),
  "page /insights": async ({ bob, aliceCompany }) => {
    await expectPageWithout(bob, "/insights", aliceCompany);
    await expect(bob.getByRole("heading", { name: "No won or lost leads yet" })).toBeVisible();
  },
  "page /scoring": async ({ bob, aliceCompany, modelId }) => {
    await expectPageWithout(bob, "/scoring", aliceCompany);
    await expectPageNotFound(bob, `/scoring?model=${modelId}`);
  },

  "GET /api/health": async ({ bob }) => expectNothingOf(await bob.request.get("/api/health"), 200),
  // next-auth's own endpoints: the session they describe is Bob's.
  "GET /api/auth/[...nextauth]": async ({ bob }) => {
    const session = await (await bob.request.get("/api/auth/session")).json();
    expect(session.user.companyId).not.toBe(undefined);
    expect(JSON.stringify(session)).not.toContain("alice");
  },
  "POST /api/auth/[...nextauth]": async ({ bob }) => {
    // Signing in as Alice with Bob's session and a wrong password gets Bob nowhere.
    const { csrfToken } = await (await bob.request.get("/api/auth/csrf")).json();
    const response = await bob.request.post("/api/auth/callback/credentials", {
      form: { csrfToken, email: "secret@alice.example", password: "not her password at all", json: "true" },
    });
    expect(JSON.stringify(await response.json())).not.toContain("Zyxwv");
  },
  "GET /api/dashboard": async ({ bob }) => {
    const response = await bob.request.get("/api/dashboard?days=90");
    await expectNothingOf(response, 200);
    expect((await response.json()).kpis.total).toBe(0);
  },
  "GET /api/leads": async ({ bob }) => {
    const response = await bob.request.get(`/api/leads?q=${encodeURIComponent(SECRET)}`);
    await expectNothingOf(response, 200);
    expect(await response.json()).toMatchObject({ total: 0, leads: [] });
  },
  "GET /api/leads/[id]": async ({ bob, leadId }) => expectNothingOf(await bob.request.get(`/api/leads/${leadId}`), 404),
  "GET /api/leads/[id]/activities": async ({ bob, leadId }) => expectNothingOf(await bob.request.get(`/api/leads/${leadId}/activities`), 404),
  "GET /api/activities": async ({ bob }) => {
    const response = await bob.request.get("/api/activities?email=secret%40alice.example");
    await expectNothingOf(response, 200);
    expect((await response.json()).activities).toEqual([]);
    await expectNothingOf(await bob.request.get("/api/activities?type=Zyxwv%20demo"), 200);
  },
  "POST /api/activities": async ({ alice, bob }) => {
    // Bob's activity for Alice's lead's email is Bob's: Alice's timeline does not change.
    const sent = await bob.request.post("/api/activities", { data: { activities: [{ email: "secret@alice.example", type: "Bob's visit", occurredAt: new Date().toISOString() }] } });
    expect(await sent.json()).toMatchObject({ created: 1 });
    const hers = await (await alice.request.get("/api/activities?email=secret%40alice.example")).json();
    expect(hers.activities.map((a: { type: string }) => a.type)).toEqual(["Zyxwv demo"]);
  },
  "PATCH /api/leads/[id]": async ({ alice, bob, leadId }) => {
    await expectNothingOf(await bob.request.patch(`/api/leads/${leadId}`, { data: { outcome: "lost" } }), 404);
    expect((await (await alice.request.get(`/api/leads/${leadId}`)).json()).lead.outcome).toBe("won");
  },
  "GET /api/leads/export": async ({ bob }) => {
    const response = await bob.request.get(`/api/leads/export?q=${encodeURIComponent(SECRET)}`);
    await expectNothingOf(response, 200);
    expect((await response.text()).trim().split("\n")).toHaveLength(1); // the header only
  },
  "GET /api/imports": async ({ bob }) => {
    const response = await bob.request.get("/api/imports");
    await expectNothingOf(response, 200);
    expect(await response.text()).not.toContain("alice-leads.csv");
  },
  "POST /api/imports": async ({ alice, bob, leadId }) => {
    // Bob importing Alice's lead's email creates Bob's own lead; Alice's stays as it was.
    await importCsv(bob, "bob.csv", "Email,Job Title\nsecret@alice.example,Intern\n");
    expect((await (await alice.request.get(`/api/leads/${leadId}`)).json()).lead.jobTitle).toBe("CTO");
  },
  "POST /api/imports/preview": async ({ bob }) => {
    // Reads only the file sent, and keeps nothing of it.
    const response = await bob.request.post("/api/imports/preview", { multipart: { file: { name: "bob-preview.csv", mimeType: "text/csv", buffer: Buffer.from("Email,Note\nbob@bob.example,hello\n") } } });
    await expectNothingOf(response, 200);
    expect((await (await bob.request.get("/api/imports")).json()).imports.map((i: { fileName: string }) => i.fileName)).not.toContain("bob-preview.csv");
  },
  "GET /api/imports/[id]": async ({ bob, importId }) => expectNothingOf(await bob.request.get(`/api/imports/${importId}`), 404),
  "GET /api/imports/[id]/rejected": async ({ bob, importId }) => expectNothingOf(await bob.request.get(`/api/imports/${importId}/rejected`), 404),
  "GET /api/imports/[id]/unknown-emails": async ({ alice, bob, activityImportId }) => {
    // Alice's own download names the email nobody else may see.
    expect(await (await alice.request.get(`/api/imports/${activityImportId}/unknown-emails`)).text()).toContain("zyxwv.stranger@alice.example");
    await expectNothingOf(await bob.request.get(`/api/imports/${activityImportId}/unknown-emails`), 404);
    await expectNothingOf(await bob.request.get(`/api/imports/${activityImportId}`), 404);
  },
  "GET /api/insights": async ({ bob }) => {
    const response = await bob.request.get("/api/insights");
    await expectNothingOf(response, 200);
    expect((await response.json()).closed).toEqual({ won: 0, lost: 0 });
  },
  "POST /api/insights/suggested-model": async ({ bob }) => {
    // Bob has no outcomes: the answer counts his (none), never Alice's won lead.
    const response = await bob.request.post("/api/insights/suggested-model");
    await expectNothingOf(response, 409);
    expect((await response.json()).error).toMatchObject({ code: "not_enough_outcomes", closed: { won: 0, lost: 0 } });
  },
  "GET /api/models": async ({ bob, modelId }) => {
    const response = await bob.request.get("/api/models");
    await expectNothingOf(response, 200);
    expect(await response.text()).not.toContain(modelId);
  },
  "POST /api/models": async ({ bob }) => {
    // A copy of "the active model" is a copy of Bob's own.
    const response = await bob.request.post("/api/models", { data: { name: "Copy", from: "active" } });
    await expectNothingOf(response, 201);
    expect((await response.json()).model.draft.definition.criteria.map((c: { label: string }) => c.label)).not.toContain("Zyxwv rule");
  },
  "GET /api/models/[id]": async ({ bob, modelId }) => expectNothingOf(await bob.request.get(`/api/models/${modelId}`), 404),
  "PUT /api/models/[id]/draft": async ({ alice, bob, modelId }) => {
    const before = await (await alice.request.get(`/api/models/${modelId}`)).text();
    const definition = { name: "Taken over", pointsFor100: 1, criteria: [{ label: "X", tiers: [{ points: 1, when: [{ kind: "present", field: "email" }] }] }] };
    await expectNothingOf(await bob.request.put(`/api/models/${modelId}/draft`, { data: { definition } }), 404);
    expect(await (await alice.request.get(`/api/models/${modelId}`)).text()).toBe(before);
  },
  "DELETE /api/models/[id]/draft": async ({ bob, modelId }) => expectNothingOf(await bob.request.delete(`/api/models/${modelId}/draft`), 404),
  "POST /api/models/[id]/preview": async ({ bob, modelId }) => expectNothingOf(await bob.request.post(`/api/models/${modelId}/preview`), 404),
  "POST /api/models/[id]/publish": async ({ bob, modelId }) => expectNothingOf(await bob.request.post(`/api/models/${modelId}/publish`, { data: {} }), 404),
  "POST /api/models/[id]/activate": async ({ bob, modelId }) => expectNothingOf(await bob.request.post(`/api/models/${modelId}/activate`), 404),
  "POST /api/models/[id]/restore": async ({ bob, modelId }) => expectNothingOf(await bob.request.post(`/api/models/${modelId}/restore`, { data: { version: 1 } }), 404),
  "GET /api/scoring-jobs/[id]": async ({ bob, jobId }) => expectNothingOf(await bob.request.get(`/api/scoring-jobs/${jobId}`), 404),
  "POST /api/scoring-jobs/[id]/retry": async ({ bob, jobId }) => expectNothingOf(await bob.request.post(`/api/scoring-jobs/${jobId}/retry`), 404),
  "DELETE /api/imports/[id]": async ({ alice, bob, importId }) => {
    await expectNothingOf(await bob.request.delete(`/api/imports/${importId}`), 404);
    expect((await (await alice.request.get(`/api/imports/${importId}`)).json()).import.status).toBe("succeeded");
  },

  // Teams, tokens and the audit log.
  "page /team": async ({ bob, aliceCompany }) => {
    await expectPageWithout(bob, "/team", aliceCompany);
    await expect(bob.getByTestId("member-row")).toHaveCount(1);
    await expect(bob.getByText("zyxwv.invitee")).toHaveCount(0);
  },
  "page /audit": async ({ bob, aliceCompany }) => {
    await expectPageWithout(bob, "/audit", aliceCompany);
    await expect(bob.getByText("alice-leads.csv")).toHaveCount(0);
  },
  "page /invite/[secret]": async ({ bob, aliceCompany }) => {
    await expectPageWithout(bob, `/invite/${RANDOM_SECRET}`, aliceCompany);
    await expect(bob.getByRole("heading", { name: "This invitation link does not work" })).toBeVisible();
  },
  "page /forgot-password": async ({ bob }) => expectNothingOf(await bob.goto("/forgot-password"), 200),
  "page /reset-password/[secret]": async ({ bob }) => {
    await expectNothingOf(await bob.goto(`/reset-password/${RANDOM_SECRET}`), 200);
    await expect(bob.getByRole("heading", { name: "This link does not work any more" })).toBeVisible();
  },
  "page /docs/api": async ({ bob }) => expectNothingOf(await bob.goto("/docs/api"), 200),
  "GET /api/openapi.json": async ({ bob }) => expectNothingOf(await bob.request.get("/api/openapi.json"), 200),
  "GET /api/members": async ({ bob, aliceUserId }) => {
    const response = await bob.request.get("/api/members");
    await expectNothingOf(response, 200);
    expect(await response.text()).not.toContain(aliceUserId);
  },
  "PATCH /api/members/[id]": async ({ bob, aliceUserId }) => {
    await expectNothingOf(await bob.request.patch(`/api/members/${aliceUserId}`, { data: { role: "viewer" } }), 404);
    expect((await sql<{ role: string }>(`SELECT role FROM "Membership" WHERE "userId" = $1`, [aliceUserId]))[0].role).toBe("owner");
  },
  "DELETE /api/members/[id]": async ({ bob, aliceUserId }) => {
    await expectNothingOf(await bob.request.delete(`/api/members/${aliceUserId}`), 404);
    expect(await sql(`SELECT 1 FROM "Membership" WHERE "userId" = $1`, [aliceUserId])).toHaveLength(1);
  },
  "GET /api/invitations": async ({ bob }) => {
    const response = await bob.request.get("/api/invitations");
    await expectNothingOf(response, 200);
    expect(await response.text()).not.toContain("zyxwv.invitee");
  },
  "POST /api/invitations": async ({ bob }) => {
    // Into Bob's own company, whatever the email.
    const response = await bob.request.post("/api/invitations", { data: { email: "someone-for-bob@example.com", role: "viewer" } });
    await expectNothingOf(response, 201);
  },
  "DELETE /api/invitations/[id]": async ({ bob, invitationId }) => {
    await expectNothingOf(await bob.request.delete(`/api/invitations/${invitationId}`), 404);
    expect(await sql(`SELECT 1 FROM "Invitation" WHERE id = $1`, [invitationId])).toHaveLength(1);
  },
  "POST /api/invitations/[id]/resend": async ({ bob, invitationId }) => expectNothingOf(await bob.request.post(`/api/invitations/${invitationId}/resend`), 404),
  "GET /api/tokens": async ({ bob, tokenId }) => {
    const response = await bob.request.get("/api/tokens");
    await expectNothingOf(response, 200);
    expect(await response.text()).not.toContain(tokenId);
  },
  "POST /api/tokens": async ({ bob }) => expectNothingOf(await bob.request.post("/api/tokens", { data: { name: "Bob's script" } }), 201),
  "DELETE /api/tokens/[id]": async ({ bob, tokenId, tokenSecret }) => {
    await expectNothingOf(await bob.request.delete(`/api/tokens/${tokenId}`), 404);
    expect((await bob.request.get("/api/dashboard", { headers: { Authorization: `Bearer ${tokenSecret}` } })).status()).toBe(200);
  },
  "GET /api/audit": async ({ bob }) => {
    const response = await bob.request.get("/api/audit");
    await expectNothingOf(response, 200);
    expect(await response.text()).not.toContain("alice-leads.csv");
  },
};

/**
 * Server actions take no ids: each one must get the company from the session, which this
 * checks in its source; what each then does is covered by the tests named here.
 */
const ACTIONS: Record<string, string> = {
  "signUp": "creates a new company; lib/auth/accounts.db.test.ts",
  "acceptInvite": "joins the company of the invitation whose secret is sent, as the session's user or a new account; lib/teams/teams.db.test.ts, e2e/teams.spec.ts",
  "forgotPassword": "e-mails a link to the account of the email typed, answering the same either way; lib/teams/teams.db.test.ts",
  "chooseNewPassword": "sets the password of the account whose reset secret is sent; lib/teams/teams.db.test.ts",
  "switchActiveCompany": "switches to a company the session's user is a member of, else 404; lib/teams/teams.db.test.ts",
  "leaveTeam": "takes the session's user out of the session's company; lib/teams/teams.db.test.ts",
  "deleteTeam": "deletes the session's company after its name is typed; lib/teams/teams.db.test.ts",
  "changeOwnPassword": "changes the session user's own password; lib/teams/teams.db.test.ts",
  "createAnotherCompany": "creates a new company owned by the session's user; lib/teams/teams.db.test.ts, e2e/teams.spec.ts",
  "savedMappingFor": "reads the session company's saved mappings only; lib/imports/imports.db.test.ts",
  "switchActiveModel": "activates one of the session company's models only; lib/models/studio.db.test.ts (another company's models are not found)",
  "trySampleData": "imports into the session company; e2e/dashboard.spec.ts",
  "markOutcome": "sets outcomes of the session company's leads only; lib/outcomes/outcomes.db.test.ts (another company's ids change nothing)",
};

/** Actions that work without a session: the secret or the email they are sent is what they act on. */
const PUBLIC_ACTIONS = ["signUp", "acceptInvite", "forgotPassword", "chooseNewPassword"];

test("every page, route handler and server action of the app has an isolation case", () => {
  const found = routeTree();
  const missing = found.filter(({ key }) => !(key in CASES) && !(key.startsWith("action ") && key.slice(7) in ACTIONS)).map((r) => `${r.key} (${r.file})`);
  expect(missing, "add a case for each to e2e/isolation.spec.ts").toEqual([]);
  // And no case for a route that no longer exists.
  const keys = new Set(found.map((r) => r.key));
  expect([...Object.keys(CASES), ...Object.keys(ACTIONS).map((a) => `action ${a}`)].filter((key) => !keys.has(key))).toEqual([]);
  for (const { key, file } of found.filter((r) => r.key.startsWith("action "))) {
    const name = key.slice(7);
    if (!PUBLIC_ACTIONS.includes(name)) expect(actionSource(file, name), `${name} must take the company from the session`).toMatch(/^ = tenant(?:Form)?Action\(/);
  }
});

test("another company's ids and searches reach nothing, on every page and route", async ({ browser, consoleErrors }) => {
  consoleErrors.allow(/status of 404 .*\/(leads|imports|scoring)/);
  test.setTimeout(120_000);
  const alice = await browser.newPage();
  const bob = await browser.newPage();
  const aliceAccount = await signUp(alice);
  await signUp(bob);
  const importId = await importCsv(alice, "alice-leads.csv", ALICE_CSV);
  const [{ id: leadId }] = await sql<{ id: string }>(`SELECT id FROM "Lead" WHERE email = 'secret@alice.example' AND "importId" = $1`, [importId]);
  const activityImportId = await importCsv(alice, "alice-clicks.csv", `Email,Activity,Date\nzyxwv.stranger@alice.example,Zyxwv click,${new Date().toISOString().slice(0, 10)}\n`, { kind: "activities" });
  // Alice's lead did something, named so that any leak shows.
  expect((await alice.request.post("/api/activities", { data: { activities: [{ email: "secret@alice.example", type: "Zyxwv demo", occurredAt: new Date().toISOString(), detail: SECRET }] } })).status()).toBe(200);
  // Alice herself sees all of it, so each refusal below is about the company, not the data.
  expect((await alice.request.get(`/api/leads/${leadId}`)).status()).toBe(200);
  await alice.goto(`/leads/${leadId}`);
  await expect(alice.getByText(SECRET).first()).toBeVisible();

  // Alice has a won lead, so Bob's empty insights are about the company.
  expect((await alice.request.patch(`/api/leads/${leadId}`, { data: { outcome: "won" } })).status()).toBe(200);
  // Alice's own model, with a rule and a draft named so that any leak shows, published once.
  const created = await alice.request.post("/api/models", { data: { name: "Zyxwv model", from: "b2b-saas" } });
  const { model } = await created.json();
  const definition = { ...model.draft.definition, criteria: [...model.draft.definition.criteria, { label: "Zyxwv rule", tiers: [{ points: 1, when: [{ kind: "keywords", field: "jobTitle", keywords: ["Zyxwv"] }] }] }] };
  expect((await alice.request.put(`/api/models/${model.id}/draft`, { data: { definition } })).status()).toBe(200);
  const published = await alice.request.post(`/api/models/${model.id}/publish`, { data: { note: "Zyxwv note" } });
  expect(published.status()).toBe(202);
  const jobId = (await published.json()).job.id;
  await expect.poll(async () => (await (await alice.request.get(`/api/scoring-jobs/${jobId}`)).json()).job.status).toBe("succeeded");
  expect((await alice.request.put(`/api/models/${model.id}/draft`, { data: { definition: { ...definition, name: "Zyxwv draft" } } })).status()).toBe(200);

  // Alice's invitation and API token, named so that any leak shows.
  const invited = await alice.request.post("/api/invitations", { data: { email: "zyxwv.invitee@example.com", role: "member" } });
  expect(invited.status()).toBe(201);
  const token = await alice.request.post("/api/tokens", { data: { name: "Zyxwv token" } });
  expect(token.status()).toBe(201);
  const [{ id: aliceUserId }] = await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [aliceAccount.email]);

  const world = {
    alice,
    bob,
    aliceCompany: aliceAccount.companyName,
    aliceUserId,
    leadId,
    importId,
    activityImportId,
    modelId: model.id,
    jobId,
    invitationId: (await invited.json()).invitation.id,
    tokenId: (await token.json()).token.id,
    tokenSecret: (await token.json()).token.secret,
  };
  for (const [key, check] of Object.entries(CASES)) await test.step(key, () => check(world));

  await test.step("Bob's API token reaches none of Alice's ids", async () => {
    const { token: bobs } = await (await bob.request.post("/api/tokens", { data: { name: "Bob's reader" } })).json();
    const headers = { Authorization: `Bearer ${bobs.secret}` };
    for (const url of [`/api/leads/${leadId}`, `/api/leads/${leadId}/activities`, `/api/imports/${importId}`, `/api/imports/${importId}/rejected`, `/api/models/${model.id}`, `/api/scoring-jobs/${jobId}`]) {
      await expectNothingOf(await bob.request.get(url, { headers }), 404);
    }
    await expectNothingOf(await bob.request.patch(`/api/leads/${leadId}`, { headers, data: { outcome: "lost" } }), 404);
    await expectNothingOf(await bob.request.delete(`/api/tokens/${world.tokenId}`, { headers }), 404);
    await expectNothingOf(await bob.request.patch(`/api/members/${aliceUserId}`, { headers, data: { role: "viewer" } }), 404);
    const search = await bob.request.get(`/api/leads?q=${encodeURIComponent(SECRET)}`, { headers });
    await expectNothingOf(search, 200);
    expect((await search.json()).total).toBe(0);
  });
});
