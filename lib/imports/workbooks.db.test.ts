import fs from "node:fs";
import type { Mapping } from "@/lib/csv/mapping";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { bytesOf } from "@/lib/db/test-helpers";
import { createCompany } from "@/lib/test-factories";
import { workbook, zipBomb } from "@/lib/xlsx/test-workbooks";
import { createImport } from "./create-import";
import { getImport, rejectedRows } from "./imports";
import { processImport } from "./process-import";
import { undoImport } from "./undo-import";

const LIBREOFFICE = fs.readFileSync(path.join(import.meta.dirname, "../xlsx/fixtures/libreoffice.xlsx"));

async function importWorkbook(companyId: string, file: Uint8Array, options: { sheet?: string; mapping?: Mapping } = {}) {
  const id = await createImport({ companyId, userId: null, fileName: "leads.xlsx", source: bytesOf(file), ...options });
  await processImport(id);
  return (await getImport(companyId, id))!;
}

const leadsOf = (companyId: string) =>
  prisma.lead.findMany({
    where: { companyId },
    orderBy: { email: "asc" },
    select: { email: true, jobTitle: true, companySize: true, usesInVitroModels: true, submittedAt: true, extra: true },
  });

afterEach(() => {
  delete process.env.LEADRANK_MAX_UNPACKED_MB;
});

describe("importing an Excel workbook", () => {
  it("imports a workbook saved by LibreOffice like the same rows as CSV: counts, dates, numbers, formulas, rejected rows", async () => {
    const { id: companyId } = await createCompany({ name: "Spreadsheet users" });
    const job = await importWorkbook(companyId, LIBREOFFICE);
    expect(job).toMatchObject({ status: "succeeded", sheet: "Leads", encoding: null, delimiter: null, totalRows: 5, createdCount: 4, rejectedCount: 1 });
    const leads = await leadsOf(companyId);
    expect(leads.map((lead) => lead.email)).toEqual(["ada@lovelace.example", "grace@hopper.example", "hidden@row.example", "katherine@johnson.example"]);
    const [ada, grace, , katherine] = leads;
    // The same wall-clock time, in UTC; a date alone is midnight.
    expect(ada.submittedAt.toISOString()).toBe("2026-03-01T09:30:00.000Z");
    expect(grace.submittedAt.toISOString()).toBe("2026-03-02T00:00:00.000Z");
    expect(katherine.submittedAt.toISOString()).toBe("2026-02-28T17:05:00.000Z");
    expect(grace.companySize).toBe(1200); // a formula's cached value
    expect(katherine.usesInVitroModels).toBe(true); // TRUE()
    const rejected = [];
    for await (const page of rejectedRows(companyId, job.id)) rejected.push(...page);
    expect(rejected).toEqual([expect.objectContaining({ row: 6, cells: expect.arrayContaining(["not-an-email"]) })]);
  });

  it("imports the sheet named in `sheet`, and refuses a sheet the workbook does not have, keeping nothing", async () => {
    const { id: companyId } = await createCompany({ name: "Two sheets" });
    const job = await importWorkbook(companyId, LIBREOFFICE, { sheet: "Old leads" });
    expect(job).toMatchObject({ status: "succeeded", sheet: "Old leads", createdCount: 1 });
    expect((await leadsOf(companyId)).map((lead) => lead.email)).toEqual(["old@lead.example"]);

    const attempt = createImport({ companyId, userId: null, fileName: "leads.xlsx", source: bytesOf(LIBREOFFICE), sheet: "Notes" });
    await expect(attempt).rejects.toMatchObject({ status: 422, code: "invalid_request", message: expect.stringContaining('Sheets with leads: "Leads", "Old leads".') });
    expect(await prisma.import.count({ where: { companyId } })).toBe(1);
    expect(await prisma.importFile.count({ where: { import: { companyId } } })).toBe(0);
  });

  it("dedupes, updates and undoes like a CSV import", async () => {
    const { id: companyId } = await createCompany({ name: "Second upload" });
    const first = await workbook((book) => {
      const sheet = book.addWorksheet("Leads");
      sheet.addRow(["Email", "Job title", "Company size", "Source"]);
      sheet.addRow(["a@x.example", "Intern", 10, "Fair"]);
      sheet.addRow(["b@x.example", "CTO", 500, "Web"]);
    });
    const second = await workbook((book) => {
      const sheet = book.addWorksheet("Leads");
      sheet.addRow(["Email", "Job title", "Company size", "Source"]);
      sheet.addRow(["a@x.example", "Chief Executive Officer", 2500, "Fair"]);
      sheet.addRow(["a@x.example", "Chief Executive Officer", 2500, "Fair"]);
      sheet.addRow(["c@x.example", "Engineer", 40, "Ads"]);
    });
    await importWorkbook(companyId, first);
    const again = await importWorkbook(companyId, second);
    expect(again).toMatchObject({ totalRows: 3, createdCount: 1, updatedCount: 1, duplicateCount: 1 });
    expect((await leadsOf(companyId)).map((lead) => [lead.email, lead.jobTitle, lead.companySize, lead.extra])).toEqual([
      ["a@x.example", "Chief Executive Officer", 2500, { Source: "Fair" }],
      ["b@x.example", "CTO", 500, { Source: "Web" }],
      ["c@x.example", "Engineer", 40, { Source: "Ads" }],
    ]);
    await undoImport(companyId, again.id);
    expect((await leadsOf(companyId)).map((lead) => [lead.email, lead.jobTitle])).toEqual([
      ["a@x.example", "Intern"],
      ["b@x.example", "CTO"],
    ]);
  });

  it("refuses a ZIP bomb and an old .xls file, keeping nothing of either", async () => {
    const { id: companyId } = await createCompany({ name: "Bad files" });
    process.env.LEADRANK_MAX_UNPACKED_MB = "1";
    const big = await workbook((book) => {
      const sheet = book.addWorksheet("Leads");
      sheet.addRow(["Email", "Notes"]);
      for (let i = 0; i < 3000; i++) sheet.addRow([`lead${i}@x.example`, `${i} ${"x".repeat(500)}`]);
    });
    const bomb = createImport({ companyId, userId: null, fileName: "bomb.xlsx", source: bytesOf(big) });
    await expect(bomb).rejects.toMatchObject({ status: 422, code: "invalid_request", message: expect.stringContaining("unpacks to more than 1 MB") });
    const xls = createImport({ companyId, userId: null, fileName: "old.xls", source: bytesOf(fs.readFileSync(path.join(import.meta.dirname, "../xlsx/fixtures/libreoffice.xls"))) });
    await expect(xls).rejects.toMatchObject({ status: 422, message: expect.stringContaining("save it as .xlsx or CSV") });
    expect(await prisma.import.count({ where: { companyId } })).toBe(0);
    expect(await prisma.importFile.count({ where: { import: { companyId } } })).toBe(0);
  });

  it("fails an import whose workbook turns out to unpack beyond the limit half-way, keeping none of its rows", async () => {
    const { id: companyId } = await createCompany({ name: "Hostile file" });
    process.env.LEADRANK_MAX_UNPACKED_MB = "5";
    // The first rows pass the upload's look at the file; the rest unpacks to 20 MB.
    const job = await importWorkbook(companyId, await zipBomb(20, { rows: 30, understate: true }));
    expect(job).toMatchObject({ status: "failed", createdCount: 0, error: expect.stringContaining("This workbook unpacks to more than 5 MB") });
    expect(await prisma.lead.count({ where: { companyId } })).toBe(0);
    expect(await prisma.importFile.count({ where: { importId: job.id } })).toBe(0);
  });
});
