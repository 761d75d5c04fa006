import { z } from "zod";
import { fieldByName, LEAD_FIELDS, LEAD_FIELD_NAMES, type LeadFieldName } from "./fields";

/** A column that is dropped: neither a field nor extra data. */
export const IGNORE = "ignore";

/** One entry per column: the lead field it fills, IGNORE, or null to keep it as extra data. */
export type Mapping = (LeadFieldName | typeof IGNORE | null)[];

export const mappingSchema = z.array(z.union([z.enum(LEAD_FIELD_NAMES as [LeadFieldName, ...LeadFieldName[]]), z.literal(IGNORE)]).nullable());

/** Columns LeadRank's own export adds: worked out again on import, so they are ignored. */
const EXPORT_COLUMNS = /^(rank|score|grade|scored with|points:.*|last activity|activities \(.*\))$/i;

/** "Company / Account" → "companyaccount": headers compare without case, spaces or punctuation. */
export function normaliseHeader(header: string): string {
  return header
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/**
 * Maps each header to the field whose alias it is (`fields`: a list like LEAD_FIELDS), or null;
 * a field is filled by its first matching column only.
 */
export function fieldsByAlias<F extends string>(fields: readonly { name: F; aliases: readonly string[] }[]): (headers: string[]) => (F | null)[] {
  const byAlias = new Map(fields.flatMap((field) => field.aliases.map((alias) => [normaliseHeader(alias), field.name] as const)));
  return (headers) => {
    const used = new Set<F>();
    return headers.map((header) => {
      const field = byAlias.get(normaliseHeader(header));
      if (!field || used.has(field)) return null;
      used.add(field);
      return field;
    });
  };
}

const leadFieldsOf = fieldsByAlias(LEAD_FIELDS);

/** The lead field each header names; LeadRank's own export columns are ignored. */
export function suggestMapping(headers: string[]): Mapping {
  const fields = leadFieldsOf(headers);
  return headers.map((header, index) => (EXPORT_COLUMNS.test(header.trim()) ? IGNORE : fields[index]));
}

/** Problems that stop an import before it starts: no email column, a field mapped twice. */
export function mappingProblems(headers: string[], mapping: Mapping): string[] {
  const problems: string[] = [];
  if (mapping.length !== headers.length) problems.push(`The mapping has ${mapping.length} entries but the file has ${headers.length} columns.`);
  if (!mapping.includes("email")) problems.push("Choose the column that holds email addresses: every lead needs one.");
  const seen = new Map<LeadFieldName, string>();
  mapping.forEach((field, index) => {
    if (!field || field === IGNORE) return;
    const label = fieldByName(field)?.label;
    if (seen.has(field)) problems.push(`Both "${seen.get(field)}" and "${headers[index]}" are mapped to ${label}; choose one.`);
    else seen.set(field, headers[index]);
  });
  return problems;
}

/**
 * What makes two headers the same column for a remembered mapping: case, spacing and
 * punctuation do not count; every letter and digit of every script does (so "Почта" and
 * "Компания", or "Q1 Revenue" and "Q2 Revenue", stay apart).
 */
export function headerIdentity(header: string): string {
  return header.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
}
