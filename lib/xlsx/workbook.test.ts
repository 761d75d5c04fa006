import fs from "node:fs";
import path from "node:path";
import JSZip from "jszip";
import unzipper from "unzipper";
import { afterEach, describe, expect, it } from "vitest";
import { fileKind } from "@/lib/csv/detect";
import type { CsvRecord } from "@/lib/csv/read";
import { sharedStringsBomb, workbook, zipBomb } from "./test-workbooks";
import { excelDate, previewWorkbook, readWorkbookRecords } from "./workbook";

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, "fixtures", name));

async function* bytes(buffer: Uint8Array) {
  for (let at = 0; at < buffer.length; at += 4096) yield buffer.subarray(at, at + 4096);
}

async function records(buffer: Uint8Array, sheet: string): Promise<CsvRecord[]> {
  const all: CsvRecord[] = [];
  for await (const batch of readWorkbookRecords(bytes(buffer), sheet, 2)) all.push(...batch);
  return all;
}

afterEach(() => {
  delete process.env.LEADRANK_MAX_UNPACKED_MB;
});

describe("a workbook saved by LibreOffice Calc", () => {
  const file = fixture("libreoffice.xlsx");

  it("offers the sheets that hold leads, in the workbook's order, skipping one with a title only", async () => {
    const sheets = await previewWorkbook(bytes(file));
    expect(sheets.map((sheet) => sheet.name)).toEqual(["Leads", "Old leads"]);
    expect(sheets[0].headers).toEqual(["Email", "First name", "Last name", "Job title", "Company", "Company size", "Country", "Submitted at", "Uses in vitro models"]);
    expect(sheets[0].rows[0]).toEqual(["ada@lovelace.example", "Ada", "Lovelace", "Head of Toxicology", "Analytical Engines Ltd", "250", "United Kingdom", "2026-03-01T09:30:00", "yes"]);
  });

  it("reads every row with the row numbers Calc shows: the empty row left out, the hidden one kept", async () => {
    const rows = await records(file, "Leads");
    expect(rows.map((record) => record.row)).toEqual([2, 3, 5, 6, 7]);
    // A date-time, a date, a formula's cached value, and TRUE().
    expect(rows[0].cells[7]).toBe("2026-03-01T09:30:00");
    expect(rows[1].cells[7]).toBe("2026-03-02");
    expect(rows[1].cells[5]).toBe("1200");
    expect(rows[2].cells[7]).toBe("2026-02-28T17:05:00");
    expect(rows[2].cells[8]).toBe("TRUE");
    expect(rows[4].cells[0]).toBe("hidden@row.example");
  });

  it("reads the sheet asked for", async () => {
    expect(await records(file, "Old leads")).toEqual([{ row: 2, cells: ["old@lead.example", "CTO"] }]);
  });
});

describe("cells as a CSV of the sheet would hold them", () => {
  it("keeps numbers as numbers, dates as wall-clock times, formulas as their results", async () => {
    const file = await workbook((book) => {
      const sheet = book.addWorksheet("Leads");
      sheet.addRow(["Email", "Size", "Share", "Phone", "Submitted", "Double", "Due", "Name", "Check", "Active", "Site"]);
      const row = sheet.addRow([
        "a@x.example",
        1250,
        0.1 + 0.2,
        4915112345678,
        new Date(Date.UTC(2026, 2, 1, 9, 30)),
        { formula: "B2*2", result: 2500 },
        { formula: "TODAY()", result: 46082 },
        { richText: [{ text: "Ada " }, { font: { bold: true }, text: "Lovelace" }] },
        { error: "#N/A" },
        true,
        { text: "our site", hyperlink: "https://example.com" },
      ]);
      row.getCell(5).numFmt = "yyyy-mm-dd hh:mm";
      row.getCell(7).numFmt = "dd/mm/yyyy";
    });
    const [record] = await records(file, "Leads");
    expect(record.cells).toEqual(["a@x.example", "1250", "0.30000000000000004", "4915112345678", "2026-03-01T09:30:00", "2500", "2026-03-01", "Ada Lovelace", "#N/A", "TRUE", "our site"]);
  });

  it("fills the columns left empty, and counts rows that start further right", async () => {
    const file = await workbook((book) => {
      const sheet = book.addWorksheet("Leads");
      sheet.addRow(["Email", "Name", "Company"]);
      sheet.getCell("A2").value = "a@x.example";
      sheet.getCell("C2").value = "Acme";
      sheet.getCell("B4").value = "No email";
    });
    expect(await records(file, "Leads")).toEqual([
      { row: 2, cells: ["a@x.example", "", "Acme"] },
      { row: 4, cells: ["", "No email"] },
    ]);
  });

  it("numbers rows and places cells that carry no reference, as some programs write them", async () => {
    const written = await workbook((book) => {
      const sheet = book.addWorksheet("Leads");
      sheet.addRow(["Email", "Name"]);
      for (let i = 0; i < 3000; i++) sheet.addRow([`lead${i}@x.example`, `Lead number ${i}`]);
    });
    // Without r="…" on rows and cells a reader counts them; the sheet is long enough to be read in several pieces.
    const zip = await JSZip.loadAsync(written);
    const xml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    zip.file("xl/worksheets/sheet1.xml", xml.replace(/<(row|c) r="[A-Z]*\d+"/g, "<$1"));
    const rows = await records(await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }), "Leads");
    expect(rows).toHaveLength(3000);
    expect(rows.filter((record, i) => record.row !== i + 2 || record.cells.join() !== `lead${i}@x.example,Lead number ${i}`)).toEqual([]);
  });
});

describe("workbooks with several sheets", () => {
  const file = workbook((book) => {
    book.addWorksheet("Empty");
    const hidden = book.addWorksheet("Lookup", { state: "hidden" });
    hidden.addRow(["Code", "Country"]);
    hidden.addRow(["DE", "Germany"]);
    book.addWorksheet("Header only").addRow(["Email", "Name"]);
    const first = book.addWorksheet("March");
    first.addRow(["Email", "Name"]);
    first.addRow(["march@x.example", "M"]);
    const second = book.addWorksheet("April");
    second.addRow(["E-mail", "Job title", "Country"]);
    second.addRow(["april@x.example", "CTO", "Germany"]);
  });

  it("offers the visible sheets with leads; the first of them is the default", async () => {
    const sheets = await previewWorkbook(bytes(await file));
    expect(sheets).toEqual([
      { name: "March", headers: ["Email", "Name"], rows: [["march@x.example", "M"]] },
      { name: "April", headers: ["E-mail", "Job title", "Country"], rows: [["april@x.example", "CTO", "Germany"]] },
    ]);
  });

  it("reads only the sheet asked for, and refuses a sheet it does not have", async () => {
    expect(await records(await file, "April")).toEqual([{ row: 2, cells: ["april@x.example", "CTO", "Germany"] }]);
    await expect(records(await file, "May")).rejects.toThrow('The workbook has no sheet named "May".');
  });

  it("refuses a workbook without any sheet of leads", async () => {
    const empty = await workbook((book) => book.addWorksheet("Header only").addRow(["Email", "Name"]));
    await expect(previewWorkbook(bytes(empty))).rejects.toThrow("This workbook has no sheet with leads in it");
  });

  it("refuses a sheet whose first row is a lead rather than column names", async () => {
    const headless = await workbook((book) => {
      const sheet = book.addWorksheet("Leads");
      sheet.addRow(["a@x.example", "Ada"]);
      sheet.addRow(["b@x.example", "Bob"]);
    });
    await expect(previewWorkbook(bytes(headless))).rejects.toThrow('Sheet "Leads": The first row looks like a lead');
  });
});

describe("files that are refused, with what to do instead", () => {
  it("an old .xls workbook (saved by LibreOffice Calc)", () => {
    expect(() => fileKind(fixture("libreoffice.xls"))).toThrow("This is an old Excel .xls file (or a password-protected workbook). Open it in your spreadsheet program, save it as .xlsx or CSV");
  });

  it("a workbook protected with a password", () => {
    expect(() => fileKind(fixture("protected.xlsx"))).toThrow("This workbook is protected with a password");
  });

  it("a ZIP archive that is not a workbook", async () => {
    const zip = new JSZip();
    zip.file("leads.csv", "Email\na@x.example\n");
    const archive = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
    expect(fileKind(archive)).toBe("xlsx");
    await expect(previewWorkbook(bytes(archive))).rejects.toThrow("This ZIP archive is not an Excel workbook.");
  });

  it("a damaged workbook", async () => {
    const file = await workbook((book) => book.addWorksheet("Leads").addRow(["Email"]));
    await expect(previewWorkbook(bytes(file.subarray(0, file.length - 200)))).rejects.toThrow("This workbook could not be read: the file is damaged");
  });

  it("a workbook that unpacks beyond the limit (a ZIP bomb)", async () => {
    process.env.LEADRANK_MAX_UNPACKED_MB = "5";
    const archive = await zipBomb(20);
    expect(archive.length).toBeLessThan(100_000);
    await expect(previewWorkbook(bytes(archive))).rejects.toThrow("This workbook unpacks to more than 5 MB, the most LeadRank reads.");
  });

  it("a ZIP bomb that declares its parts smaller than they unpack", async () => {
    process.env.LEADRANK_MAX_UNPACKED_MB = "5";
    const archive = await zipBomb(20, { understate: true });
    const declared = (await unzipper.Open.buffer(Buffer.from(archive))).files.reduce((sum, part) => sum + part.uncompressedSize, 0);
    expect(declared).toBeLessThan(100_000);
    await expect(previewWorkbook(bytes(archive))).rejects.toThrow("This workbook unpacks to more than 5 MB");
  });
});

describe("a workbook whose shared strings unpack to 400 MB from about 2 MB", () => {
  it("is refused with a clear message after reading 64 MB of them, three at once, the process staying under 600 MB", async () => {
    const archive = await sharedStringsBomb(400);
    expect(archive.length).toBeLessThan(3_000_000);
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    try {
      const previews = await Promise.allSettled([1, 2, 3].map(() => previewWorkbook(bytes(archive))));
      for (const preview of previews) {
        expect(preview.status).toBe("rejected");
        expect((preview as PromiseRejectedResult).reason.message).toMatch(/^This workbook's text takes more than 64 MB once unpacked, the most LeadRank holds for one workbook\./);
      }
    } finally {
      clearInterval(sampler);
    }
    console.log(`Peak RSS during three previews: ${Math.round(peak / 1024 / 1024)} MB`);
    expect(peak).toBeLessThan(600 * 1024 * 1024);
  }, 120_000);
});

describe("Excel date-times", () => {
  const serial = (utc: number) => utc / 86_400_000 + 25569;
  it.each([
    ["six decimals, as several spreadsheet programs write them", (s: number) => Number(s.toFixed(6))],
    ["full precision", (s: number) => s],
    ["a hair above the second", (s: number) => s + 0.4 / 86_400],
  ])("are read to the nearest second: %s", (_how, write) => {
    const at = Date.UTC(2026, 5, 22, 22, 19, 0);
    expect(excelDate(write(serial(at))).toISOString()).toBe("2026-06-22T22:19:00.000Z");
    expect(excelDate(write(serial(at)) - 1462, true).toISOString()).toBe("2026-06-22T22:19:00.000Z");
  });
});
