import { z } from "zod";
import { activityMappingSchema, type ActivityMapping } from "@/lib/activities/mapping";
import { mappingSchema, type Mapping } from "@/lib/csv/mapping";
import { OUTCOMES } from "@/lib/csv/outcome";

/** The outcome chosen for each value of a file's outcome column: `{ "<value>": "won" | "lost" | "open" }`. */
export const outcomeValuesSchema = z
  .record(z.string().max(500), z.enum(OUTCOMES))
  .refine((values) => Object.keys(values).length <= 1000, "At most 1,000 outcome values.");

/** A value sent as JSON text (a multipart field, a command-line argument) that must hold `schema`; `message` when it does not. */
function jsonText<S extends z.ZodType>(schema: S, message: string) {
  return z.string().transform((text, context): z.output<S> => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined;
    }
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    context.addIssue({ code: "custom", message });
    return z.NEVER;
  });
}

/** What an import brings in: leads (the default) or activities (lib/activities). */
export const IMPORT_KINDS = ["leads", "activities"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

const MAPPING_MESSAGES: Record<ImportKind, string> = {
  leads: "The mapping must list, for each column, a lead field or null.",
  activities: 'The mapping must list, for each column, an activity field (email, type, occurredAt, detail, source, eventId), "counted" or null.',
};

/** The kind of an import with its mapping, read by that kind's schema. */
export type KindMapping = { kind: "leads"; mapping?: Mapping } | { kind: "activities"; mapping?: ActivityMapping };

/**
 * The fields of an upload sent before its file (POST /api/imports, `npm run leads:import`),
 * checked where the request is received: a bad one is refused before any byte is stored.
 */
export const uploadFields = z
  .object({
    /** leads (default) or activities. */
    kind: z.enum(IMPORT_KINDS, { error: 'kind is "leads" or "activities".' }).default("leads"),
    /** For each column, a field of the kind or null (JSON). */
    mapping: jsonText(z.array(z.string().nullable()), MAPPING_MESSAGES.leads).optional(),
    outcomeValues: jsonText(outcomeValuesSchema, 'outcomeValues must give, for each value of the outcome column, "won", "lost" or "open".').optional(),
    /** For a workbook: the sheet to import (default: the first sheet with leads). */
    sheet: z.string().optional(),
  })
  .transform(({ kind, mapping, ...rest }, context) => {
    if (mapping === undefined) return { ...rest, kind, mapping } as KindMapping & typeof rest;
    const parsed = (kind === "activities" ? activityMappingSchema : mappingSchema).safeParse(mapping);
    if (parsed.success) return { ...rest, kind, mapping: parsed.data } as KindMapping & typeof rest;
    context.addIssue({ code: "custom", path: ["mapping"], message: MAPPING_MESSAGES[kind] });
    return z.NEVER;
  });
