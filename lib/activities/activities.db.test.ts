import { describe, expect, it } from "vitest";
import { auditQuery, listAudit } from "@/lib/audit/audit";
import { prisma } from "@/lib/db/client";
import { bytesOf } from "@/lib/db/test-helpers";
import { createImport } from "@/lib/imports/create-import";
import { processImport } from "@/lib/imports/process-import";
import { deleteCompany } from "@/lib/teams/companies";
import { createTeam } from "@/lib/test-factories";
import { exportLeadsCsv } from "@/lib/leads/export-leads";
import { listLeads, listLeadsQuery } from "@/lib/leads/list-leads";
import Papa from "papaparse";
import { addActivities, leadActivities, listActivities } from "./activities";
import { activitiesQuery, leadActivitiesQuery } from "./schemas";

const at = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString();

async function importLeads(companyId: string, csv: string) {
  const id = await createImport({ companyId, userId: null, fileName: "leads.csv", source: bytesOf(csv) });
  await processImport(id);
}

const leadId = async (companyId: string, email: string) => (await prisma.lead.findFirstOrThrow({ where: { companyId, email }, select: { id: true } })).id;

describe("activities sent through the API", () => {
  it("keeps the valid ones, names the others by index, and stores each activity once however often it is sent", async () => {
    const owner = await createTeam("Activities Co");
    const batch = [
      { email: " Ana@Acme.example ", type: "Demo requested", occurredAt: at(1), detail: "https://acme.example/pricing", source: "website" },
      { email: "ana@acme.example", type: "demo REQUESTED", occurredAt: at(1), detail: "https://acme.example/pricing" }, // the same activity: type without case
      { email: "bo@acme.example", type: "Email clicked", occurredAt: at(2), eventId: "mc-1", detail: "Newsletter 12" },
      { email: "bo@acme.example", type: "Email clicked", occurredAt: at(3), eventId: "mc-1", detail: "resent" }, // the same event id
      { email: "not an email", type: "Page view", occurredAt: at(1) },
      { email: "cy@acme.example", type: "   ", occurredAt: at(1) },
      { email: "cy@acme.example", type: "Page view", occurredAt: "yesterday-ish" },
      { email: "cy@acme.example", type: "Page view", occurredAt: at(-3) }, // three days ahead
      { email: "cy@acme.example", type: "Page\u0000 view", occurredAt: at(4), detail: "x".repeat(2500) },
      "not an object",
    ];
    const first = await addActivities(owner.companyId, owner, batch);
    expect(first).toMatchObject({ created: 3, duplicates: 2, cut: 1 });
    expect(first.rejected.map((r) => r.index)).toEqual([4, 5, 6, 7, 9]);
    expect(first.rejected[0].message).toMatch(/not a valid email/);
    expect(first.rejected[1].message).toMatch(/No activity type/);
    expect(first.rejected[2].message).toMatch(/not a date/);
    expect(first.rejected[3].message).toMatch(/in the future/);

    // The same batch again: nothing more.
    const again = await addActivities(owner.companyId, owner, batch);
    expect(again).toMatchObject({ created: 0, duplicates: 5 });
    expect(await prisma.activity.count({ where: { companyId: owner.companyId } })).toBe(3);

    // One type per name without case, written as it first came; control characters dropped; a long detail cut.
    const types = await prisma.activityType.findMany({ where: { companyId: owner.companyId }, orderBy: { name: "asc" } });
    expect(types.map((t) => t.name)).toEqual(["Demo requested", "Email clicked", "Page view"]);
    const cy = await listActivities(owner.companyId, activitiesQuery.parse({ email: "CY@acme.example" }));
    expect(cy.activities).toHaveLength(1);
    expect(cy.activities[0]).toMatchObject({ type: "Page view", email: "cy@acme.example" });
    expect(cy.activities[0].detail).toHaveLength(2000);

    // The database keeps the counts per day and type.
    const stats = await prisma.activityStats.aggregate({ where: { companyId: owner.companyId }, _sum: { activities: true } });
    expect(stats._sum.activities).toBe(3);

    // Each request is in the audit log with its counts.
    const log = await listAudit(owner.companyId, auditQuery.parse({ action: "activities.add" }));
    expect(log.events.map((e) => e.detail)).toEqual([
      { created: 0, duplicates: 5, rejected: 5 },
      { created: 3, duplicates: 2, rejected: 5 },
    ]);
    // An activity without a date says so.
    expect((await addActivities(owner.companyId, owner, [{ email: "dy@acme.example", type: "Page view" }])).rejected).toEqual([{ index: 0, message: expect.stringMatching(/^No date/) }]);
  });

  it("are stored before their lead exists, and belong to it once it arrives", async () => {
    const owner = await createTeam("Early Co");
    await addActivities(owner.companyId, owner, [
      { email: "early@bird.example", type: "Webinar attended", occurredAt: at(10) },
      { email: "early@bird.example", type: "Email clicked", occurredAt: at(2) },
      { email: "early@bird.example", type: "Email clicked", occurredAt: at(1) },
    ]);
    await importLeads(owner.companyId, "Email,Job Title\nEarly@Bird.example,CEO\n");
    const timeline = await leadActivities(owner.companyId, await leadId(owner.companyId, "early@bird.example"), leadActivitiesQuery.parse({}));
    expect(timeline.activities.map((a) => a.type)).toEqual(["Email clicked", "Email clicked", "Webinar attended"]);
    expect(timeline.types).toEqual([
      { type: "Email clicked", activities: 2 },
      { type: "Webinar attended", activities: 1 },
    ]);
    const clicks = await leadActivities(owner.companyId, await leadId(owner.companyId, "early@bird.example"), leadActivitiesQuery.parse({ type: "EMAIL CLICKED" }));
    expect(clicks.activities).toHaveLength(2);
  });

  it("pages a long timeline 50 at a time, newest first, and filters the company's activities by dates", async () => {
    const owner = await createTeam("Busy Co");
    await addActivities(owner.companyId, owner, Array.from({ length: 120 }, (_, i) => ({ email: "busy@lead.example", type: "Page view", occurredAt: at(i / 10), detail: `/page/${i}` })));
    await importLeads(owner.companyId, "Email\nbusy@lead.example\n");
    const id = await leadId(owner.companyId, "busy@lead.example");
    const pages = await Promise.all([1, 2, 3].map((page) => leadActivities(owner.companyId, id, leadActivitiesQuery.parse({ page: String(page) }))));
    expect(pages.map((p) => p.activities.length)).toEqual([50, 50, 20]);
    expect(pages.map((p) => p.hasMore)).toEqual([true, true, false]);
    expect(pages[0].activities[0].detail).toBe("/page/0");
    const all = pages.flatMap((p) => p.activities.map((a) => a.occurredAt));
    expect(all).toEqual([...all].sort().reverse());
    const lastDay = await listActivities(owner.companyId, activitiesQuery.parse({ since: at(1) }));
    expect(lastDay.activities).toHaveLength(10);
    expect(activitiesQuery.safeParse({ since: "last week" }).success).toBe(false);
    expect(activitiesQuery.parse({ since: "2026-11-23" }).since).toEqual(new Date("2026-11-23T00:00:00Z"));
  });

  it("are never another company's: its lead ids answer 404 and its activities are not listed", async () => {
    const alice = await createTeam("Alice Co");
    const bob = await createTeam("Bob Co");
    await addActivities(alice.companyId, alice, [{ email: "shared@lead.example", type: "Demo requested", occurredAt: at(1) }]);
    await importLeads(alice.companyId, "Email\nshared@lead.example\n");
    await importLeads(bob.companyId, "Email\nshared@lead.example\n");
    const alicesLead = await leadId(alice.companyId, "shared@lead.example");
    await expect(leadActivities(bob.companyId, alicesLead, leadActivitiesQuery.parse({}))).rejects.toMatchObject({ status: 404 });
    expect((await leadActivities(bob.companyId, await leadId(bob.companyId, "shared@lead.example"), leadActivitiesQuery.parse({}))).activities).toEqual([]);
    expect((await listActivities(bob.companyId, activitiesQuery.parse({}))).activities).toEqual([]);
    expect((await listActivities(bob.companyId, activitiesQuery.parse({ type: "Demo requested" }))).activities).toEqual([]);
  });

  it("go with their company when it is deleted", async () => {
    const owner = await createTeam("Gone Co");
    await addActivities(owner.companyId, owner, [{ email: "x@gone.example", type: "Meeting booked", occurredAt: at(1) }]);
    await deleteCompany(owner, "Gone Co");
    expect(await prisma.activity.count({ where: { companyId: owner.companyId } })).toBe(0);
    expect(await prisma.activityType.count({ where: { companyId: owner.companyId } })).toBe(0);
    expect(await prisma.activityStats.count({ where: { companyId: owner.companyId } })).toBe(0);
  });

  it("show in the leads list as the last activity, filter it (active in the last 7, 30, 90 days, or never), and go into the export", async () => {
    const owner = await createTeam("Active Leads");
    await importLeads(owner.companyId, "Email,Full Name\nfresh@x.example,Fresh\nmonth@x.example,Month\nold@x.example,Old\nquiet@x.example,Quiet\n");
    const t = Object.fromEntries([1, 2, 20, 25, 40, 200].map((days) => [days, at(days)]));
    await addActivities(owner.companyId, owner, [
      { email: "fresh@x.example", type: "Demo requested", occurredAt: t[2] },
      { email: "fresh@x.example", type: "Email clicked", occurredAt: t[40] },
      { email: "month@x.example", type: "Email clicked", occurredAt: t[20] },
      { email: "month@x.example", type: "Email clicked", occurredAt: t[25] },
      { email: "old@x.example", type: "Webinar attended", occurredAt: t[200] },
      { email: "nobody@x.example", type: "Email clicked", occurredAt: t[1] }, // not a lead: in no list
    ]);
    const emails = async (active: string) => (await listLeads(owner.companyId, listLeadsQuery.parse({ active, sort: "name" }))).leads.map((lead) => lead.email);
    expect(await emails("7")).toEqual(["fresh@x.example"]);
    expect(await emails("30")).toEqual(["fresh@x.example", "month@x.example"]);
    expect(await emails("90")).toEqual(["fresh@x.example", "month@x.example"]);
    expect(await emails("none")).toEqual(["quiet@x.example"]);
    expect((await listLeads(owner.companyId, listLeadsQuery.parse({ active: "none", page: 2, pageSize: 1 }))).total).toBe(1);
    expect(listLeadsQuery.safeParse({ active: "8" }).success).toBe(false);
    const all = (await listLeads(owner.companyId, listLeadsQuery.parse({ sort: "name" }))).leads;
    expect(all.map((lead) => lead.lastActivityAt?.toISOString() ?? null)).toEqual([t[2], t[20], t[200], null]);

    let text = "";
    for await (const piece of exportLeadsCsv(owner.companyId, listLeadsQuery.parse({ sort: "name" }))) text += piece;
    const rows = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true }).data;
    // The most frequent types first: Email clicked (4, counting nobody's), then the others by name.
    expect(Object.keys(rows[0]).filter((key) => /activit/i.test(key))).toEqual(["Last activity", "Activities (Email clicked)", "Activities (Demo requested)", "Activities (Webinar attended)"]);
    expect(rows.map((row) => [row.Email, row["Last activity"].slice(0, 10), row["Activities (Email clicked)"], row["Activities (Demo requested)"]])).toEqual([
      ["fresh@x.example", t[2].slice(0, 10), "1", "1"],
      ["month@x.example", t[20].slice(0, 10), "2", "0"],
      ["old@x.example", t[200].slice(0, 10), "0", "0"],
      ["quiet@x.example", "", "0", "0"],
    ]);
    // Imported again, the export's activity columns are left out (worked out again, not data).
    const { suggestMapping } = await import("@/lib/csv/mapping");
    expect(suggestMapping(["Email", "Last activity", "Activities (Email clicked)"])).toEqual(["email", "ignore", "ignore"]);
  });
});
