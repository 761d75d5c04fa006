type Named = { fullName: string | null; firstName: string | null; lastName: string | null; email: string };

/** The name LeadRank shows for a lead: its full name, else first and last name, else its email. */
export function leadDisplayName(lead: Named): string {
  const joined = [lead.firstName, lead.lastName].filter(Boolean).join(" ");
  return lead.fullName || joined || lead.email;
}
