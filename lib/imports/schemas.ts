import { z } from "zod";
import { mappingSchema } from "@/lib/csv/mapping";
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

/**
 * The fields of an upload sent before its file (POST /api/imports, `npm run leads:import`),
 * checked where the request is received: a bad one is refused before any byte is stored.
 */
export const uploadFields = z.object({
  /** For each column, a lead field or null (ignored). */
  mapping: jsonText(mappingSchema, "The mapping must list, for each column, a lead field or null.").optional(),
  outcomeValues: jsonText(outcomeValuesSchema, 'outcomeValues must give, for each value of the outcome column, "won", "lost" or "open".').optional(),
  /** For a workbook: the sheet to import (default: the first sheet with leads). */
  sheet: z.string().optional(),
});
