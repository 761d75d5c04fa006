import { afterAll, describe, expect, it } from "vitest";
import type { Mapping } from "@/lib/csv/mapping";
import { openConnection } from "@/lib/db/bulk";
import { prisma } from "@/lib/db/client";
import { bytesOf } from "@/lib/db/test-helpers";
import { AppError } from "@/lib/errors";
import { sampleCsvBytes } from "@/lib/sample-data/generate";
import { createImport, findSavedMapping, headersKey } from "./create-import";
import { getImport, rejectedCsvRows, rejectedRows } from "./imports";
import { processImport } from "./process-import";
import { stopJobQueue, workOn } from "@/lib/jobs/queue";
import { createModel } from "@/lib/models/models";
import { publishDraft } from "@/lib/models/publish";
import { compileModel, storedBreakdown } from "@/lib/scoring";
import { createCompany, switchToTemplate } from "@/lib/test-factories";
import { enqueueImport, importJob } from "./queue";
import { undoImport } from "./undo-import";
import { activeVersion } from "@/lib/versions/active-version";

async function newCompany(name = "Importer") {
  return (await createCompany({ name })).id;
}

/** Uploads and runs an import to the end, as the background worker would. */
async function importCsv(companyId: string, text: string | Uint8Array, mapping?: Mapping, fileName = "leads.csv") {
  const id = await createImport({ companyId, userId: null, fileName, source: bytesOf(text), mapping });
  await processImport(id);
  return (await getImport(companyId, id))!;
}

const leadsOf = (companyId: string) =>
  prisma.lead.findMany({ where: { companyId }, orderBy: { email: "asc" }, select: { email: true, jobTitle: true, score: true, companySize: true, extra: true, importId: true, submittedAt: true } });

/** The per-day, per-grade counts the database keeps, next to a count of the leads themselves. */
async function keptAndCounted(companyId: string) {
  const kept = await prisma.$queryRaw<unknown[]>`
    SELECT "day"::text AS "day", "grade", "leads", "scoreSum"::int AS "scoreSum" FROM "LeadStats"
    WHERE "companyId" = ${companyId}::uuid AND "leads" <> 0 ORDER BY 1, 2`;
  const counted = await prisma.$queryRaw<unknown[]>`
    SELECT ("submittedAt" AT TIME ZONE 'UTC')::date::text AS "day", "grade", count(*)::int AS "leads", sum("score")::int AS "scoreSum"
    FROM "Lead" WHERE "companyId" = ${companyId}::uuid GROUP BY 1, 2 ORDER BY 1, 2`;
  return { kept, counted };
}

const accounted = (i: { createdCount: number; updatedCount: number; rejectedCount: number; duplicateCount: number }) =>
  i.createdCount + i.updatedCount + i.rejectedCount + i.duplicateCount;

const FIRST = [
  "Email,Job Title,Company Size,Industry,Location,Favourite colour",
  "ana@example.com,CTO,12000,SaaS,Berlin,teal",
  "bob@example.com,Developer,50,Retail,Nowhere,",
  "not-an-email,CEO,10,SaaS,Paris,",
  "ANA@example.com,VP Sales,12000,SaaS,Berlin,red",
  "cy@example.com,Director,lots,AI,London,",
  "",
].join("\n");

describe("importing a CSV", () => {
  it("creates scored leads, rejects bad rows with reasons, and accounts for every row", async () => {
    const companyId = await newCompany();
    const result = await importCsv(companyId, FIRST);
    expect(result).toMatchObject({ status: "succeeded", totalRows: 5, createdCount: 2, updatedCount: 0, rejectedCount: 2, duplicateCount: 1 });
    expect(accounted(result)).toBe(result.totalRows);

    const leads = await leadsOf(companyId);
    expect(leads.map((l) => [l.email, l.jobTitle, l.score])).toEqual([
      ["ana@example.com", "VP Sales", 90], // the last row of a duplicated email wins: 10 + 4 + 2 + 2 = 18 of 20
      ["bob@example.com", "Developer", 10],
    ]);
    expect(leads[0].extra).toEqual({ "Favourite colour": "red" });

    const rejected = [];
    for await (const page of rejectedRows(companyId, result.id)) rejected.push(...page);
    expect(rejected).toEqual([
      { row: 4, reason: '"not-an-email" is not a valid email address.', cells: ["not-an-email", "CEO", "10", "SaaS", "Paris", ""] },
      { row: 6, reason: expect.stringMatching(/Company size "lots" is not a number of employees/), cells: expect.any(Array) },
    ]);
  });

  it("updates and re-scores a lead imported again instead of adding it twice", async () => {
    const companyId = await newCompany();
    await importCsv(companyId, "Email,Job Title,Created Date\nana@example.com,Developer,2026-01-05\n");
    const second = await importCsv(companyId, "Email,Job Title\nana@example.com,CEO\nnew@example.com,Engineer\n");
    expect(second).toMatchObject({ createdCount: 1, updatedCount: 1, rejectedCount: 0, duplicateCount: 0 });
    const leads = await leadsOf(companyId);
    expect(leads).toHaveLength(2);
    expect(leads[0]).toMatchObject({ email: "ana@example.com", jobTitle: "CEO", score: 30, importId: second.id });
    // The second file had no date column: the lead keeps the date it was submitted on.
    expect(leads[0].submittedAt.toISOString()).toBe("2026-01-05T00:00:00.000Z");
  });

  it("keeps the last occurrence of an email across batches of a large file", async () => {
    const companyId = await newCompany();
    const result = await importCsv(companyId, await sampleCsvBytes({ rows: 20_000, seed: 11, endDate: new Date("2026-11-23T00:00:00Z") }));
    expect(result.status).toBe("succeeded");
    expect(result.totalRows).toBe(20_000);
    expect(result.duplicateCount).toBeGreaterThan(50);
    expect(accounted(result)).toBe(20_000);
    expect(await prisma.lead.count({ where: { companyId } })).toBe(result.createdCount);
  });

  it("keeps the later of two rows with one email in different batches, in a company's first import and in a later one", async () => {
    const rows = Array.from({ length: 11_998 }, (_, i) => `lead${i}@x.example,Engineer`);
    const file = ["Email,Job Title", "twice@x.example,Intern", ...rows, "twice@x.example,Chief Technology Officer"].join("\n");
    const fresh = await newCompany();
    const first = await importCsv(fresh, file);
    expect(first).toMatchObject({ status: "succeeded", totalRows: 12_000, createdCount: 11_999, updatedCount: 0, duplicateCount: 1 });
    const twice = { where: { companyId_email: { companyId: fresh, email: "twice@x.example" } } } as const;
    expect((await prisma.lead.findUniqueOrThrow(twice)).jobTitle).toBe("Chief Technology Officer");
    // Scored from the row kept: as a lead with only that job title is in a company of its own.
    const alone = await newCompany();
    await importCsv(alone, "Email,Job Title\ntwice@x.example,Chief Technology Officer\n");
    const expected = await prisma.lead.findUniqueOrThrow({ where: { companyId_email: { companyId: alone, email: "twice@x.example" } } });
    expect((await prisma.lead.findUniqueOrThrow(twice)).score).toBe(expected.score);

    // The same file again: every lead exists, so each is updated (and undo restores them).
    const again = await importCsv(fresh, file.replace("Chief Technology Officer", "Intern"));
    expect(again).toMatchObject({ createdCount: 0, updatedCount: 11_999, duplicateCount: 1 });
    expect((await prisma.lead.findUniqueOrThrow(twice)).jobTitle).toBe("Intern");
    await undoImport(fresh, again.id);
    expect((await prisma.lead.findUniqueOrThrow(twice)).jobTitle).toBe("Chief Technology Officer");
    expect(await prisma.lead.count({ where: { companyId: fresh } })).toBe(11_999);
  });

  it("deleting a company deletes its leads and its dashboard counts, and leaves other companies' alone", async () => {
    const doomed = await newCompany("Doomed");
    const other = await newCompany("Staying");
    await importCsv(doomed, "Email,Job Title\na@x.example,CTO\nb@x.example,CEO\n");
    await importCsv(other, "Email,Job Title\na@x.example,CTO\n");
    await prisma.company.delete({ where: { id: doomed } });
    expect(await prisma.lead.count({ where: { companyId: doomed } })).toBe(0);
    expect(await prisma.leadStats.count({ where: { companyId: doomed } })).toBe(0);
    expect(await prisma.lead.count({ where: { companyId: other } })).toBe(1);
  });

  it("keeps an upload's name without control characters, which the database could not store", async () => {
    const companyId = await newCompany();
    const result = await importCsv(companyId, "Email\nana@example.com\n", undefined, "ann\u0000\u0007\n.csv");
    expect(result).toMatchObject({ status: "succeeded", fileName: "ann.csv" });
  });

  it("remembers the mapping a company chose for files with the same headers", async () => {
    const companyId = await newCompany();
    const csv = "Contact,Notes\nana@example.com,CTO\n";
    await importCsv(companyId, csv, ["email", "jobTitle"]);
    const again = await importCsv(companyId, "Contact,Notes\nbob@example.com,CEO\n");
    expect(again.mapping).toEqual(["email", "jobTitle"]);
    expect((await leadsOf(companyId)).map((l) => l.jobTitle)).toEqual(["CTO", "CEO"]);
  });

  it("tells apart headers that differ only in letters of other scripts or in digits", async () => {
    const companyId = await newCompany();
    await importCsv(companyId, "Почта,Компания\nana@example.com,Acme\n", ["email", "companyName"]);
    expect((await findSavedMapping(companyId, ["Почта", "Компания"]))?.mapping).toEqual(["email", "companyName"]);
    expect((await findSavedMapping(companyId, [" почта ", "КОМПАНИЯ"]))?.mapping).toEqual(["email", "companyName"]);
    expect(await findSavedMapping(companyId, ["Компания", "Почта"])).toBeNull();
    const different = [
      [["Q1 Revenue"], ["Q2 Revenue"]],
      [["Ηλεκτρονικό ταχυδρομείο"], ["Εταιρεία"]],
      [["邮箱"], ["公司"]],
      [["Prénom"], ["Prenom"]],
      [["Société"], ["Sociéte"]],
    ];
    for (const [a, b] of different) expect(headersKey(a), `${a} vs ${b}`).not.toBe(headersKey(b));
    // Case, spacing, punctuation and compatibility forms (full-width letters) do not count.
    expect(headersKey(["E-Mail Address"])).toBe(headersKey(["email address"]));
    expect(headersKey(["ＥＭＡＩＬ"])).toBe(headersKey(["email"]));
  });
});

describe("files as CRMs and spreadsheets export them", () => {
  it("imports a HubSpot-style export", async () => {
    const companyId = await newCompany();
    const csv = [
      "Record ID,First Name,Last Name,Email,Job Title,Company Name,Number of Employees,Industry,City,Create Date",
      '1001,Ada,Lovelace,ada@example.com,CTO,"Analytical Engines, Ltd",10001+,SaaS,London,2026-11-20 09:15',
      "1002,Alan,Turing,alan@example.com,Head of Research,Bletchley,201-500,AI,Manchester,2026-11-21 10:00",
    ].join("\r\n");
    const result = await importCsv(companyId, csv);
    expect(result).toMatchObject({ status: "succeeded", createdCount: 2, rejectedCount: 0 });
    const ada = await prisma.lead.findFirstOrThrow({ where: { companyId, email: "ada@example.com" } });
    expect(ada).toMatchObject({ externalId: "1001", firstName: "Ada", companyName: "Analytical Engines, Ltd", companySize: 10001, score: 100 });
    expect(ada.submittedAt.toISOString()).toBe("2026-11-20T09:15:00.000Z");
  });

  it("imports a Salesforce-style export with US dates and size ranges", async () => {
    const companyId = await newCompany();
    const csv = [
      "Full Name,Title,Company / Account,Email,Number of Employees,Create Date,Lead Source",
      "Grace Hopper,VP Engineering,Navy Labs,grace@example.com,\"1,001-5,000\",11/23/2026,Web",
    ].join("\n");
    await importCsv(companyId, csv);
    expect(await prisma.lead.findFirstOrThrow({ where: { companyId } })).toMatchObject({
      fullName: "Grace Hopper",
      companyName: "Navy Labs",
      companySize: 1001,
      submittedAt: new Date("2026-11-23T00:00:00Z"),
      extra: { "Lead Source": "Web" },
    });
  });

  it("imports a semicolon-separated Windows-1252 file from a European Excel", async () => {
    const companyId = await newCompany();
    const text = "E-Mail;Name;Position;Company;Employees;Umsatz\r\njuergen@example.de;Jürgen Müller;Geschäftsführer;Bäckerei Groß;1.200;1,5\r\n";
    // Windows-1252 bytes: every character here is below 256, so one byte each.
    const bytes = Uint8Array.from([...text].map((ch) => ch.charCodeAt(0)));
    const result = await importCsv(companyId, bytes);
    expect(result).toMatchObject({ status: "succeeded", encoding: "windows-1252", delimiter: ";", createdCount: 1 });
    expect(await prisma.lead.findFirstOrThrow({ where: { companyId } })).toMatchObject({
      email: "juergen@example.de",
      fullName: "Jürgen Müller",
      jobTitle: "Geschäftsführer",
      companyName: "Bäckerei Groß",
      companySize: 1200,
      extra: { Umsatz: "1,5" },
    });
  });
});

describe("refusing a file", () => {
  it.each([
    ["a file over the size limit", "x".repeat(10), { LEADRANK_MAX_UPLOAD_MB: "0.000001" }, 413, /larger than/],
    ["a damaged ZIP archive", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]), {}, 422, /damaged or not an .xlsx workbook/],
    ["a header only", "Email,Name\n", {}, 422, /no leads under it/],
    ["no email column", "Name,Title\nAna,CTO\n", {}, 422, /email addresses/],
  ])("refuses %s and leaves nothing behind", async (_label, content, env, status, message) => {
    const companyId = await newCompany();
    Object.assign(process.env, env);
    try {
      const attempt = createImport({ companyId, userId: null, fileName: "bad.csv", source: bytesOf(content) });
      await expect(attempt).rejects.toBeInstanceOf(AppError);
      await expect(attempt).rejects.toMatchObject({ status, message: expect.stringMatching(message) });
    } finally {
      delete process.env.LEADRANK_MAX_UPLOAD_MB;
    }
    expect(await prisma.import.count({ where: { companyId } })).toBe(0);
  });
});

describe("all or nothing", () => {
  const csv = "Email,Job Title\nkept@example.com,Intern\nlost@example.com,CEO\n";

  it("keeps nothing of an import that fails midway, marks it failed, and accepts the file again", async () => {
    const companyId = await newCompany();
    await importCsv(companyId, "Email,Job Title\nkept@example.com,CTO\n");
    const id = await createImport({ companyId, userId: null, fileName: "broken.csv", source: bytesOf(csv) });
    await processImport(id, { failAfterBatches: 0 });
    expect((await leadsOf(companyId)).map((l) => [l.email, l.jobTitle])).toEqual([["kept@example.com", "CTO"]]);
    expect(await getImport(companyId, id)).toMatchObject({ status: "failed", error: expect.stringMatching(/none of its rows were saved/) });
    expect(await prisma.importFile.count({ where: { importId: id } })).toBe(0);
    expect(await importCsv(companyId, csv)).toMatchObject({ status: "succeeded", createdCount: 1, updatedCount: 1 });
  });
});

describe("undo", () => {
  it("removes the leads an import created and restores the ones it updated", async () => {
    const companyId = await newCompany();
    const first = await importCsv(companyId, "Email,Job Title,Company Size\nana@example.com,Developer,50\n");
    const before = await leadsOf(companyId);
    const second = await importCsv(companyId, "Email,Job Title,Company Size\nana@example.com,CEO,20000\nbob@example.com,CTO,10\n");
    await undoImport(companyId, second.id);
    expect(await leadsOf(companyId)).toEqual(before);
    expect((await getImport(companyId, second.id))?.status).toBe("undone");
    await expect(undoImport(companyId, second.id)).rejects.toThrow(/already been undone/);
    expect(before[0].importId).toBe(first.id);
  });

  it("is refused while a later import has changed the same leads, and allowed once that one is undone", async () => {
    const companyId = await newCompany();
    const first = await importCsv(companyId, "Email,Job Title\nana@example.com,Developer\n", undefined, "first.csv");
    const second = await importCsv(companyId, "Email,Job Title\nana@example.com,CEO\n", undefined, "second.csv");
    await expect(undoImport(companyId, first.id)).rejects.toThrow(/a later import \("second.csv"\) changed some of the same leads/);
    expect((await leadsOf(companyId))[0].jobTitle).toBe("CEO");
    await undoImport(companyId, second.id);
    await undoImport(companyId, first.id);
    expect(await leadsOf(companyId)).toEqual([]);
  });
});

describe("scores always follow the company's model", () => {
  /** Each lead's stored score next to what the company's model gives it now. */
  async function storedAndRescored(companyId: string) {
    const model = compileModel((await activeVersion(companyId)).definition);
    const leads = await prisma.lead.findMany({ where: { companyId }, orderBy: { email: "asc" } });
    return {
      stored: leads.map((l) => ({ email: l.email, score: l.score, grade: l.grade, breakdown: l.breakdown })),
      rescored: leads.map((l) => ({ email: l.email, score: model.score(l).score, grade: model.score(l).grade, breakdown: storedBreakdown(model.score(l).breakdown) })),
    };
  }

  it("after undoing an import that ran before a model switch, the restored leads are scored with the new model", async () => {
    const companyId = await newCompany();
    const rows = (title: string, from: number, to: number) => Array.from({ length: to - from }, (_, i) => `lead${from + i}@example.com,${title},20000`).join("\n");
    await importCsv(companyId, `Email,Job Title,Company Size\n${rows("Head of Toxicology", 0, 50)}\n`);
    const second = await importCsv(companyId, `Email,Job Title,Company Size\n${rows("CEO", 0, 10)}\n`);
    await switchToTemplate(companyId, "lifescience-3d-invitro");
    await undoImport(companyId, second.id);

    const { stored, rescored } = await storedAndRescored(companyId);
    expect(stored).toHaveLength(50);
    expect(stored).toEqual(rescored);
    expect(stored.filter((l) => l.score === 30)).toHaveLength(50); // toxicology 20 + head 10, in all 50
    const counts = await keptAndCounted(companyId);
    expect(counts.kept).toEqual(counts.counted);
  });

  it("an import that starts while a re-score holds the company is scored with the version that re-score makes active", async () => {
    const companyId = await newCompany();
    const model = await createModel(companyId, { name: "Life", from: "lifescience-3d-invitro" });
    const { job } = await publishDraft(companyId, null, model.id);
    const { versionId } = await prisma.scoringJob.findUniqueOrThrow({ where: { id: job.id } });
    const id = await createImport({ companyId, userId: null, fileName: "during.csv", source: bytesOf("Email,Job Title\nceo@example.com,Chief Executive Officer\n") });
    // A re-score in progress: it has the company's lock and has made its version active, not yet committed.
    const switching = await openConnection();
    await switching.query("BEGIN");
    await switching.query(`SELECT 1 FROM "Company" WHERE "id" = $1 FOR NO KEY UPDATE`, [companyId]);
    await switching.query(`UPDATE "Company" SET "activeVersionId" = $2 WHERE "id" = $1`, [companyId, versionId]);
    const importing = processImport(id);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await switching.query("COMMIT");
    await switching.end();
    await importing;

    expect((await activeVersion(companyId)).label).toBe("Life v1");
    const { stored, rescored } = await storedAndRescored(companyId);
    expect(stored).toMatchObject([{ email: "ceo@example.com", score: 10, grade: "D" }]);
    expect(stored).toEqual(rescored);
  });
});

describe("overlapping imports", () => {
  it("into one company at once write one after the other: no duplicates, every row accounted for", async () => {
    const companyId = await newCompany();
    const rows = (from: number, to: number, title: string) =>
      Array.from({ length: to - from }, (_, i) => `lead${from + i}@example.com,${title}`).join("\n");
    const first = await createImport({ companyId, userId: null, fileName: "a.csv", source: bytesOf(`Email,Job Title\n${rows(0, 3000, "CTO")}\n`) });
    const second = await createImport({ companyId, userId: null, fileName: "b.csv", source: bytesOf(`Email,Job Title\n${rows(2000, 5000, "CEO")}\n`) });
    await Promise.all([processImport(first), processImport(second)]);
    const [a, b] = [(await getImport(companyId, first))!, (await getImport(companyId, second))!];
    expect([a.status, b.status]).toEqual(["succeeded", "succeeded"]);
    // Whichever ran second updated the 1,000 shared leads.
    expect(a.createdCount + b.createdCount).toBe(5000);
    expect(a.updatedCount + b.updatedCount).toBe(1000);
    expect(accounted(a) + accounted(b)).toBe(6000);
    expect(await prisma.lead.count({ where: { companyId } })).toBe(5000);
  });
});

describe("the dashboard's counts", () => {
  it("stay equal to the leads through imports that create and update, a failed import, undo and a model switch", async () => {
    const companyId = await newCompany();
    const header = "Email,Job Title,Company Size,Created Date";
    await importCsv(companyId, `${header}\nana@example.com,Developer,50,2026-01-05\nbob@example.com,CTO,20000,2026-01-06\n`);
    let counts = await keptAndCounted(companyId);
    expect(counts.counted).toHaveLength(2);
    expect(counts.kept).toEqual(counts.counted);

    // Ana moves to another day and grade; cy is new.
    const second = await importCsv(companyId, `${header}\nana@example.com,CEO,20000,2026-02-01\ncy@example.com,Intern,5,2026-01-06\n`);
    counts = await keptAndCounted(companyId);
    expect(counts.kept).toEqual(counts.counted);

    const failing = await createImport({ companyId, userId: null, fileName: "broken.csv", source: bytesOf(`${header}\nbob@example.com,Intern,1,2026-03-01\n`) });
    await processImport(failing, { failAfterBatches: 0 });
    expect(await keptAndCounted(companyId)).toEqual(counts);

    await switchToTemplate(companyId, "lifescience-3d-invitro");
    counts = await keptAndCounted(companyId);
    expect(counts.kept).toEqual(counts.counted);

    await undoImport(companyId, second.id);
    counts = await keptAndCounted(companyId);
    expect(counts.kept).toEqual(counts.counted);
    expect(counts.counted).toHaveLength(2);
  });
});

describe("background work", () => {
  afterAll(() => stopJobQueue());

  it("runs a queued import through the job queue", async () => {
    await workOn(importJob.kind, importJob.run);
    const companyId = await newCompany();
    const id = await createImport({ companyId, userId: null, fileName: "queued.csv", source: bytesOf("Email,Job Title\nq@example.com,CTO\n") });
    await enqueueImport(id);
    await expect.poll(async () => (await getImport(companyId, id))?.status, { timeout: 30_000, interval: 250 }).toBe("succeeded");
    expect((await leadsOf(companyId)).map((l) => l.email)).toEqual(["q@example.com"]);
  });
});

describe("the rejected rows' CSV", () => {
  const download = async (companyId: string, id: string) => {
    const rows: string[][] = [];
    const found = (await getImport(companyId, id))!;
    for await (const page of rejectedCsvRows(companyId, id, found.headers as string[], found.delimiter!)) rows.push(...page);
    return rows;
  };

  it("keeps row and reason under their headers when a row has more cells than the header", async () => {
    const companyId = await newCompany();
    const job = await importCsv(companyId, "Email,Name,Company\nr1@x.test,A,C\nr2@x.test,B,C,D,E\nnot-an-email,F,G\n");
    const [header, ...rows] = await download(companyId, job.id);
    expect(header).toEqual(["Email", "Name", "Company", "row", "reason", "extra cells"]);
    expect(rows).toEqual([
      ["r2@x.test", "B", "C", "3", expect.stringMatching(/5 cells but the header has 3 columns/), "D,E"],
      ["not-an-email", "F", "G", "4", expect.stringMatching(/not a valid email address/), ""],
    ]);
  });

  it("has just the file's columns, row and reason otherwise, with the file's delimiter for extra cells", async () => {
    const companyId = await newCompany();
    const plain = await importCsv(companyId, "Email,Name\nnot-an-email,F\n");
    expect(await download(companyId, plain.id)).toEqual([["Email", "Name", "row", "reason"], ["not-an-email", "F", "2", expect.any(String)]]);
    const semicolons = await importCsv(companyId, "Email;Name\nx@x.test;A;B;C\n");
    expect((await download(companyId, semicolons.id))[1].at(-1)).toBe("B;C");
  });
});

describe("isolation", () => {
  it("answers another company's import ids with nothing", async () => {
    const owner = await newCompany("Owner");
    const other = await newCompany("Other");
    const mine = await importCsv(owner, FIRST);
    expect(await getImport(other, mine.id)).toBeNull();
    await expect(undoImport(other, mine.id)).rejects.toMatchObject({ status: 404 });
    const pages = [];
    for await (const page of rejectedRows(other, mine.id)) pages.push(page);
    expect(pages).toEqual([]);
    expect(await prisma.lead.count({ where: { companyId: owner } })).toBe(2);
  });
});
