/** The lead fields a scoring model can read, by type. */
export const TEXT_FIELDS = [
  "email",
  "firstName",
  "lastName",
  "fullName",
  "jobTitle",
  "companyName",
  "industry",
  "location",
  "companyLocation",
  "country",
  "fundingStage",
  "externalId",
] as const;
export const NUMBER_FIELDS = ["companySize"] as const;
export const BOOLEAN_FIELDS = ["usesInVitroModels", "openToNams", "inBiotechHub", "publishedDiliPaper"] as const;

export type TextField = (typeof TEXT_FIELDS)[number];
export type NumberField = (typeof NUMBER_FIELDS)[number];
export type BooleanField = (typeof BOOLEAN_FIELDS)[number];
export type LeadField = TextField | NumberField | BooleanField;

/** What scoring sees of a lead: missing and empty values are null or undefined. */
export type ScorableLead = Partial<
  Record<TextField, string | null> & Record<NumberField, number | null> & Record<BooleanField, boolean | null>
>;
