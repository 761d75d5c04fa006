import { fieldsOfType } from "@/lib/csv/fields";
/** The lead fields a scoring model can read, by type (from the one list, lib/csv/fields.ts). */
export const TEXT_FIELDS = fieldsOfType("email", "text");
export const NUMBER_FIELDS = fieldsOfType("integer");
export const BOOLEAN_FIELDS = fieldsOfType("boolean");

export type TextField = (typeof TEXT_FIELDS)[number];
export type NumberField = (typeof NUMBER_FIELDS)[number];
export type BooleanField = (typeof BOOLEAN_FIELDS)[number];
export type LeadField = TextField | NumberField | BooleanField;

/** Fields worked out from the email: the part after the last `@`, and whether that is a public mailbox. */
export const DERIVED_FIELDS = { emailDomain: "text", freeEmail: "yes/no" } as const;

/** An unmapped column of the uploaded file, by its header (case-insensitive): `extra:Lead Source`. */
export type ExtraField = `extra:${string}`;
export const EXTRA_PREFIX = "extra:";

/** Any field a condition can name. */
export type FieldRef = LeadField | keyof typeof DERIVED_FIELDS | ExtraField;

/** What scoring sees of a lead: missing and empty values are null or undefined. */
export type ScorableLead = Partial<
  Record<TextField, string | null> &
    Record<NumberField, number | null> &
    Record<BooleanField, boolean | null> & { /** Unmapped columns by header (a JSON object). */ extra: unknown }
>;

/** Public mailbox providers: an address there says nothing about the lead's company. */
export const FREE_EMAIL_DOMAINS = new Set([
  "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "yahoo.fr", "yahoo.de", "ymail.com", "hotmail.com", "hotmail.co.uk",
  "hotmail.fr", "hotmail.de", "outlook.com", "live.com", "msn.com", "icloud.com", "me.com", "mac.com", "aol.com", "gmx.de",
  "gmx.net", "gmx.com", "web.de", "t-online.de", "proton.me", "protonmail.com", "pm.me", "mail.ru", "yandex.ru", "yandex.com",
  "zoho.com", "mail.com", "fastmail.com", "tutanota.com", "qq.com", "163.com", "126.com", "libero.it", "orange.fr", "free.fr",
  "laposte.net", "sapo.pt", "seznam.cz", "wp.pl", "o2.pl",
]);
