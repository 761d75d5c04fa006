import { createCompany } from "@/lib/test-factories";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { bytesOf } from "@/lib/db/test-helpers";
import { createImport } from "@/lib/imports/create-import";
import { processImport } from "@/lib/imports/process-import";
import { exportLeadsCsv } from "./export-leads";
import { listLeads, listLeadsQuery } from "./list-leads";

async function exported(companyId: string, filters: Record<string, unknown> = {}) {
  let text = "";
  for await (const piece of exportLeadsCsv(companyId, listLeadsQuery.parse(filters))) text += piece;
  return text;
}

describe("scored CSV export", () => {
  it("exports exactly the filtered leads, in ranked order, with fields, extra columns and points per rule, safe for Excel", async () => {
    const company = await createCompany({ name: "Export Co" });
    const leads = [
      { email: "ada@example.com", fullName: "Ada", companyName: "=HYPERLINK(\"http://evil\")", score: 90, grade: "A", breakdown: { companySize: 10, jobTitle: 6, industry: 2 }, extra: { Notes: "@sum(1)" }, usesInVitroModels: true, openToNams: false, companySize: 120 },
      { email: "bob@example.com", fullName: "Bob", companyName: "Acme", score: 40, grade: "C", breakdown: { companySize: 3, jobTitle: 1, industry: 2, location: 2 }, extra: { Source: "Web" } },
      { email: "cy@example.com", fullName: "Cy", companyName: "Acme", score: 40, grade: "C", breakdown: { companySize: 4, industry: 2, location: 2 }, extra: {} },
      { email: "dee@example.com", fullName: "Dee", companyName: "Other", score: 5, grade: "D", breakdown: { jobTitle: 1 }, extra: {} },
    ];
    for (const [i, lead] of leads.entries()) {
      await prisma.lead.create({
        data: { ...lead, companyId: company.id, rawPoints: lead.score / 5, submittedAt: new Date(Date.UTC(2026, 10, 1 + (i % 2))) },
      });
    }

    const text = await exported(company.id, { minScore: 10 });
    expect(text.startsWith("\uFEFF")).toBe(true);
    const [header, ...rows] = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
    expect(header.slice(0, 5)).toEqual(["Rank", "Score", "Grade", "Scored with", "Email"]);
    expect(header).toContain("Notes");
    expect(header).toContain("Source");
    expect(header.slice(-4)).toEqual(["Points: Company size", "Points: Job title", "Points: Industry", "Points: Location"]);

    const { leads: listed } = await listLeads(company.id, listLeadsQuery.parse({ minScore: 10 }));
    expect(rows.map((row) => row[4])).toEqual(listed.map((lead) => lead.email));
    expect(new Set(rows.map((row) => row[3]))).toEqual(new Set(["B2B SaaS v1"]));
    expect(rows.map((row) => row[0])).toEqual(["1", "2", "3"]);

    const ada = rows[0];
    expect(ada[header.indexOf("Company")]).toBe(`'=HYPERLINK("http://evil")`);
    expect(ada[header.indexOf("Notes")]).toBe("'@sum(1)");
    expect(ada.slice(-4)).toEqual(["10", "6", "2", "0"]);
    expect(ada[header.indexOf("Uses in-vitro models")]).toBe("yes");
    expect(ada[header.indexOf("Open to NAMs")]).toBe("no");
    expect(ada[header.indexOf("In biotech hub")]).toBe("");
    expect(ada[header.indexOf("Company size")]).toBe("120");
    expect(ada[header.indexOf("Submitted at")]).toBe("2026-11-01T00:00:00.000Z");
    expect(rows[1][header.indexOf("Source")] + rows[2][header.indexOf("Source")]).toBe("Web");
  });

  it("exports only the company's own leads, and just the header when none match", async () => {
    const mine = await createCompany({ name: "Mine" });
    const other = await createCompany({ name: "Other" });
    await prisma.lead.create({
      data: { companyId: other.id, email: "secret@example.com", score: 99, grade: "A", rawPoints: 20, breakdown: [], submittedAt: new Date() },
    });
    const text = await exported(mine.id);
    expect(text).not.toContain("secret@example.com");
    expect(Papa.parse(text.slice(1), { skipEmptyLines: true }).data).toHaveLength(1);
  });

  it("keeps the ranked order across pages of a large export", async () => {
    const company = await createCompany({ name: "Big Export" });
    await prisma.lead.createMany({
      data: Array.from({ length: 4100 }, (_, i) => ({
        companyId: company.id,
        email: `lead${String(i).padStart(5, "0")}@example.com`,
        score: (i * 37) % 101,
        grade: "D",
        rawPoints: 0,
        breakdown: [],
        submittedAt: new Date(Date.UTC(2026, 10, 1 + (i % 3))),
      })),
    });
    const rows = Papa.parse<string[]>((await exported(company.id)).slice(1), { skipEmptyLines: true }).data.slice(1);
    const expected = await prisma.$queryRaw<{ email: string }[]>`
      SELECT "email" FROM "Lead" WHERE "companyId" = ${company.id}::uuid ORDER BY "score" DESC, "submittedAt" DESC, "email" ASC`;
    expect(rows).toHaveLength(4100);
    expect(rows.map((row) => row[4])).toEqual(expected.map((row) => row.email));
  });

  it("round-trips: the exported file imported into another company gives the same leads and scores", async () => {
    const source = await createCompany({ name: "Source" });
    const csv = [
      "Email,Full Name,Job Title,Company Size,Industry,Location,Favourite colour,Phone",
      "ada@example.com,Ada,CTO,12000,SaaS,Berlin,teal,+49 30 1234567",
      "bob@example.com,Bob,Developer,50,Retail,Nowhere,,=1+1",
      "cy@example.com,-minus,@here,,,,-,'quoted",
      "",
    ].join("\n");
    const load = async (companyId: string, text: string) => {
      const id = await createImport({ companyId, userId: null, fileName: "f.csv", source: bytesOf(text) });
      await processImport(id);
    };
    await load(source.id, csv);
    const target = await createCompany({ name: "Target" });
    await load(target.id, await exported(source.id));
    const snapshot = (companyId: string) =>
      prisma.lead.findMany({
        where: { companyId },
        orderBy: { email: "asc" },
        select: { email: true, fullName: true, jobTitle: true, companySize: true, industry: true, location: true, score: true, grade: true, breakdown: true, extra: true, submittedAt: true },
      });
    expect(await snapshot(target.id)).toEqual(await snapshot(source.id));
    // The export neutralised these cells for spreadsheets; the import took the apostrophe back.
    const cy = await prisma.lead.findFirstOrThrow({ where: { companyId: target.id, email: "cy@example.com" } });
    expect(cy).toMatchObject({ fullName: "-minus", jobTitle: "@here", extra: { "Favourite colour": "-", Phone: "'quoted" } });
    const bob = await prisma.lead.findFirstOrThrow({ where: { companyId: target.id, email: "bob@example.com" } });
    expect(bob.extra).toEqual({ Phone: "=1+1" });
  });
});
