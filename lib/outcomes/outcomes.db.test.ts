import { describe, expect, it } from "vitest";
import type { OutcomeValues } from "@/lib/csv/outcome";
import { parse } from "@/lib/http";
import { uploadFields } from "@/lib/imports/schemas";
import { prisma } from "@/lib/db/client";
import { bytesOf } from "@/lib/db/test-helpers";
import { createImport } from "@/lib/imports/create-import";
import { getImport } from "@/lib/imports/imports";
import { processImport } from "@/lib/imports/process-import";
import { listLeads, listLeadsQuery } from "@/lib/leads/list-leads";
import { createCompany } from "@/lib/test-factories";
import { setOutcome } from "./set-outcome";

const CRM = [
  "Email,Job Title,Lifecycle Stage",
  "ana@acme.pt,CEO,customer",
  "bo@acme.pt,CTO,Closed Lost",
  "cy@acme.pt,Developer,lead",
  "di@acme.pt,Intern,Evangelist",
  "ed@acme.pt,Analyst,  MQL ",
  "fi@acme.pt,Founder,evangelist",
].join("\n");

async function importInto(companyId: string, csv: string, options: { outcomeValues?: OutcomeValues } = {}) {
  const id = await createImport({ companyId, userId: null, fileName: "crm.csv", source: bytesOf(csv), ...options });
  await processImport(id);
  return (await getImport(companyId, id))!;
}

const outcomes = async (companyId: string) =>
  Object.fromEntries((await prisma.lead.findMany({ where: { companyId }, select: { email: true, outcome: true } })).map((l) => [l.email, l.outcome]));

describe("outcomes from an import", () => {
  it("map the lifecycle column by the default rules, and count the values no rule knows (kept open)", async () => {
    const companyId = (await createCompany({ name: "CRM" })).id;
    const job = await importInto(companyId, CRM);
    expect(job.mapping).toContain("outcome");
    expect(await outcomes(companyId)).toEqual({ "ana@acme.pt": "won", "bo@acme.pt": "lost", "cy@acme.pt": "open", "di@acme.pt": "open", "ed@acme.pt": "open", "fi@acme.pt": "open" });
    expect(job.unknownOutcomes).toEqual({ Evangelist: 1, evangelist: 1 });
    const won = await prisma.lead.findFirstOrThrow({ where: { companyId, email: "ana@acme.pt" } });
    expect(won.outcomeAt).toBeInstanceOf(Date);
    expect((await prisma.lead.findFirstOrThrow({ where: { companyId, email: "cy@acme.pt" } })).outcomeAt).toBeNull();
  });

  it("follow the user's choice for a value, remembered for the next file with the same columns", async () => {
    const companyId = (await createCompany({ name: "Choices" })).id;
    const job = await importInto(companyId, CRM, { outcomeValues: { Evangelist: "won", customer: "lost" } });
    expect(await outcomes(companyId)).toMatchObject({ "ana@acme.pt": "lost", "di@acme.pt": "won", "fi@acme.pt": "won" });
    expect(job.unknownOutcomes).toEqual({});
    // The next file with these columns, sent without choices, gets the same ones.
    const next = await importInto(companyId, "Email,Job Title,Lifecycle Stage\ngus@acme.pt,CEO,evangelist\n");
    expect(next.unknownOutcomes).toEqual({});
    expect((await outcomes(companyId))["gus@acme.pt"]).toBe("won");
  });

  it("refuse choices that are not won, lost or open, and import nothing", async () => {
    const companyId = (await createCompany({ name: "Bad choice" })).id;
    // Checked where the upload is received (POST /api/imports), before any byte is stored.
    expect(() => parse(uploadFields, { outcomeValues: JSON.stringify({ lead: "maybe" }) })).toThrow(expect.objectContaining({ status: 422, code: "invalid_request" }));
    expect(await prisma.import.count({ where: { companyId } })).toBe(0);
  });

  it("are left alone by a file without an outcome column, and a yes/no 'Converted' column gives won or open", async () => {
    const companyId = (await createCompany({ name: "Keep" })).id;
    await importInto(companyId, CRM);
    await importInto(companyId, "Email,Job Title\nana@acme.pt,Chief Executive Officer\nbo@acme.pt,CTO\n");
    expect(await outcomes(companyId)).toMatchObject({ "ana@acme.pt": "won", "bo@acme.pt": "lost" });
    await importInto(companyId, "Email,Converted\ncy@acme.pt,yes\nana@acme.pt,no\n");
    expect(await outcomes(companyId)).toMatchObject({ "cy@acme.pt": "won", "ana@acme.pt": "open" });
  });
});

describe("setting outcomes in the app", () => {
  it("changes the company's own leads only, and the leads list filters by outcome", async () => {
    const mine = (await createCompany({ name: "Mine" })).id;
    const theirs = (await createCompany({ name: "Theirs" })).id;
    await importInto(mine, "Email\na@x.com\nb@x.com\nc@x.com\n");
    await importInto(theirs, "Email\nsecret@y.com\n");
    const [a, b] = await prisma.lead.findMany({ where: { companyId: mine }, orderBy: { email: "asc" } });
    const [secret] = await prisma.lead.findMany({ where: { companyId: theirs } });
    const scoresBefore = await prisma.lead.findMany({ where: { companyId: mine }, select: { score: true, grade: true }, orderBy: { email: "asc" } });

    expect(await setOutcome(mine, [a.id, b.id, secret.id, "not-an-id"], "won")).toBe(2);
    expect(await setOutcome(mine, [b.id], "lost")).toBe(1);
    expect(await setOutcome(mine, [a.id], "won")).toBe(0);
    expect((await prisma.lead.findUniqueOrThrow({ where: { id: secret.id } })).outcome).toBe("open");
    // An outcome is a label, never a scoring input.
    expect(await prisma.lead.findMany({ where: { companyId: mine }, select: { score: true, grade: true }, orderBy: { email: "asc" } })).toEqual(scoresBefore);

    const list = async (outcome: string) => (await listLeads(mine, listLeadsQuery.parse({ outcome }))).leads.map((l) => l.email).sort();
    expect(await list("won")).toEqual(["a@x.com"]);
    expect(await list("lost")).toEqual(["b@x.com"]);
    expect(await list("closed")).toEqual(["a@x.com", "b@x.com"]);
    expect(await list("open")).toEqual(["c@x.com"]);
    expect((await listLeads(mine, listLeadsQuery.parse({ outcome: "won" }))).total).toBe(1);
  });
});
