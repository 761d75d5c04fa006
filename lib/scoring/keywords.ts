/**
 * Whole-word keyword matching in time linear in the text, whatever keywords a model holds.
 *
 * A keyword matches as whole words, ignoring case: "Director" does not contain "CTO",
 * "Headhunter" is not "Head". A space in a keyword also matches a dash ("in vitro" finds
 * "In-Vitro"), and `*` stands for any words in between ("Chief * Officer").
 *
 * Why not one regular expression: `*` written as `.*` puts several unbounded quantifiers in a
 * row, and a backtracking engine tries every way to split the text between them (a title of
 * 200 words against `a * a * a * a * b` took 41 s). Here each part between the stars is a
 * regular expression without nested or adjacent quantifiers (its only quantifier, the
 * separator, is always followed by a letter it cannot contain), and the parts are found one
 * after the other, each from where the previous one ended: taking the earliest place of each
 * part never loses a match, so a keyword costs one pass over the text.
 *
 * Keywords and text are compared in Unicode NFC, so "Mu\u0308ller" typed decomposed finds
 * "Müller" stored precomposed.
 */

const WORD = "[\\p{L}\\p{N}]";
const NOT_WORD = "[^\\p{L}\\p{N}]";
const SEPARATOR = "[\\s-]+";

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * One part of a keyword as a regular expression: its words joined by separators. Dashes
 * next to a space belong to the separator ("Co - founder" reads as "Co founder"), so a
 * separator is never followed by a character it could also have taken.
 */
const partSource = (part: string) => part.split(/[\s-]*\s[\s-]*/).map(escape).join(SEPARATOR);

/** The parts of a keyword between its stars, trimmed, empty ones left out. */
export const keywordParts = (keyword: string): string[] =>
  keyword
    .normalize("NFC")
    .split("*")
    .map((part) => part.trim())
    .filter((part) => part.length > 0);

/** Finds one keyword with stars: each part in turn, each after the one before. */
function wildcardFinder(parts: string[]): (text: string) => { start: number; end: number } | null {
  const last = parts.length - 1;
  const patterns = parts.map((part, index) => {
    const before = index === 0 ? `(?<!${WORD})` : `(?<=${NOT_WORD})`;
    const after = index === last ? `(?!${WORD})` : `(?=${NOT_WORD})`;
    return new RegExp(`${before}${partSource(part)}${after}`, "giu");
  });
  return (text) => {
    let start = -1;
    let from = 0;
    for (const pattern of patterns) {
      pattern.lastIndex = from;
      const found = pattern.exec(text);
      if (!found) return null;
      if (start < 0) start = found.index;
      // The next part starts after at least one character that is not a letter or digit.
      from = found.index + found[0].length + 1;
    }
    return { start, end: from - 1 };
  };
}

/**
 * A matcher for a list of keywords: the text of the first match found (the leftmost one of
 * the keywords without stars, else the leftmost of those with stars), or null.
 */
export function keywordMatcher(keywords: readonly string[]): (text: string) => string | null {
  const plain: string[] = [];
  const starred: ((text: string) => { start: number; end: number } | null)[] = [];
  for (const keyword of keywords) {
    const parts = keywordParts(keyword);
    if (parts.length === 0) continue;
    if (parts.length === 1) plain.push(partSource(parts[0]));
    else starred.push(wildcardFinder(parts));
  }
  const plainPattern = plain.length ? new RegExp(`(?<!${WORD})(?:${plain.join("|")})(?!${WORD})`, "iu") : null;
  return (raw) => {
    const text = raw.normalize("NFC");
    const found = plainPattern?.exec(text);
    if (found) return found[0];
    let best: { start: number; end: number } | null = null;
    for (const find of starred) {
      const match = find(text);
      if (match && (!best || match.start < best.start)) best = match;
    }
    return best ? text.slice(best.start, best.end) : null;
  };
}
