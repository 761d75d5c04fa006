/**
 * Control characters (NUL, tabs, line breaks, escape…) have no place in a one-line text a
 * person types: PostgreSQL cannot store NUL at all, and the others only hide in a value. They
 * are dropped from searches, names and file names before anything reads them.
 */
const CONTROL = /[\u0000-\u001f\u007f]/g;

export const withoutControlCharacters = (text: string) => text.replace(CONTROL, "");
