import { z } from "zod";

const uuid = z.uuid();

/**
 * Whether a value from outside (a path, a form, a query) can be the id of a row: every id is a
 * uuid, and anything else names nothing (answered as not found, never sent to the database).
 */
export const isId = (value: unknown): boolean => uuid.safeParse(value).success;
