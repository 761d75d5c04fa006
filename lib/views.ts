import { z } from "zod";

/** The parts every answer's schema is made of: a row's id, a moment as the API writes it. */
export const id = z.uuid();
export const isoDate = z.string().describe("ISO 8601 date-time");
