import { describe, expect, it } from "vitest";
import { analyseSample, CsvFormatError, detectDelimiter, isValidUtf8 } from "./detect";
import { mappingProblems, suggestMapping } from "./mapping";
import { readCsvRecords, type CsvRecord } from "./read";
import { createRowReader, parseCompanySize, parseDate, parseYesNo } from "./validate";

const utf8 = (text: string) => new TextEncoder().encode(text);
const cp1252 = (text: string) => Uint8Array.from([...text].map((ch) => ({ é: 0xe9, ü: 0xfc, ö: 0xf6, "€": 0x80, ß: 0xdf })[ch] ?? ch.charCodeAt(0)));
function utf16le(text: string, bom = true) {
  const bytes = new Uint8Array((bom ? 2 : 0) + text.length * 2);
  if (bom) bytes.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    bytes[(bom ? 2 : 0) + i * 2] = text.charCodeAt(i) & 0xff;
    bytes[(bom ? 2 : 0) + i * 2 + 1] = text.charCodeAt(i) >> 8;
  }
  return bytes;
}

async function readAll(bytes: Uint8Array, chunkSize = 7): Promise<{ headers: string[]; records: CsvRecord[] }> {
  const sample = analyseSample(bytes, true);
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
  }
  const records: CsvRecord[] = [];
  for await (const batch of readCsvRecords(chunks(), sample)) records.push(...batch);
  return { headers: sample.headers, records };
}

describe("reading awkward CSV files", () => {
  it("reads UTF-8 with a byte-order mark and CRLF line ends", async () => {
    const { headers, records } = await readAll(utf8("\uFEFFEmail,Name\r\nana@example.com,Ana\r\n"));
    expect(headers).toEqual(["Email", "Name"]);
    expect(records).toEqual([{ row: 2, cells: ["ana@example.com", "Ana"] }]);
  });

  it("reads UTF-16 with a byte-order mark", async () => {
    const bytes = utf16le("Email\tName\r\nana@example.com\tJosé\r\n");
    expect(analyseSample(bytes, true)).toMatchObject({ encoding: "utf-16le", delimiter: "\t" });
    expect((await readAll(bytes)).records[0].cells).toEqual(["ana@example.com", "José"]);
  });

  it("reads a semicolon file from a European Excel in Windows-1252, with decimal commas", async () => {
    const bytes = cp1252("E-Mail;Name;Umsatz\r\njosé@example.com;Jürgen Müller;1,5\r\nx@example.de;Zoë;2,75\r\n".replace("ë", "e"));
    const sample = analyseSample(bytes, true);
    expect(sample).toMatchObject({ encoding: "windows-1252", delimiter: ";", headers: ["E-Mail", "Name", "Umsatz"] });
    const { records } = await readAll(bytes);
    expect(records[0].cells).toEqual(["josé@example.com", "Jürgen Müller", "1,5"]);
  });

  it("keeps a multi-byte character that is split across chunks", async () => {
    const { records } = await readAll(utf8("Email,City\nana@example.com,Zürich 東京\n"), 1);
    expect(records[0].cells[1]).toBe("Zürich 東京");
  });

  it("keeps commas, quotes and line breaks inside quoted cells, and numbers rows as a spreadsheet does", async () => {
    const { records } = await readAll(utf8('Email,Company,Notes\na@x.io,"Morse, Roberts and Durham","said ""hi""\nthen left"\n\nb@x.io,Acme,\n'));
    expect(records).toEqual([
      { row: 2, cells: ["a@x.io", "Morse, Roberts and Durham", 'said "hi"\nthen left'] },
      { row: 4, cells: ["b@x.io", "Acme", ""] },
    ]);
  });

  it("skips blank lines, and the row reader trims cells", async () => {
    const { headers, records } = await readAll(utf8("\n\nEmail , Name\n\n  a@x.io ,  Ann  \n,\n\n"));
    expect(headers).toEqual(["Email", "Name"]);
    expect(records).toEqual([{ row: 5, cells: ["  a@x.io ", "  Ann  "] }]);
    expect(createRowReader(headers, ["email", "fullName"])(records[0].cells)).toMatchObject({ ok: true, lead: { email: "a@x.io", fullName: "Ann" } });
  });

  it("detects tab and pipe delimiters", () => {
    expect(detectDelimiter("Email\tName\ta@x.io\tAnn\n")).toBe("\t");
    expect(detectDelimiter("Email|Name|Company\na@x.io|Ann|Acme, Inc\n")).toBe("|");
  });

  it("flags a row whose quote never closes", async () => {
    const { records } = await readAll(utf8('Email,Name\na@x.io,Ann\nb@x.io,"Bob\nc@x.io,Cy\n'));
    expect(records[0]).toEqual({ row: 2, cells: ["a@x.io", "Ann"] });
    expect(records[1].problem).toMatch(/never closes/);
  });

  it("makes duplicate and blank headers unique", () => {
    expect(analyseSample(utf8("Email,Name,Name,,Email\na@x.io,A,B,C,D\n"), true).headers).toEqual(["Email", "Name", "Name (2)", "Column 4", "Email (2)"]);
  });

  it("keeps a 10,000-character cell", async () => {
    const long = "x".repeat(10_000);
    const { records } = await readAll(utf8(`Email,Notes\na@x.io,${long}\n`), 4096);
    expect(records[0].cells[1]).toHaveLength(10_000);
  });

  it("keeps formula-looking cells as plain text", async () => {
    const { records } = await readAll(utf8('Email,Name\na@x.io,"=HYPERLINK(""http://evil"")"\nb@x.io,+1 555 0100\n'));
    expect(records.map((r) => r.cells[1])).toEqual(['=HYPERLINK("http://evil")', "+1 555 0100"]);
  });

  it.each([
    ["an empty file", new Uint8Array(), /empty/],
    ["a header only", utf8("Email,Name\r\n"), /no leads under it/],
    ["only blank lines", utf8("\n\n\n"), /no header row/],
    ["a first row of data instead of a header", utf8("ana@example.com,Ana\nbob@example.com,Bob\n"), /looks like a lead/],
    ["a ZIP archive (.xlsx)", Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), /ZIP archive/],
    ["binary data", Uint8Array.from([0x45, 0x6d, 0x00, 0x01, 0x02]), /binary data/],
  ])("refuses %s with a clear message", (_label, bytes, message) => {
    expect(() => analyseSample(bytes, true)).toThrow(CsvFormatError);
    expect(() => analyseSample(bytes, true)).toThrow(message);
  });

  it("tells valid UTF-8 from Windows-1252, even when a sample cuts a character in two", () => {
    const text = utf8("Zürich");
    expect(isValidUtf8(text.subarray(0, 2), false)).toBe(true);
    expect(isValidUtf8(text.subarray(0, 2), true)).toBe(false);
    expect(isValidUtf8(cp1252("Zürich"), false)).toBe(false);
  });
});

describe("mapping headers to lead fields", () => {
  it("recognises HubSpot and Salesforce headers, ignoring case, spaces and punctuation", () => {
    const headers = ["Record ID", "First Name", "LAST_NAME", "E-mail", "Company / Account", "Number of Employees", "Create Date", "Favourite colour"];
    expect(suggestMapping(headers)).toEqual(["externalId", "firstName", "lastName", "email", "companyName", "companySize", "submittedAt", null]);
  });

  it("maps the seed file's columns", () => {
    expect(suggestMapping(["Lead ID", "Job Title", "Company Name", "Industry", "Company Size", "Email", "Location"])).toEqual([
      "externalId", "jobTitle", "companyName", "industry", "companySize", "email", "location",
    ]);
  });

  it("ignores the columns LeadRank's own export adds, so an export imports back cleanly", () => {
    expect(suggestMapping(["Rank", "Score", "Grade", "Scored with", "Email", "Points: Job title"])).toEqual(["ignore", "ignore", "ignore", "ignore", "email", "ignore"]);
  });

  it("drops ignored columns entirely, even oversized ones", () => {
    const read = createRowReader(["Email", "Internal", "Notes"], ["email", "ignore", null]);
    expect(read(["a@x.io", "x".repeat(20_000), "hello"])).toMatchObject({ ok: true, lead: { extra: { Notes: "hello" } } });
  });

  it("fills a field from its first matching column only", () => {
    expect(suggestMapping(["Email", "Work Email"])).toEqual(["email", null]);
  });

  it("requires an email column and one column per field", () => {
    expect(mappingProblems(["Name"], ["fullName"])).toEqual(["Choose the column that holds email addresses: every lead needs one."]);
    expect(mappingProblems(["Email", "Mail"], ["email", "email"])[0]).toMatch(/Both "Email" and "Mail" are mapped to Email/);
  });
});

describe("validating a row", () => {
  const headers = ["Email", "Employees", "Uses In-Vitro Models", "Created", "Title", "Favourite colour"];
  const read = createRowReader(headers, ["email", "companySize", "usesInVitroModels", "submittedAt", "jobTitle", null]);

  it("turns a good row into a lead, keeping unmapped columns as extra", () => {
    expect(read(["Ana@Example.com", "1,200", "yes", "2026-11-01", "CTO", "teal"])).toEqual({
      ok: true,
      lead: expect.objectContaining({
        email: "ana@example.com",
        companySize: 1200,
        usesInVitroModels: true,
        submittedAt: new Date("2026-11-01T00:00:00Z"),
        jobTitle: "CTO",
        companyName: null,
        extra: { "Favourite colour": "teal" },
      }),
    });
  });

  it("accepts the largest company size a column holds, and a date up to a day ahead (time zones)", () => {
    const tomorrow = new Date(Date.now() + 20 * 60 * 60 * 1000);
    expect(read(["a@x.io", "2147483647", "", tomorrow.toISOString()])).toMatchObject({ ok: true, lead: { companySize: 2_147_483_647, submittedAt: tomorrow } });
  });

  it("treats empty cells as unknown and accepts short rows", () => {
    const result = read(["a@x.io"]);
    expect(result).toMatchObject({ ok: true, lead: { companySize: null, usesInVitroModels: null, submittedAt: null, jobTitle: null, extra: {} } });
  });

  it.each([
    [["", "10"], /No email address/],
    [["not-an-email", "10"], /"not-an-email" is not a valid email address/],
    [["a@x.io", "lots"], /Company size "lots" is not a number of employees/],
    [["a@x.io", "-5"], /not a number of employees/],
    [["a@x.io", "", "maybe"], /Uses in-vitro models "maybe" is not yes or no/],
    [["a@x.io", "", "", "2026-02-30"], /Submitted at "2026-02-30" is not a date/],
    [["a@x.io", "", "", "", "x".repeat(10_001)], /10,001 characters long; the limit is 10,000/],
    [["a@x.io", "", "", "", "", "", "surprise"], /7 cells but the header has 6 columns/],
    // Values the database columns cannot hold: the row is refused, never the whole file.
    [["a@x.io", "3000000k"], /Company size "3000000k" is above 2,147,483,647/],
    [["a@x.io", "99999999999999"], /is above 2,147,483,647/],
    [["a@x.io", "1,000,000,000,000"], /is above 2,147,483,647/],
    [["a@x.io", "2147483648"], /is above 2,147,483,647/],
    [[`${"a".repeat(250)}@x.io`, "10"], /longer than 254 characters/],
    [["a@x.io", "", "", "2099-01-01"], /Submitted at "2099-01-01" is in the future/],
    [["a@x.io", "", "", "9999-12-31"], /is in the future/],
    [["a@x.io", "", "", "12/31/9999"], /is in the future/],
  ])("rejects %j with a reason", (cells, reason) => {
    const result = read(cells);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(reason);
  });
});

describe("company sizes", () => {
  it.each([
    ["250", 250],
    ["1,200", 1200],
    ["1.200", 1200],
    ["1 200", 1200],
    ["51-200", 51],
    ["1,001 - 5,000", 1001],
    ["201 to 500", 201],
    ["10,001+", 10001],
    ["5k", 5000],
    ["1.5K", 1500],
    ["", null],
    ["1.5", undefined],
    ["200-51", undefined],
    ["about 50", undefined],
  ])("%j → %s", (text, expected) => {
    expect(parseCompanySize(text)).toBe(expected);
  });
});

describe("yes/no values", () => {
  it.each([
    ["Yes", true], ["y", true], ["TRUE", true], ["1", true],
    ["no", false], ["N", false], ["false", false], ["0", false],
    ["", null], ["maybe", undefined],
  ])("%j → %s", (text, expected) => {
    expect(parseYesNo(text)).toBe(expected);
  });
});

describe("dates", () => {
  it.each([
    ["2026-11-23", "2026-11-23T00:00:00.000Z"],
    ["2026-11-23T14:05:00Z", "2026-11-23T14:05:00.000Z"],
    ["2026-11-23 14:05", "2026-11-23T14:05:00.000Z"],
    ["2026-11-23T14:05:00+02:00", "2026-11-23T12:05:00.000Z"],
    ["2026-11-23T14:05:00.123Z", "2026-11-23T14:05:00.123Z"],
    ["2026/11/23", "2026-11-23T00:00:00.000Z"],
    ["11/23/2026", "2026-11-23T00:00:00.000Z"],
    ["3/4/2026", "2026-03-04T00:00:00.000Z"],
    ["11/23/2026 2:05 PM", "2026-11-23T14:05:00.000Z"],
    ["23.11.2026", "2026-11-23T00:00:00.000Z"],
    ["23.11.2026 14:05", "2026-11-23T14:05:00.000Z"],
  ])("%j is %s", (text, iso) => {
    expect(parseDate(text)?.toISOString()).toBe(iso);
  });

  it.each(["2026-13-01", "2026-02-30", "23/11/2026", "11/23/26", "yesterday", "31.02.2026"])("refuses %j", (text) => {
    expect(parseDate(text)).toBeUndefined();
  });
});
