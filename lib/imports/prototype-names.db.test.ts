import Papa from "papaparse";
import type { Mapping } from "@/lib/csv/mapping";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { bytesOf } from "@/lib/db/test-helpers";
import { exportLeadsCsv } from "@/lib/leads/export-leads";
import { explainScore } from "@/lib/leads/explain";
import { listLeadsQuery } from "@/lib/leads/list-leads";
import { createModel } from "@/lib/models/models";
import { previewDefinition } from "@/lib/models/preview";
import { publishDraft } from "@/lib/models/publish";
import { processScoringJob } from "@/lib/models/rescore-job";
import { parseScoringModel } from "@/lib/scoring";
import { createCompany } from "@/lib/test-factories";
import { createImport, findSavedMapping } from "./create-import";
import { getImport } from "./imports";
import { processImport } from "./process-import";
import { activeVersion } from "@/lib/versions/active-version";

/**
 * Every name `Object.prototype` has is an ordinary header, cell value and rule label. Looked
 * up in a plain object, "constructor" finds a function and "__proto__" the prototype: an
 * outcome became `function Object() { [native code] }` and failed the whole import, a
 * "__proto__" column vanished, a rule called "Constructor" showed NaN points.
 */
const NAMES = Object.getOwnPropertyNames(Object.prototype);

describe("names of Object.prototype as user text", () => {
  it("go through import, mapping, outcomes, extra columns, models, preview, the lead page and export as plain text", async () => {
    expect(NAMES).toEqual(expect.arrayContaining(["__proto__", "constructor", "toString", "valueOf", "hasOwnProperty"]));
    const companyId = (await createCompany({ name: "Prototype Co" })).id;
    const headers = ["Email", "Status", ...NAMES];
    const rows = NAMES.map((name, i) => [`p${i}@example.com`, name === "constructor" ? "Constructor" : name, ...NAMES.map((column) => `${column} of ${i}`)]);
    const csv = Papa.unparse([headers, ...rows]);
    const mapping: Mapping = ["email", "outcome", ...NAMES.map(() => null)];

    // The user's own choice for "toString" wins; the other names are values no rule knows.
    const importId = await createImport({ companyId, userId: null, fileName: "proto.csv", source: bytesOf(csv), mapping, outcomeValues: { toString: "won" as const } });
    await processImport(importId);
    const done = await getImport(companyId, importId);
    expect(done).toMatchObject({ status: "succeeded", createdCount: NAMES.length, rejectedCount: 0 });
    const leads = await prisma.lead.findMany({ where: { companyId }, orderBy: { email: "asc" } });
    expect(leads).toHaveLength(NAMES.length);
    for (const lead of leads) {
      const i = Number(lead.email.slice(1, lead.email.indexOf("@")));
      expect(lead.outcome).toBe(NAMES[i] === "toString" ? "won" : "open");
      expect(Object.keys(lead.extra as object).sort()).toEqual([...NAMES].sort());
      expect((lead.extra as Record<string, string>)["__proto__"]).toBe(`__proto__ of ${i}`);
    }
    expect(Object.keys(done!.unknownOutcomes as object)).toEqual(expect.arrayContaining(["Constructor", "__proto__", "valueOf"]));
    expect((await findSavedMapping(companyId, headers))?.mapping).toEqual(mapping);

    // Rules labelled like prototype properties get those names as ids, and read those columns.
    const definition = parseScoringModel({
      name: "Prototype rules",
      pointsFor100: 30,
      criteria: [
        { label: "Constructor", tiers: [{ points: 10, when: [{ kind: "keywords", field: "extra:constructor", keywords: ["of 1"] }] }] },
        { label: "Value of", tiers: [{ points: 7, when: [{ kind: "present", field: "extra:__proto__" }] }] },
        { label: "To string", tiers: [{ points: -3, when: [{ kind: "values", field: "extra:toString", values: ["toString of 2"] }] }] },
      ],
    });
    expect(definition.criteria.map((c) => c.id)).toEqual(["constructor", "valueOf", "toString"]);

    const preview = await previewDefinition(companyId, definition);
    expect(preview.leads).toBe(NAMES.length);
    const risen = preview.movers.up.find((m) => m.email === "p1@example.com");
    expect(risen?.rule).toBe("Constructor (+10 points)");

    const model = await createModel(companyId, { name: "Prototype rules", definition });
    const published = await publishDraft(companyId, null, model.id);
    await processScoringJob(published.job.id);
    const version = await activeVersion(companyId);
    expect(version.definition.name).toBe("Prototype rules");
    for (const lead of await prisma.lead.findMany({ where: { companyId } })) {
      const receipt = explainScore(lead, version);
      const points = new Map(receipt.entries.map((e) => [e.criterion, e.points]));
      const i = Number(lead.email.slice(1, lead.email.indexOf("@")));
      expect(points.get("constructor")).toBe(i === 1 ? 10 : 0);
      expect(points.get("valueOf")).toBe(7);
      expect(points.get("toString")).toBe(i === 2 ? -3 : 0);
      expect(receipt.rawPoints).toBe(lead.rawPoints);
    }

    let text = "";
    for await (const piece of exportLeadsCsv(companyId, listLeadsQuery.parse({}))) text += piece;
    const [header, ...exported] = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
    for (const name of NAMES) expect(header).toContain(name);
    expect(header).toEqual(expect.arrayContaining(["Points: Constructor", "Points: Value of", "Points: To string"]));
    expect(exported).toHaveLength(NAMES.length);
    const protoColumn = header.indexOf("__proto__");
    expect(exported.map((row) => row[protoColumn]).sort()).toEqual(NAMES.map((_, i) => `__proto__ of ${i}`).sort());
  });
});
