/** Dates as LeadRank shows them, in UTC so that the server's render and the browser's agree. */

/** "2 Dec 2026". */
export const day = (value: string | Date) => new Date(value).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** "2 Dec 2026, 09:22 UTC". */
export const dateTime = (value: string | Date) => new Date(value).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";

/** "today", "yesterday", "5 days ago", "3 months ago": how long ago, in whole UTC days from `now`. */
export function ago(value: string | Date, now = new Date()): string {
  const days = Math.floor((Date.parse(now.toISOString().slice(0, 10)) - Date.parse(new Date(value).toISOString().slice(0, 10))) / 86_400_000);
  if (days <= 0) return "today";
  if (days === 1) return "yesterday";
  if (days < 60) return `${days} days ago`;
  if (days < 730) return `${Math.floor(days / 30)} months ago`;
  return `${Math.floor(days / 365)} years ago`;
}
