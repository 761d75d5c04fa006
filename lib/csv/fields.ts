/**
 * The lead fields a CSV column can be mapped to, with the headers recognised for each.
 * Headers are compared without case, spaces or punctuation ("E-mail" = "email"). The one list
 * of a lead's fields: what scoring reads (lib/scoring/lead.ts), what an import parses
 * (lib/csv/validate.ts) and writes (lib/imports/write-batches.ts) follow from it.
 */
export const LEAD_FIELDS = [
  { name: "email", label: "Email", type: "email", aliases: ["Email", "E-mail", "Email Address", "Work Email", "Business Email", "Mail"] },
  { name: "firstName", label: "First name", type: "text", aliases: ["First Name", "Firstname", "Given Name", "Forename"] },
  { name: "lastName", label: "Last name", type: "text", aliases: ["Last Name", "Lastname", "Surname", "Family Name"] },
  { name: "fullName", label: "Full name", type: "text", aliases: ["Name", "Full Name", "Contact Name", "Contact", "Lead Name"] },
  { name: "jobTitle", label: "Job title", type: "text", aliases: ["Job Title", "Title", "Position", "Role", "Job Role"] },
  {
    name: "companyName",
    label: "Company",
    type: "text",
    aliases: ["Company", "Company Name", "Account Name", "Account", "Organization", "Organisation", "Company / Account", "Employer"],
  },
  { name: "industry", label: "Industry", type: "text", aliases: ["Industry", "Sector", "Vertical"] },
  {
    name: "companySize",
    label: "Company size",
    type: "integer",
    aliases: ["Company Size", "Employees", "Number of Employees", "No. of Employees", "Employee Count", "Headcount", "Size"],
  },
  { name: "location", label: "Location", type: "text", aliases: ["Location", "City", "Person Location", "Contact Location"] },
  {
    name: "companyLocation",
    label: "Company HQ",
    type: "text",
    aliases: ["Company HQ", "HQ", "HQ Location", "Company Location", "Headquarters"],
  },
  { name: "country", label: "Country", type: "text", aliases: ["Country", "Country/Region", "Country Region"] },
  { name: "fundingStage", label: "Funding stage", type: "text", aliases: ["Funding Stage", "Funding", "Funding Round", "Stage"] },
  { name: "usesInVitroModels", label: "Uses in-vitro models", type: "boolean", aliases: ["Uses In-Vitro Models", "Uses In Vitro Models", "In-Vitro"] },
  { name: "openToNams", label: "Open to NAMs", type: "boolean", aliases: ["Open To NAMs", "Open to New Approach Methodologies"] },
  { name: "inBiotechHub", label: "In biotech hub", type: "boolean", aliases: ["In Biotech Hub", "Biotech Hub"] },
  {
    name: "publishedDiliPaper",
    label: "Published DILI paper",
    type: "boolean",
    aliases: ["Published DILI Paper (last 2y)", "Published DILI Paper", "DILI Paper"],
  },
  { name: "externalId", label: "External ID", type: "text", aliases: ["Lead ID", "ID", "Record ID", "Contact ID", "External ID"] },
  {
    name: "outcome",
    label: "Outcome",
    type: "outcome",
    aliases: ["Outcome", "Lifecycle Stage", "Lead Status", "Status", "Deal Stage", "Converted", "Closed Won"],
  },
  {
    name: "submittedAt",
    label: "Submitted at",
    type: "date",
    aliases: ["Created Date", "Create Date", "Created At", "Created", "Submitted At", "Date Added", "Created Time"],
  },
] as const;

export type LeadFieldName = (typeof LEAD_FIELDS)[number]["name"];
export type LeadFieldType = (typeof LEAD_FIELDS)[number]["type"];

export const LEAD_FIELD_NAMES = LEAD_FIELDS.map((field) => field.name) as LeadFieldName[];

/** The names of the fields of one type, in LEAD_FIELDS' order. */
export type FieldsOfType<T extends LeadFieldType> = Extract<(typeof LEAD_FIELDS)[number], { type: T }>["name"];
export function fieldsOfType<T extends LeadFieldType>(...types: T[]): FieldsOfType<T>[] {
  return LEAD_FIELDS.filter((field) => (types as LeadFieldType[]).includes(field.type)).map((field) => field.name) as FieldsOfType<T>[];
}

/**
 * The plain columns of a lead, as the Lead table stores them, in LEAD_FIELDS' order: every
 * field but the outcome and the submission date, which an import fills in with the rules of
 * its own (a lead keeps its outcome when the file has none; the import's date when it has no date).
 */
export const PLAIN_FIELDS = fieldsOfType("email", "text", "integer", "boolean");

export function fieldByName(name: string | null) {
  return LEAD_FIELDS.find((field) => field.name === name);
}
