/** Dates as LeadRank shows them, in UTC so that the server's render and the browser's agree. */

/** "2 Dec 2026". */
export const day = (value: string | Date) => new Date(value).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** "2 Dec 2026, 09:22 UTC". */
export const dateTime = (value: string | Date) => new Date(value).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";
