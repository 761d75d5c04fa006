import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { expect, test } from "./test";
import { signUp } from "./helpers";

/**
 * Real answers of the JSON API against the OpenAPI document it serves: every call below is
 * checked against the schema documented for its path, method and status, and the test fails
 * when a documented operation was never called.
 */
type Document = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>>; components: { schemas: Record<string, object> } };

test("the API answers as its OpenAPI document says, with a token", async ({ page, playwright, baseURL }) => {
  test.setTimeout(120_000);
  await signUp(page);
  const document = (await (await page.request.get("/api/openapi.json")).json()) as Document;
  const ajv = addFormats(new Ajv2020({ strict: false }));
  ajv.addSchema({ $id: "leadrank", components: document.components });
  const called = new Set<string>();

  /** Calls the API and checks the answer against the documented schema of that status. */
  async function check(method: string, path: string, template: string, response: APIResponse, status: number) {
    expect(response.status(), `${method} ${path}: ${await response.text()}`).toBe(status);
    const documented = document.paths[template]?.[method]?.responses?.[String(status)];
    expect(documented, `${method} ${template} ${status} is documented`).toBeDefined();
    called.add(`${method} ${template}`);
    const schema = documented!.content?.["application/json"]?.schema;
    if (!schema) return response;
    const validate = ajv.compile("$ref" in schema ? { $ref: `leadrank${(schema as { $ref: string }).$ref}` } : schema);
    const body = await response.json();
    expect(validate(body), `${method} ${path} ${status}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    // An error's code is one the operation names under that status.
    if (status >= 400) expect((documented as { "x-error-codes"?: string[] })["x-error-codes"], `${method} ${template} ${status}`).toContain(body.error.code);
    return response;
  }

  const { token } = await (await page.request.post("/api/tokens", { data: { name: "conformance", role: "owner" } })).json();
  const api: APIRequestContext = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${token.secret}` } });
  const call = async (method: string, template: string, status: number, { params = {}, data, multipart, query = "" }: { params?: Record<string, string>; data?: unknown; multipart?: Record<string, unknown>; query?: string } = {}) => {
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) => params[name]) + query;
    const response = await api.fetch(path, { method: method.toUpperCase(), ...(data !== undefined ? { data } : {}), ...(multipart ? { multipart: multipart as never } : {}) });
    await check(method, path, template, response, status);
    return response.status() === 204 || !response.headers()["content-type"]?.includes("json") ? null : response.json();
  };

  await call("get", "/api/health", 200);
  await call("get", "/api/openapi.json", 200);
  const csv = "Email,Full Name,Job Title,Company Size\nana@acme.example,Ana Lopes,CTO,300\nbo@acme.example,Bo Chen,Engineer,40\nbad,No Email,CEO,10\n";
  const { import: upload } = await call("post", "/api/imports", 202, { multipart: { file: { name: "api.csv", mimeType: "text/csv", buffer: Buffer.from(csv) } } });
  await expect.poll(async () => (await (await api.get(`/api/imports/${upload.id}`)).json()).import.status).toBe("succeeded");
  await call("get", "/api/imports/{id}", 200, { params: { id: upload.id } });
  await call("get", "/api/imports", 200);
  // Activities: sent (each once however often), listed for the company and for a lead.
  const occurredAt = new Date().toISOString();
  const sent = await call("post", "/api/activities", 200, { data: { activities: [{ email: "ana@acme.example", type: "Demo requested", occurredAt, detail: "https://acme.example/pricing" }, { email: "nope", type: "x", occurredAt }] } });
  expect(sent).toMatchObject({ created: 1, duplicates: 0, rejected: [{ index: 1 }] });
  expect(await call("post", "/api/activities", 200, { data: { activities: [{ email: "ana@acme.example", type: "demo requested", occurredAt, detail: "https://acme.example/pricing" }] } })).toMatchObject({ created: 0, duplicates: 1 });
  await call("post", "/api/activities", 422, { data: { activities: Array.from({ length: 1001 }, () => ({ email: "a@b.example", type: "x", occurredAt })) } });
  expect((await call("get", "/api/activities", 200, { query: "?email=ana%40acme.example" })).activities).toHaveLength(1);
  // An upload's fields are checked where the request arrives, before the file: a bad mapping stores nothing.
  const importsBefore = (await (await api.get("/api/imports")).json()).imports.length;
  const refused = await call("post", "/api/imports", 422, { multipart: { mapping: '["nonsense"]', file: { name: "api.csv", mimeType: "text/csv", buffer: Buffer.from(csv) } } });
  expect(refused.error).toMatchObject({ code: "invalid_request", issues: [{ path: "mapping", message: "The mapping must list, for each column, a lead field or null." }] });
  expect((await (await api.get("/api/imports")).json()).imports.length).toBe(importsBefore);
  await call("get", "/api/imports/{id}/rejected", 200, { params: { id: upload.id } });
  // A file of activities: one for a lead LeadRank has, one for someone it has not yet (whose email is listed).
  const today = occurredAt.slice(0, 10);
  const activityFile = { name: "clicks.csv", mimeType: "text/csv", buffer: Buffer.from(`Email,Activity,Date\nbo@acme.example,Email clicked,${today}\nnew@acme.example,Page view,${today}\n`) };
  const { import: clicks } = await call("post", "/api/imports", 202, { multipart: { kind: "activities", file: activityFile } });
  await expect.poll(async () => (await (await api.get(`/api/imports/${clicks.id}`)).json()).import.status).toBe("succeeded");
  const { import: clicksDone } = await call("get", "/api/imports/{id}", 200, { params: { id: clicks.id } });
  expect(clicksDone).toMatchObject({ kind: "activities", createdCount: 2, activitySummary: { known: { activities: 1, people: 1 }, unknown: { activities: 1, people: 1 } } });
  const unknownEmails = await api.get(`/api/imports/${clicks.id}/unknown-emails`);
  await check("get", `/api/imports/${clicks.id}/unknown-emails`, "/api/imports/{id}/unknown-emails", unknownEmails, 200);
  expect((await unknownEmails.text()).replace(/^\uFEFF/, "").trim().split(/\r?\n/)).toEqual(["email,activities", "new@acme.example,1"]);
  const wrongKind = await call("post", "/api/imports", 422, { multipart: { kind: "contacts", file: activityFile } });
  expect(wrongKind.error.issues[0]).toMatchObject({ path: "kind" });
  const noDate = await call("post", "/api/imports", 422, { multipart: { kind: "activities", mapping: '["email","type",null]', file: activityFile } });
  expect(noDate.error.message).toMatch(/when each activity happened/);

  // A workbook: what it holds, then one of its sheets imported by name.
  const xlsx = { name: "trade-show.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: readFileSync(join(import.meta.dirname, "../lib/xlsx/fixtures/libreoffice.xlsx")) };
  const { preview } = await call("post", "/api/imports/preview", 200, { multipart: { file: xlsx } });
  expect(preview).toMatchObject({ kind: "xlsx", sheet: "Leads", sheets: [{ name: "Leads" }, { name: "Old leads", headers: ["Email", "Job title"] }] });
  const { preview: csvPreview } = await call("post", "/api/imports/preview", 200, { multipart: { file: { name: "api.csv", mimeType: "text/csv", buffer: Buffer.from(csv) } } });
  expect(csvPreview).toMatchObject({ kind: "csv", delimiter: ",", headers: ["Email", "Full Name", "Job Title", "Company Size"] });
  const { import: sheetImport } = await call("post", "/api/imports", 202, { multipart: { sheet: "Old leads", file: xlsx } });
  await expect.poll(async () => (await (await api.get(`/api/imports/${sheetImport.id}`)).json()).import.status).toBe("succeeded");
  expect((await (await api.get(`/api/imports/${sheetImport.id}`)).json()).import).toMatchObject({ sheet: "Old leads", createdCount: 1 });
  const { leads } = await call("get", "/api/leads", 200, { query: "?q=acme" });
  await call("get", "/api/leads/{id}", 200, { params: { id: leads[0].id } });
  const ana = leads.find((lead: { email: string }) => lead.email === "ana@acme.example");
  const timeline = await call("get", "/api/leads/{id}/activities", 200, { params: { id: ana.id } });
  expect(timeline).toMatchObject({ types: [{ type: "Demo requested", activities: 1 }], activities: [{ type: "Demo requested", detail: "https://acme.example/pricing" }] });
  await call("patch", "/api/leads/{id}", 200, { params: { id: leads[0].id }, data: { outcome: "won" } });
  await call("patch", "/api/leads/{id}", 422, { params: { id: leads[0].id }, data: { outcome: "maybe" } });
  await call("get", "/api/leads/{id}", 404, { params: { id: "00000000-0000-4000-8000-000000000000" } });
  await call("get", "/api/leads/export", 200);
  await call("get", "/api/dashboard", 200, { query: "?days=7" });
  await call("get", "/api/insights", 200);
  await call("post", "/api/insights/suggested-model", 409);
  // 60 won and 60 lost leads from a CRM export: enough for a suggested model.
  const crm = ["Email,Job Title,Company Size,Lifecycle Stage", ...Array.from({ length: 120 }, (_, i) => `crm-${i}@lead${i % 7}.example,${i % 3 ? "CTO" : "Intern"},${(i * 37) % 5000},${i % 2 ? "customer" : "closed lost"}`)].join("\n");
  const { import: crmImport } = await call("post", "/api/imports", 202, { multipart: { file: { name: "crm.csv", mimeType: "text/csv", buffer: Buffer.from(crm) } } });
  await expect.poll(async () => (await (await api.get(`/api/imports/${crmImport.id}`)).json()).import.status).toBe("succeeded");
  await call("get", "/api/insights", 200);
  await call("post", "/api/insights/suggested-model", 200);

  const { models } = await call("get", "/api/models", 200);
  const { model } = await call("post", "/api/models", 201, { data: { name: "API model", from: "active" } });
  await call("get", "/api/models/{id}", 200, { params: { id: model.id } });
  const definition = { ...model.draft.definition, pointsFor100: model.draft.definition.pointsFor100 + 1 };
  await call("put", "/api/models/{id}/draft", 200, { params: { id: model.id }, data: { definition } });
  await call("post", "/api/models/{id}/preview", 200, { params: { id: model.id } });
  const published = await call("post", "/api/models/{id}/publish", 202, { params: { id: model.id }, data: { note: "from the API" } });
  await expect.poll(async () => (await (await api.get(`/api/scoring-jobs/${published.job.id}`)).json()).job.status).toBe("succeeded");
  await call("get", "/api/scoring-jobs/{id}", 200, { params: { id: published.job.id } });
  await call("post", "/api/scoring-jobs/{id}/retry", 409, { params: { id: published.job.id } });
  await call("post", "/api/models/{id}/restore", 200, { params: { id: model.id }, data: { version: 1 } });
  await call("delete", "/api/models/{id}/draft", 200, { params: { id: model.id } });
  const activated = await call("post", "/api/models/{id}/activate", 202, { params: { id: models[0].id } });
  await expect.poll(async () => (await (await api.get(`/api/scoring-jobs/${activated.job.id}`)).json()).job.status).toBe("succeeded");

  const { members } = await call("get", "/api/members", 200);
  await call("patch", "/api/members/{id}", 409, { params: { id: members[0].id }, data: { role: "viewer" } });
  await call("delete", "/api/members/{id}", 409, { params: { id: members[0].id } });
  const { invitation } = await call("post", "/api/invitations", 201, { data: { email: "api-invitee@example.com", role: "viewer" } });
  await call("get", "/api/invitations", 200);
  await call("post", "/api/invitations/{id}/resend", 201, { params: { id: invitation.id } });
  await call("delete", "/api/invitations/{id}", 204, { params: { id: invitation.id } });
  const created = await call("post", "/api/tokens", 201, { data: { name: "short-lived", role: "viewer", expiresAt: new Date(Date.now() + 86_400_000).toISOString() } });
  await call("post", "/api/tokens", 422, { data: { name: "" } });
  await call("get", "/api/tokens", 200);
  await call("delete", "/api/tokens/{id}", 204, { params: { id: created.token.id } });
  await call("get", "/api/audit", 200, { query: "?action=token.create" });
  await call("delete", "/api/imports/{id}", 200, { params: { id: crmImport.id } });

  const documented = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method} ${path}`));
  expect(documented.filter((operation) => !called.has(operation)), "call every documented operation").toEqual([]);
  await api.dispose();
});

test("the command-line import uploads to a running server with a token and follows it to the end", async ({ page, baseURL }) => {
  const { spawnSync } = await import("node:child_process");
  const fs = await import("node:fs");
  const os = await import("node:os");
  const path = await import("node:path");
  await signUp(page);
  const { token } = await (await page.request.post("/api/tokens", { data: { name: "cli", role: "member" } })).json();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "leadrank-cli-")), "crm.csv");
  fs.writeFileSync(file, "Email,Job Title\ncli-1@acme.example,CTO\ncli-2@acme.example,Intern\nnot-an-email,CEO\n");
  const run = (secret: string) =>
    spawnSync(process.execPath, ["--import", "tsx", "scripts/import-leads.ts", "--url", baseURL!, "--token", secret, "--file", file], { encoding: "utf8", timeout: 60_000 });
  const done = run(token.secret);
  expect(done.stderr).toBe("");
  expect(done.status).toBe(0);
  expect(done.stdout).toMatch(/Done in [\d.]+ s: 3 rows → 2 created, 0 updated, 1 rejected/);
  expect((await (await page.request.get("/api/leads?q=cli-")).json()).total).toBe(2);
  // A workbook, one sheet of it named.
  const workbook = spawnSync(
    process.execPath,
    ["--import", "tsx", "scripts/import-leads.ts", "--url", baseURL!, "--token", token.secret, "--file", "lib/xlsx/fixtures/libreoffice.xlsx", "--sheet", "Old leads"],
    { encoding: "utf8", timeout: 60_000 },
  );
  expect(workbook.stderr).toBe("");
  expect(workbook.stdout).toMatch(/Done in [\d.]+ s: 1 rows → 1 created/);
  // A file of activities: one for a lead it has, one for someone it has not yet.
  const clicks = path.join(path.dirname(file), "clicks.csv");
  fs.writeFileSync(clicks, `Email,Event,Date\ncli-1@acme.example,Email clicked,${new Date().toISOString().slice(0, 10)}\nlater@acme.example,Page view,${new Date().toISOString().slice(0, 10)}\n`);
  const activities = spawnSync(process.execPath, ["--import", "tsx", "scripts/import-leads.ts", "--url", baseURL!, "--token", token.secret, "--file", clicks, "--kind", "activities"], { encoding: "utf8", timeout: 60_000 });
  expect(activities.stderr).toBe("");
  expect(activities.stdout).toMatch(/2 rows → 2 activities added, 0 duplicates .*, 0 rows rejected\. 1 is of 1 person not among your leads yet\./);
  // A wrong token: a clear message and a failing exit code.
  const refused = run("lr_not-a-real-token");
  expect(refused.status).toBe(1);
  expect(refused.stderr).toContain("The server refused the upload (401)");
});
