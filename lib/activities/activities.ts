import { z } from "zod";
import { recordAudit, type Actor } from "@/lib/audit/audit";
import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { isId } from "@/lib/ids";
import { readActivity, typeKeyOf, type Activity } from "./activity";
import { ACTIVITIES_PAGE_SIZE, type activitiesQuery, type activityView, type addedActivities, type leadActivitiesQuery } from "./schemas";
import { onTransaction, TOO_MANY_TYPES, writeActivities } from "./write-activities";

/**
 * A company's activities: what its leads did, keyed by email (a lead's activities are those of
 * its email, whenever they arrived). Sent through the API a batch at a time, listed newest first.
 */

export type ActivityView = z.infer<typeof activityView>;

/**
 * Keeps the valid activities of a batch (POST /api/activities) and names the others by index.
 * Sending the same batch again stores nothing more. Recorded in the audit log with its counts.
 */
export async function addActivities(companyId: string, actor: Actor, inputs: unknown[]): Promise<z.infer<typeof addedActivities>> {
  const valid: Activity[] = [];
  const indexes: number[] = [];
  const rejected: { index: number; message: string }[] = [];
  let cut = 0;
  inputs.forEach((input, index) => {
    const read = readActivity(input as Parameters<typeof readActivity>[0]);
    if (!read.ok) return void rejected.push({ index, message: read.message });
    valid.push(read.activity);
    indexes.push(index);
    if (read.cut) cut++;
  });
  const { stored, untyped } = await prisma.$transaction(async (tx) => {
    const written = await writeActivities(onTransaction(tx), companyId, valid);
    const refused = written.untyped.length;
    await recordAudit(tx, companyId, actor, "activities.add", {
      detail: { created: written.stored, duplicates: valid.length - refused - written.stored, rejected: rejected.length + refused },
    });
    return written;
  });
  for (const index of untyped) rejected.push({ index: indexes[index], message: TOO_MANY_TYPES });
  rejected.sort((a, b) => a.index - b.index);
  return { created: stored, duplicates: valid.length - untyped.length - stored, cut, rejected };
}

const VIEW = { dedupe: true, email: true, typeId: true, occurredAt: true, detail: true, source: true, eventId: true, importId: true } as const;

/** The type's id in this company, or null when it has none of that name (then nothing matches). */
async function typeIdOf(companyId: string, type: string): Promise<number | null> {
  const found = await prisma.activityType.findUnique({ where: { companyId_key: { companyId, key: typeKeyOf(type) } }, select: { id: true } });
  return found?.id ?? null;
}

async function typeNames(companyId: string, ids: number[]): Promise<Map<number, string>> {
  const types = await prisma.activityType.findMany({ where: { companyId, id: { in: [...new Set(ids)] } }, select: { id: true, name: true } });
  return new Map(types.map((t) => [t.id, t.name]));
}

/** A page of activities, newest first, with their types' names; none when asked for a type the company has not (`typeId` null). */
async function page(companyId: string, where: object, pageNumber: number, typeId?: number | null) {
  if (typeId === null) return { activities: [], page: pageNumber, pageSize: ACTIVITIES_PAGE_SIZE, hasMore: false };
  if (typeId !== undefined) where = { ...where, typeId };
  const rows = await prisma.activity.findMany({
    where: { companyId, ...where },
    orderBy: [{ occurredAt: "desc" }, { dedupe: "asc" }],
    skip: (pageNumber - 1) * ACTIVITIES_PAGE_SIZE,
    take: ACTIVITIES_PAGE_SIZE + 1,
    select: VIEW,
  });
  const names = await typeNames(companyId, rows.map((row) => row.typeId));
  const activities: ActivityView[] = rows.slice(0, ACTIVITIES_PAGE_SIZE).map((row) => ({
    id: row.dedupe,
    email: row.email,
    type: names.get(row.typeId) ?? "",
    occurredAt: row.occurredAt.toISOString(),
    detail: row.detail,
    source: row.source,
    eventId: row.eventId,
    importId: row.importId,
  }));
  return { activities, page: pageNumber, pageSize: ACTIVITIES_PAGE_SIZE, hasMore: rows.length > ACTIVITIES_PAGE_SIZE };
}

/** The company's activities, filtered by email, type and moment, newest first (GET /api/activities). */
export async function listActivities(companyId: string, query: z.output<typeof activitiesQuery>) {
  const { since, until } = query;
  return page(
    companyId,
    {
      ...(query.email ? { email: query.email.toLowerCase() } : {}),
      ...(since || until ? { occurredAt: { ...(since ? { gte: since } : {}), ...(until ? { lt: until } : {}) } } : {}),
    },
    query.page,
    query.type ? await typeIdOf(companyId, query.type) : undefined,
  );
}

/** A lead's activities, newest first, and its counts per type (the lead page, GET /api/leads/:id/activities); 404 for another company's lead. */
export async function leadActivities(companyId: string, leadId: string, query: z.output<typeof leadActivitiesQuery>) {
  const lead = isId(leadId) ? await prisma.lead.findFirst({ where: { id: leadId, companyId }, select: { email: true } }) : null;
  if (!lead) throw notFound("This lead");
  const typeId = query.type ? await typeIdOf(companyId, query.type) : undefined;
  const [listed, counts] = await Promise.all([
    page(companyId, { email: lead.email }, query.page, typeId),
    prisma.activity.groupBy({ by: ["typeId"], where: { companyId, email: lead.email }, _count: { _all: true } }),
  ]);
  const names = await typeNames(companyId, counts.map((c) => c.typeId));
  const types = counts.map((c) => ({ type: names.get(c.typeId) ?? "", activities: c._count._all })).sort((a, b) => b.activities - a.activities || a.type.localeCompare(b.type));
  return { ...listed, types };
}
