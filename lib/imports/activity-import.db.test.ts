import { describe, expect, it } from "vitest";
import type { ActivityMapping } from "@/lib/activities/mapping";
import { MAX_ACTIVITY_TYPES } from "@/lib/activities/write-activities";
import { prisma } from "@/lib/db/client";
import { bytesOf } from "@/lib/db/test-helpers";
import { addActivities } from "@/lib/activities/activities";
import { createTeam } from "@/lib/test-factories";
import { workbook } from "@/lib/xlsx/test-workbooks";
import type { ActivitySummary } from "./activity-import";
import { createImport, findSavedMapping } from "./create-import";
import { getImport, rejectedRows, unknownEmailRows } from "./imports";
import { processImport } from "./process-import";
import { undoImport } from "./undo-import";

const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);

async function importFile(companyId: string, kind: "leads" | "activities", text: string | Uint8Array, options: { mapping?: ActivityMapping; failAfterBatches?: number } = {}) {
  const id = await createImport({ companyId, userId: null, kind, fileName: `${kind}.csv`, source: bytesOf(text), mapping: options.mapping });
  await processImport(id, { failAfterBatches: options.failAfterBatches });
  return (await getImport(companyId, id))!;
}

const activitiesOf = (companyId: string) =>
  prisma.activity.findMany({ where: { companyId }, orderBy: [{ email: "asc" }, { occurredAt: "asc" }], select: { email: true, typeId: true, occurredAt: true, detail: true, importId: true } });

const summaryOf = (job: { activitySummary: unknown }) => job.activitySummary as ActivitySummary;

const LONG = [
  "Contact Email,Event,Timestamp,Page URL,Channel,Event ID",
  `ana@acme.example,Page view,${day(3)},https://acme.example/pricing,website,`,
  `ana@acme.example,Page view,${day(3)},https://acme.example/pricing,website,`, // the same activity again in the file
  `ANA@acme.example,Demo requested,${day(1)},,website,`,
  `bo@acme.example,Email clicked,${day(2)},Newsletter 12,Mailchimp,mc-1`,
  `zed@elsewhere.example,Email clicked,${day(2)},Newsletter 12,Mailchimp,mc-2`,
  `not-an-email,Page view,${day(1)},,,`,
  `cy@acme.example,,${day(1)},,,`,
  `cy@acme.example,Page view,someday,,,`,
  `cy@acme.example,Page view,${day(-3)},,,`,
  `cy@acme.example,${"T".repeat(250)},${day(1)},,,`,
  "",
].join("\n");

describe("importing a file of activities", () => {
  it("maps the usual headers, stores each activity once, rejects rows with reasons, and accounts for every row", async () => {
    const { companyId } = await createTeam("Activity Imports");
    await importFile(companyId, "leads", "Email,Job Title\nana@acme.example,CTO\nbo@acme.example,Developer\n");
    const job = await importFile(companyId, "activities", LONG);
    expect(job).toMatchObject({ kind: "activities", status: "succeeded", totalRows: 10, createdCount: 5, duplicateCount: 1, rejectedCount: 4 });
    expect(job.createdCount + job.duplicateCount + job.rejectedCount).toBe(job.totalRows);
    expect(job.mapping).toEqual(["email", "type", "occurredAt", "detail", "source", "eventId"]);
    expect(summaryOf(job)).toMatchObject({ activities: 6, cutRows: 1, emptyRows: 0, known: { activities: 3, people: 2 }, unknown: { activities: 2, people: 2 } });
    const reasons = (await rejectedRows(companyId, job.id).next()).value!.map((r) => [r.row, r.reason]);
    expect(reasons).toEqual([
      [7, expect.stringMatching(/not a valid email/)],
      [8, expect.stringMatching(/No activity type/)],
      [9, expect.stringMatching(/date/i)],
      [10, expect.stringMatching(/future|ahead/i)],
    ]);
    expect(await prisma.activityType.count({ where: { companyId } })).toBe(4);
    // A type over 200 characters is cut, not refused.
    expect((await prisma.activityType.findMany({ where: { companyId }, select: { name: true } })).map((t) => t.name.length)).toContain(200);
    // The emails not among the leads, with their activities.
    const unknown = [];
    for await (const page of unknownEmailRows(companyId, job.id)) unknown.push(...page);
    expect(unknown).toEqual([
      { email: "cy@acme.example", activities: 1 },
      { email: "zed@elsewhere.example", activities: 1 },
    ]);

    // Re-importing the same file adds nothing; the mapping chosen is remembered for activity files only.
    const again = await importFile(companyId, "activities", LONG);
    expect(again).toMatchObject({ createdCount: 0, duplicateCount: 6, rejectedCount: 4 });
    expect(await prisma.activity.count({ where: { companyId } })).toBe(5);
    expect((await findSavedMapping(companyId, LONG.split("\n")[0].split(","), "activities"))?.mapping).toEqual(job.mapping);
    expect(await findSavedMapping(companyId, LONG.split("\n")[0].split(","), "leads")).toBeNull();

    // Undo removes exactly what that import added: the second added nothing, so undoing it keeps all.
    await undoImport(companyId, again.id);
    expect(await prisma.activity.count({ where: { companyId } })).toBe(5);
    await undoImport(companyId, job.id);
    expect(await prisma.activity.count({ where: { companyId } })).toBe(0);
    expect((await getImport(companyId, job.id))?.status).toBe("undone");
    const stats = await prisma.activityStats.aggregate({ where: { companyId }, _sum: { activities: true } });
    expect(stats._sum.activities ?? 0).toBe(0);
  });

  it("reads a file with one row per lead and one column per activity type: counts and yes/no, dated by a column or by the import day", async () => {
    const { companyId } = await createTeam("Webinar Lists");
    const webinar = ["Email,Registered,Attended", "ana@acme.example,yes,yes", "bo@acme.example,yes,no", "cy@acme.example,no,", "dee@acme.example,maybe,yes", ""].join("\n");
    // Suggested from the first rows when every cell of a column is a count or yes/no ("maybe" is not).
    expect((await importFile(companyId, "activities", webinar.replace("maybe", "yes"))).mapping).toEqual(["email", "counted", "counted"]);
    await prisma.activity.deleteMany({ where: { companyId } });
    const job = await importFile(companyId, "activities", webinar, { mapping: ["email", "counted", "counted"] });
    expect(job).toMatchObject({ totalRows: 4, createdCount: 3, duplicateCount: 0, rejectedCount: 1 });
    expect(summaryOf(job)).toMatchObject({ activities: 3, emptyRows: 1 });
    const [rejected] = (await rejectedRows(companyId, job.id).next()).value!;
    expect(rejected.reason).toMatch(/"Registered" holds "maybe"/);
    const stored = await activitiesOf(companyId);
    const today = new Date(`${day(0)}T00:00:00Z`).getTime();
    expect(stored.every((a) => a.occurredAt.getTime() === today)).toBe(true);
    const types = await prisma.activityType.findMany({ where: { companyId }, orderBy: { name: "asc" }, select: { name: true } });
    expect(types.map((t) => t.name)).toEqual(["Attended", "Registered"]);
    // The same list again the same day adds nothing.
    expect(await importFile(companyId, "activities", webinar, { mapping: ["email", "counted", "counted"] })).toMatchObject({ createdCount: 0, duplicateCount: 3 });

    // A newsletter report: counts dated by its "Last Click" column (mapped by the user).
    const report = ["Email,Opens,Clicks,Last Click", `ana@acme.example,3,2,${day(5)}`, `bo@acme.example,101,0,${day(5)}`, ""].join("\n");
    const counted = await importFile(companyId, "activities", report, { mapping: ["email", "counted", "counted", "occurredAt"] });
    expect(counted).toMatchObject({ totalRows: 2, createdCount: 5, rejectedCount: 1 });
    expect((await rejectedRows(companyId, counted.id).next()).value![0].reason).toMatch(/at most 100/);
    expect(await importFile(companyId, "activities", report, { mapping: ["email", "counted", "counted", "occurredAt"] })).toMatchObject({ createdCount: 0, duplicateCount: 5 });
  });

  it("refuses a file without an email, type or date column at the mapping step, and keeps nothing of a failed import", async () => {
    const { companyId } = await createTeam("Bad Activity Files");
    const refused = (text: string) => createImport({ companyId, userId: null, kind: "activities", fileName: "a.csv", source: bytesOf(text) });
    await expect(refused("Event,Date\nPage view,2026-01-01\n")).rejects.toThrow(/email addresses/);
    await expect(refused("Email,Date\nana@acme.example,2026-01-01\n")).rejects.toThrow(/activity type/);
    await expect(refused("Email,Event\nana@acme.example,Page view\n")).rejects.toThrow(/when each activity happened/);
    expect(await prisma.import.count({ where: { companyId } })).toBe(0);

    const rows = Array.from({ length: 12_000 }, (_, i) => `p${i}@acme.example,Page view,${day(1)}`);
    const failed = await importFile(companyId, "activities", ["Email,Event,Date", ...rows, ""].join("\n"), { failAfterBatches: 1 });
    expect(failed.status).toBe("failed");
    expect(await prisma.activity.count({ where: { companyId } })).toBe(0);
    expect(await prisma.activityStats.count({ where: { companyId, activities: { not: 0 } } })).toBe(0);
  });

  it("activities that arrive before their leads are theirs once the leads arrive; another company sees none of them", async () => {
    const { companyId } = await createTeam("Clicks First");
    const other = await createTeam("Someone Else");
    const job = await importFile(companyId, "activities", `Email,Event,Date\nnew@acme.example,Email clicked,${day(1)}\n`);
    expect(summaryOf(job).unknown).toEqual({ activities: 1, people: 1 });
    await importFile(companyId, "leads", "Email\nnew@acme.example\n");
    const unknown = [];
    for await (const page of unknownEmailRows(companyId, job.id)) unknown.push(...page);
    expect(unknown).toEqual([]);
    expect(await getImport(other.companyId, job.id)).toBeNull();
    await expect(undoImport(other.companyId, job.id)).rejects.toThrow(/not found/i);
    expect(await prisma.activity.count({ where: { companyId } })).toBe(1);
  });

  it("refuses the rows of a type beyond the company's limit of activity types", async () => {
    const { companyId } = await createTeam("Many Types");
    await prisma.$executeRaw`
      INSERT INTO "ActivityType" ("companyId", "name", "key")
      SELECT ${companyId}::uuid, 'Type ' || i, 'type ' || i FROM generate_series(1, ${MAX_ACTIVITY_TYPES - 1}) AS i`;
    const job = await importFile(companyId, "activities", `Email,Event,Date\na@x.example,Type 1,${day(1)}\nb@x.example,Brand new,${day(1)}\nc@x.example,Newer still,${day(1)}\n`);
    expect(job).toMatchObject({ createdCount: 2, rejectedCount: 1 });
    expect((await rejectedRows(companyId, job.id).next()).value![0]).toMatchObject({ row: 4, reason: expect.stringMatching(/10,000 activity types/) });
  });

  it("reads an Excel workbook of activities: its dates as dates, its sheet's columns mapped as a CSV's", async () => {
    const { companyId } = await createTeam("Calendar Exports");
    const when = new Date(Date.UTC(2026, 10, 20, 14, 30));
    const file = await workbook((book) => {
      const sheet = book.addWorksheet("Meetings");
      sheet.addRow(["Email", "Event", "Date", "Subject"]);
      sheet.addRow(["ana@acme.example", "Meeting booked", when, "Intro call"]);
      sheet.addRow(["bo@acme.example", "Meeting booked", "not a date", "Demo"]);
    });
    const id = await createImport({ companyId, userId: null, kind: "activities", fileName: "meetings.xlsx", source: bytesOf(file) });
    await processImport(id);
    expect(await getImport(companyId, id)).toMatchObject({ status: "succeeded", sheet: "Meetings", createdCount: 1, rejectedCount: 1 });
    expect(await activitiesOf(companyId)).toMatchObject([{ email: "ana@acme.example", occurredAt: when, detail: "Intro call" }]);
  });

  it("an activity sent through the API while an import of the same activity runs is stored once, and the import still succeeds", async () => {
    const owner = await createTeam("Busy Senders");
    const rows = Array.from({ length: 60_000 }, (_, i) => `p${i}@acme.example,Page view,${day(1)}T10:00:00Z`);
    const id = await createImport({ companyId: owner.companyId, userId: null, kind: "activities", fileName: "big.csv", source: bytesOf(["Email,Event,Date", ...rows, ""].join("\n")) });
    const running = processImport(id);
    // The file's last activity arrives through the API once the import is under way, committed before the import reaches it.
    await expect.poll(async () => (await prisma.import.findUniqueOrThrow({ where: { id }, select: { processedRows: true } })).processedRows, { interval: 20 }).toBeGreaterThan(0);
    const sent = await addActivities(owner.companyId, owner, [{ email: "p59999@acme.example", type: "page VIEW", occurredAt: `${day(1)}T10:00:00Z` }]);
    await running;
    const job = (await getImport(owner.companyId, id))!;
    expect(job.status).toBe("succeeded");
    // Whichever came first stored it; the other counted it as a duplicate.
    expect(sent.created + job.createdCount).toBe(60_000);
    expect(sent.duplicates + job.duplicateCount).toBe(1);
    expect(await prisma.activity.count({ where: { companyId: owner.companyId } })).toBe(60_000);
  });
});
