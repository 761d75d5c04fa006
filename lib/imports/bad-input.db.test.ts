import { createCompany } from "@/lib/test-factories";
import { afterEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { bytesOf } from "@/lib/db/test-helpers";
import { AppError } from "@/lib/errors";
import { createImport } from "./create-import";
import { getImport, rejectedRows } from "./imports";
import { processImport } from "./process-import";

/**
 * Awkward and hostile files, each with what must happen: refused with a clear message and
 * nothing kept, or imported with every row accounted for and the bad ones explained.
 */

const utf8 = (text: string) => new TextEncoder().encode(text);
const join = (...parts: (string | Uint8Array)[]) => Buffer.concat(parts.map((part) => (typeof part === "string" ? utf8(part) : part)));
const lines = (count: number, line: (i: number) => string) => Array.from({ length: count }, (_, i) => line(i)).join("\n");

/** `maxUploadMb`: the upload limit the case runs with (LEADRANK_MAX_UPLOAD_MB). */
type Refused = { refused: number; message: RegExp; maxUploadMb?: number };
type Imported = { created: number; rejected?: number; duplicates?: number; reasons?: RegExp[]; check?: (leads: Lead[]) => void };
type Lead = { email: string; fullName: string | null; jobTitle: string | null; companySize: number | null; extra: unknown };

const CORPUS: [string, Uint8Array | (() => AsyncIterable<Uint8Array>), Refused | Imported][] = [
  ["an empty file (0 bytes)", utf8(""), { refused: 422, message: /The file is empty/ }],
  ["only spaces and line breaks", utf8(" \n\r\n  \n"), { refused: 422, message: /no header row/ }],
  ["random binary bytes", Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256), { refused: 422, message: /binary data/ }],
  ["a damaged workbook renamed .csv", join(new Uint8Array([0x50, 0x4b, 0x03, 0x04]), "xl/workbook.xml"), { refused: 422, message: /damaged or not an .xlsx workbook/ }],
  ["a PDF renamed .csv", utf8("%PDF-1.7\n%âãÏÓ\n1 0 obj"), { refused: 422, message: /PDF/ }],
  ["a NUL byte in the first lines", utf8("Email,Name\na@example.com,A\0B\n"), { refused: 422, message: /binary data/ }],
  ["a header only", utf8("Email,Name,Title\r\n\r\n"), { refused: 422, message: /no leads under it/ }],
  ["one column that is not an email", utf8("Name\nAna\nBob\n"), { refused: 422, message: /email/ }],
  ["one column of emails", utf8("Email\nana@example.com\nbob@example.com\n"), { created: 2 }],
  [
    "the same header twice",
    utf8("Email,Name,Name\nana@example.com,Ana,Second\n"),
    { created: 1, check: ([lead]) => expect(lead.fullName).toBe("Ana") },
  ],
  [
    "400 columns with 12-letter names",
    utf8(`Email,${lines(399, (i) => `Attribute${String(i).padStart(3, "0")}`).replace(/\n/g, ",")}\nana@example.com,${lines(399, (i) => `v${i}`).replace(/\n/g, ",")}\n`),
    { created: 1, check: ([lead]) => expect(Object.keys(lead.extra as object)).toHaveLength(399) },
  ],
  [
    "10,000 columns",
    utf8(`Email,${lines(9999, (i) => `Column ${i}`).replace(/\n/g, ",")}\nana@example.com\n`),
    { refused: 422, message: /more than 1,000 columns, the most LeadRank reads/ },
  ],
  [
    "200 columns",
    utf8(`Email,${lines(199, (i) => `Column ${i}`).replace(/\n/g, ",")}\nana@example.com,${lines(199, (i) => `v${i}`).replace(/\n/g, ",")}\n`),
    { created: 1, check: ([lead]) => expect(Object.keys(lead.extra as object)).toHaveLength(199) },
  ],
  ["a 100 KB cell", utf8(`Email,Notes\nana@example.com,${"x".repeat(100_000)}\nbob@example.com,short\n`), { created: 1, rejected: 1, reasons: [/100,000 characters long; the limit is 10,000/] }],
  [
    "an unterminated quote at row 3",
    utf8('Email,Name\nana@example.com,Ana\nbob@example.com,"Bob\ncy@example.com,Cy\n'),
    { created: 1, rejected: 1, reasons: [/never closes/] },
  ],
  ["an unterminated quote in the last row", utf8('Email,Name\nana@example.com,Ana\nbob@example.com,"Bob'), { created: 1, rejected: 1, reasons: [/never closes/] }],
  [
    "rows with another delimiter than the header",
    utf8("Email,Name,Title\nana@example.com,Ana,CTO\nbob@example.com;Bob;CEO\n"),
    { created: 1, rejected: 1, reasons: [/not a valid email address/] },
  ],
  ["more cells than headers", utf8("Email,Name\nana@example.com,Ana,extra,cells\n"), { created: 0, rejected: 1, reasons: [/4 cells but the header has 2 columns/] }],
  ["fewer cells than headers", utf8("Email,Name,Title\nana@example.com\n"), { created: 1 }],
  [
    "company sizes too large for the database",
    utf8("Email,Employees\nana@example.com,3000000k\nbob@example.com,99999999999999\ncy@example.com,\"1,000,000,000,000\"\ndee@example.com,2147483647\n"),
    { created: 1, rejected: 3, reasons: [/above 2,147,483,647/, /above 2,147,483,647/, /above 2,147,483,647/], check: ([lead]) => expect(lead.companySize).toBe(2_147_483_647) },
  ],
  [
    "submitted dates in the future",
    utf8("Email,Created Date\nana@example.com,2099-01-01\nbob@example.com,9999-12-31\ncy@example.com,12/31/9999\ndee@example.com,2026-01-05\n"),
    { created: 1, rejected: 3, reasons: [/is in the future/, /is in the future/, /is in the future/] },
  ],
  ["an email longer than any address", utf8(`Email,Name\n${"a".repeat(3000)}@example.com,Long\nbob@example.com,Bob\n`), { created: 1, rejected: 1, reasons: [/longer than 254 characters/] }],
  [
    "a NUL byte deep in the file",
    join("Email,Name\n", lines(3000, (i) => `lead${i}@example.com,Lead ${i}`), "\nnul@example.com,Nu\0l\n"),
    { created: 3000, rejected: 1, reasons: [/invisible control character/] },
  ],
  [
    "bytes that are not UTF-8 (Windows-1252)",
    join("Email,Name\njose@example.com,Jos", new Uint8Array([0xe9]), " M", new Uint8Array([0xfc]), "ller\n"),
    { created: 1, check: ([lead]) => expect(lead.fullName).toBe("José Müller") },
  ],
  ["UTF-8 with a byte-order mark", join(new Uint8Array([0xef, 0xbb, 0xbf]), "Email,Name\nana@example.com,Ana\n"), { created: 1 }],
  [
    "UTF-16 with a byte-order mark",
    join(new Uint8Array([0xff, 0xfe]), Buffer.from("Email,Name\nana@example.com,Ånä\n", "utf16le")),
    { created: 1, check: ([lead]) => expect(lead.fullName).toBe("Ånä") },
  ],
  ["semicolons and decimal commas", utf8("E-Mail;Name;Employees\nana@example.com;Ana;1.200\n"), { created: 1, check: ([lead]) => expect(lead.companySize).toBe(1200) }],
  ["tabs", utf8("Email\tName\nana@example.com\tAna\n"), { created: 1 }],
  ["pipes", utf8("Email|Name\nana@example.com|Ana\n"), { created: 1 }],
  ["old Mac line ends (CR only)", utf8("Email,Name\rana@example.com,Ana\rbob@example.com,Bob\r"), { created: 2 }],
  ["a quoted cell with line breaks, commas and quotes", utf8('Email,Name\nana@example.com,"Ana ""The"" Lee,\nSecond line"\n'), { created: 1, check: ([lead]) => expect(lead.fullName).toBe('Ana "The" Lee,\nSecond line') }],
  ["blank lines everywhere", utf8("\n\nEmail,Name\n\n\nana@example.com,Ana\n\n\n"), { created: 1 }],
  [
    // What COPY's text format treats as special (backslash, tab, line ends, and \N for null) stays text.
    "backslashes, tabs, carriage returns and a literal \\N in cells and extra columns",
    utf8('Email,Name,Job Title,Path\nana@example.com,"C:\\temp\\new\tdir","\\N","a\\b\r\nc \\N ""q"""\n'),
    {
      created: 1,
      check: ([lead]) => {
        expect(lead.fullName).toBe("C:\\temp\\new\tdir");
        expect(lead.jobTitle).toBe("\\N");
        expect(lead.extra).toEqual({ Path: 'a\\b\r\nc \\N "q"' });
      },
    },
  ],
  [
    "formula payloads",
    utf8("Email,Name,Title\nana@example.com,=cmd|' /C calc'!A0,@SUM(A1:A9)\nbob@example.com,+1+1,-2+3\n"),
    { created: 2, check: (leads) => expect(leads.map((l) => [l.fullName, l.jobTitle])).toEqual([["=cmd|' /C calc'!A0", "@SUM(A1:A9)"], ["+1+1", "-2+3"]]) },
  ],
  [
    "HTML and scripts in cells",
    utf8('Email,Name,Title\nana@example.com,<img src=x onerror=alert(1)>,"<script>alert(""x"")</script>"\n'),
    { created: 1, check: ([lead]) => expect([lead.fullName, lead.jobTitle]).toEqual(["<img src=x onerror=alert(1)>", '<script>alert("x")</script>']) },
  ],
  [
    "emails with non-ASCII letters",
    utf8("Email,Name\njosé@exämple.com,José\nana@example.com,Ana\n"),
    { created: 1, rejected: 1, reasons: [/"josé@exämple.com" is not a valid email address/] },
  ],
  ["emoji in names", utf8("Email,Name\nana@example.com,Ana 🚀 Lee\n"), { created: 1, check: ([lead]) => expect(lead.fullName).toBe("Ana 🚀 Lee") }],
  ["the same email three times", utf8("Email,Title\nana@example.com,A\nANA@example.com,B\n ana@example.com ,C\n"), { created: 1, duplicates: 2, check: ([lead]) => expect(lead.jobTitle).toBe("C") }],
  [
    "a 150 MB file, over a limit of 100 MB",
    () =>
      (async function* () {
        const chunk = utf8(`${lines(16_000, (i) => `lead${i}@example.com,Lead ${i},Engineer,Acme`)}\n`);
        yield utf8("Email,Name,Title,Company\n");
        for (let sent = 0; sent < 150 * 1024 * 1024; sent += chunk.length) yield chunk;
      })(),
    { refused: 413, message: /larger than 100 MB/, maxUploadMb: 100 },
  ],
];

describe("awkward and hostile files", () => {
  afterEach(() => {
    delete process.env.LEADRANK_MAX_UPLOAD_MB;
  });
  it("has at least 30 of them", () => expect(CORPUS.length).toBeGreaterThanOrEqual(30));

  it.each(CORPUS)("%s", async (_label, content, expected) => {
    const company = await createCompany({ name: "Corpus" });
    const source = typeof content === "function" ? content() : bytesOf(content);
    if ("refused" in expected && expected.maxUploadMb) process.env.LEADRANK_MAX_UPLOAD_MB = String(expected.maxUploadMb);
    const attempt = createImport({ companyId: company.id, userId: null, fileName: "corpus.csv", source });
    if ("refused" in expected) {
      await expect(attempt).rejects.toBeInstanceOf(AppError);
      await expect(attempt).rejects.toMatchObject({ status: expected.refused, message: expect.stringMatching(expected.message) });
      expect(await prisma.import.count({ where: { companyId: company.id } })).toBe(0);
      expect(await prisma.lead.count({ where: { companyId: company.id } })).toBe(0);
      return;
    }
    const id = await attempt;
    await processImport(id);
    const result = (await getImport(company.id, id))!;
    expect(result.status).toBe("succeeded");
    expect(result.createdCount + result.updatedCount + result.rejectedCount + result.duplicateCount).toBe(result.totalRows);
    expect(result).toMatchObject({ createdCount: expected.created, rejectedCount: expected.rejected ?? 0, duplicateCount: expected.duplicates ?? 0 });
    const reasons: string[] = [];
    for await (const page of rejectedRows(company.id, id)) reasons.push(...page.map((row) => row.reason));
    expect(reasons).toHaveLength(expected.reasons?.length ?? 0);
    expected.reasons?.forEach((reason, i) => expect(reasons[i]).toMatch(reason));
    const leads = await prisma.lead.findMany({
      where: { companyId: company.id },
      orderBy: { email: "asc" },
      select: { email: true, fullName: true, jobTitle: true, companySize: true, extra: true },
    });
    expect(leads).toHaveLength(expected.created);
    expected.check?.(leads);
  });
});
