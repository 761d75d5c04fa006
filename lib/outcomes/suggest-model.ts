import { readOnlySnapshot } from "@/lib/db/bulk";
import { AppError } from "@/lib/errors";
import { activeVersion } from "@/lib/versions/active-version";
import {
  extraCell,
  compareModels,
  compileModel,
  EXTRA_PREFIX,
  FREE_EMAIL_DOMAINS,
  MODEL_LIMITS,
  normaliseValue,
  parseScoringModel,
  suggestGrades,
  type Condition,
  type ModelChange,
  type ScorableLead,
  type ScoringModel,
} from "@/lib/scoring";
import { fitLogistic, seededRandom, type Example } from "./fit";
import { rocAuc, ScoreTally } from "./stats";
import { PLAIN_FIELDS } from "@/lib/csv/fields";

/** A suggestion needs this many won and this many lost leads. */
export const MIN_FOR_SUGGESTION = 50;
const FOLDS = 5;
/** A value becomes a tier of its own when this many closed leads have it. */
const MIN_SUPPORT = 20;
const MAX_VALUES = 50;
/** Points of the strongest tier. */
const TOP_POINTS = 10;
const LOW_CARDINALITY = ["industry", "country", "location", "fundingStage"] as const;
const SIZE_BANDS: [number, number | undefined][] = [
  [1, 49],
  [50, 199],
  [200, 999],
  [1000, 4999],
  [5000, undefined],
];

type Lead = ScorableLead & { score: number; won: boolean };
/** A group of tiers that becomes one criterion: the active model's, or one proposed from the data. */
type Block = { id: string; label: string; fromModel: boolean; tiers: { when: Condition[]; feature: number }[]; matches: (lead: Lead) => number[] };

export type Suggestion = {
  /**
   * Whether the suggestion beats the active model out of sample: a mean held-out AUC at least
   * MIN_GAIN higher, and higher in at least 4 of the 5 folds. When not, `message` says so and
   * the studio offers nothing to open.
   */
  better: boolean;
  message: string;
  definition: ScoringModel;
  cv: { current: number; suggested: number; folds: { fold: number; current: number; suggested: number }[] };
  diff: ModelChange[];
  closed: { won: number; lost: number };
  /** The closed leads the fit used: all of them up to MAX_FIT_LEADS, else a sample stratified by outcome. */
  fitted: { won: number; lost: number; sampled: boolean };
};

/** The suggestion's cost stops growing with the data: it fits on at most this many closed leads. */
export const MAX_FIT_LEADS = 100_000;
/** How much better (mean held-out AUC) a suggestion must be to be offered. */
const MIN_GAIN = 0.01;

const emailDomain = (email: unknown) => (typeof email === "string" && email.includes("@") ? email.slice(email.lastIndexOf("@") + 1).toLowerCase() : null);

/** The candidate tiers: the active model's, and value sets, free email and size bands from the company's own leads. */
function candidateBlocks(active: ScoringModel, leads: Lead[], extraHeaders: string[]): Block[] {
  let next = 0;
  // Proposed criteria get ids of their own: an adopted suggestion already has "industryFit".
  const taken = new Set(active.criteria.map((criterion) => criterion.id));
  const uniqueId = (base: string) => {
    const stem = base.slice(0, MODEL_LIMITS.labelLength - 4);
    let id = stem;
    for (let n = 2; taken.has(id); n++) id = `${stem}${n}`;
    taken.add(id);
    return id;
  };
  const model = compileModel(active);
  const blocks: Block[] = active.criteria.map((criterion, c) => {
    const tiers = criterion.tiers.map((tier) => ({ when: tier.when, feature: next++ }));
    return { id: criterion.id, label: criterion.label, fromModel: true, tiers, matches: (lead) => model.score(lead).breakdown[c].tiers.map((t) => tiers[t].feature) };
  });

  const valueBlock = (field: string, label: string, read: (lead: Lead) => unknown) => {
    const counts = new Map<string, { value: string; count: number }>();
    for (const lead of leads) {
      const value = read(lead);
      if (typeof value !== "string" || !value.trim()) continue;
      const key = normaliseValue(value);
      const entry = counts.get(key) ?? { value: value.trim(), count: 0 };
      entry.count++;
      counts.set(key, entry);
    }
    if (counts.size < 2 || counts.size > MAX_VALUES) return;
    const kept = [...counts].filter(([, { value, count }]) => count >= MIN_SUPPORT && value.length <= MODEL_LIMITS.wordLength);
    if (kept.length === 0) return;
    const feature = new Map(kept.map(([key]) => [key, next++]));
    blocks.push({
      id: uniqueId(`${field.replace(/[^a-zA-Z0-9]/g, "")}Fit`),
      label: `${label.slice(0, MODEL_LIMITS.labelLength - 25)} (from your outcomes)`,
      fromModel: false,
      tiers: kept.map(([key, { value }]) => ({ when: [{ kind: "values", field, values: [value] } as Condition], feature: feature.get(key)! })),
      matches: (lead) => {
        const value = read(lead);
        const f = typeof value === "string" ? feature.get(normaliseValue(value)) : undefined;
        return f === undefined ? [] : [f];
      },
    });
  };
  const labels: Record<(typeof LOW_CARDINALITY)[number], string> = { industry: "Industry", country: "Country", location: "Location", fundingStage: "Funding stage" };
  for (const field of LOW_CARDINALITY) valueBlock(field, labels[field], (lead) => lead[field]);
  for (const header of extraHeaders.filter((h) => EXTRA_PREFIX.length + h.length <= MODEL_LIMITS.fieldLength)) {
    const key = header.toLowerCase();
    valueBlock(`${EXTRA_PREFIX}${header}`, header, (lead) => extraCell(lead.extra, key));
  }

  const free = next++;
  blocks.push({
    id: uniqueId("freeEmailFit"),
    label: "Free email address (from your outcomes)",
    fromModel: false,
    tiers: [{ when: [{ kind: "yes", field: "freeEmail" }], feature: free }],
    matches: (lead) => (FREE_EMAIL_DOMAINS.has(emailDomain(lead.email) ?? "") ? [free] : []),
  });
  const bands = SIZE_BANDS.map(([min, max]) => ({ min, max, feature: next++ }));
  blocks.push({
    id: uniqueId("companySizeFit"),
    label: "Company size (from your outcomes)",
    fromModel: false,
    tiers: bands.map(({ min, max, feature }) => ({ when: [{ kind: "range", field: "companySize", min, ...(max === undefined ? {} : { max }) } as Condition], feature })),
    matches: (lead) => {
      const size = lead.companySize;
      if (typeof size !== "number") return [];
      const band = bands.find(({ min, max }) => size >= min && (max === undefined || size <= max));
      return band ? [band.feature] : [];
    },
  });
  return blocks;
}

/** Integer points from fitted weights: the strongest tier gets TOP_POINTS; tiers rounding to 0 go. */
function toDefinition(active: ScoringModel, blocks: Block[], weights: number[], grades: (model: ScoringModel) => ScoringModel["grades"]): ScoringModel {
  const used = blocks.flatMap((block) => block.tiers.map((tier) => Math.abs(weights[tier.feature] ?? 0)));
  const scale = TOP_POINTS / Math.max(...used, 1e-9);
  const criteria = blocks.flatMap((block) => {
    const tiers = block.tiers.map((tier) => ({ when: tier.when, points: Math.round((weights[tier.feature] ?? 0) * scale) })).filter((tier) => tier.points !== 0);
    return tiers.length ? [{ id: block.id, label: block.label, mode: "first" as const, otherwise: 0, tiers }] : [];
  });
  const pointsFor100 = Math.max(1, criteria.reduce((sum, c) => sum + Math.max(0, ...c.tiers.map((t) => t.points)), 0));
  const draft = parseScoringModel({
    name: `${active.name} (suggested)`,
    description: `Suggested by LeadRank from your won and lost leads: the tiers of ${active.name} re-weighted, with tiers from your own data.`,
    pointsFor100,
    criteria: criteria.length ? criteria : active.criteria,
  });
  return { ...draft, grades: grades(draft) };
}

/** Scores from a definition's features: what the engine would give (it is the same sum). */
function scoresOf(definition: ScoringModel, leads: Lead[]): number[] {
  const model = compileModel(definition);
  return leads.map((lead) => model.score(lead).score);
}

const aucOf = (leads: Lead[], scores: number[]) => {
  const tally = new ScoreTally();
  leads.forEach((lead, i) => tally.add(scores[i], lead.won));
  return rocAuc(tally.counts()) ?? 0.5;
};

/**
 * A better model in LeadRank's own format, from the company's won and lost leads: the active
 * model's tiers and tiers proposed from the data (value sets of low-cardinality fields, free
 * email, size bands) are weighted by an L2-regularised logistic regression; a proposed group is
 * kept only when it improves the AUC on held-out leads; weights become integer points. Checked
 * by 5-fold cross-validation against the active model. Never applied: the caller shows it and
 * the user may open it as a draft.
 */
export async function suggestModel(companyId: string, { maxLeads = MAX_FIT_LEADS } = {}): Promise<Suggestion> {
  const { active, leads, extraHeaders, won, lost } = await readOnlySnapshot(async (client) => {
    const version = await activeVersion(companyId, client);
    const { rows: counts } = await client.query<{ outcome: string; n: number }>(
      `SELECT "outcome", count(*)::int AS "n" FROM "Lead" WHERE "companyId" = $1 AND "outcome" <> 'open' GROUP BY "outcome"`,
      [companyId],
    );
    const closed = { won: counts.find((c) => c.outcome === "won")?.n ?? 0, lost: counts.find((c) => c.outcome === "lost")?.n ?? 0 };
    // Past maxLeads, each outcome keeps its share: a sample fixed by the leads' ids.
    const total = closed.won + closed.lost;
    const columns = ["id", "score", "outcome", ...PLAIN_FIELDS, "extra"].map((column) => `"${column}"`).join(", ");
    const closedLeads = `SELECT ${columns} FROM "Lead" WHERE "companyId" = $1 AND "outcome" <> 'open'`;
    const { rows } = await client.query<ScorableLead & { score: number; outcome: string }>(
      total > maxLeads
        ? `SELECT ${columns} FROM (SELECT *, row_number() OVER (PARTITION BY "outcome" ORDER BY md5("id"::text)) AS "rank",
                                          count(*) OVER (PARTITION BY "outcome") AS "count" FROM (${closedLeads}) c) s
           WHERE "rank" <= "count" * $2::bigint / $3::bigint ORDER BY "id"`
        : `${closedLeads} ORDER BY "id"`,
      total > maxLeads ? [companyId, maxLeads, total] : [companyId],
    );
    const headers = new Set(rows.flatMap((row) => Object.keys((row.extra as object) ?? {})));
    return { active: version.definition, leads: rows.map((row) => ({ ...row, won: row.outcome === "won" })), extraHeaders: [...headers].slice(0, 100), ...closed };
  });
  if (won < MIN_FOR_SUGGESTION || lost < MIN_FOR_SUGGESTION) {
    throw new AppError(
      "not_enough_outcomes",
      `A suggestion needs ${MIN_FOR_SUGGESTION} won and ${MIN_FOR_SUGGESTION} lost leads; you have ${won} won and ${lost} lost.`,
      { closed: { won, lost }, needs: { won: Math.max(0, MIN_FOR_SUGGESTION - won), lost: Math.max(0, MIN_FOR_SUGGESTION - lost) } },
    );
  }

  const blocks = candidateBlocks(active, leads, extraHeaders);
  const featureCount = blocks.reduce((n, block) => n + block.tiers.length, 0);
  const features = leads.map((lead) => blocks.map((block) => block.matches(lead)));
  const random = seededRandom(7);
  const fold = leads.map(() => Math.floor(random() * FOLDS));
  const examplesOf = (rows: number[], chosen: Block[]): Example[] =>
    rows.map((i) => ({ features: chosen.flatMap((block) => features[i][blocks.indexOf(block)]), won: leads[i].won }));
  const gradesFrom = (rows: number[]) => (definition: ScoringModel) => {
    const distribution = new Array<number>(101).fill(0);
    for (const score of scoresOf(definition, rows.map((i) => leads[i]))) distribution[score]++;
    return suggestGrades(distribution, { A: 10, B: 20, C: 30, D: 40 });
  };
  const fitOn = (rows: number[], chosen: Block[]) => {
    const { weights } = fitLogistic(examplesOf(rows, chosen), featureCount, { lambda: 1 });
    return toDefinition(active, chosen, weights, gradesFrom(rows));
  };
  const heldOutAuc = (definition: ScoringModel, rows: number[]) => {
    const held = rows.map((i) => leads[i]);
    return aucOf(held, scoresOf(definition, held));
  };
  const all = leads.map((_, i) => i);
  const inFold = (f: number) => all.filter((i) => fold[i] === f);
  const outOfFold = (f: number) => all.filter((i) => fold[i] !== f);

  // Which groups of proposed tiers help: each is added if it raises the AUC of the first fold.
  let chosen = blocks.filter((block) => block.fromModel);
  let best = heldOutAuc(fitOn(outOfFold(0), chosen), inFold(0));
  for (const block of blocks.filter((b) => !b.fromModel)) {
    const auc = heldOutAuc(fitOn(outOfFold(0), [...chosen, block]), inFold(0));
    if (auc > best + 0.002) {
      chosen = [...chosen, block];
      best = auc;
    }
  }

  const folds = Array.from({ length: FOLDS }, (_, f) => {
    const held = inFold(f).map((i) => leads[i]);
    return { fold: f + 1, current: aucOf(held, held.map((lead) => lead.score)), suggested: heldOutAuc(fitOn(outOfFold(f), chosen), inFold(f)) };
  });
  const mean = (key: "current" | "suggested") => folds.reduce((sum, f) => sum + f[key], 0) / FOLDS;
  const definition = fitOn(all, chosen);
  const better = mean("suggested") >= mean("current") + MIN_GAIN && folds.filter((f) => f.suggested > f.current).length >= FOLDS - 1;
  const fittedWon = leads.filter((lead) => lead.won).length;
  return {
    better,
    message: better
      ? `On leads it was not fitted on, the suggestion ranks won above lost leads better than ${active.name} (AUC ${mean("suggested").toFixed(2)} against ${mean("current").toFixed(2)}).`
      : `Your outcomes do not show a better model yet: on leads it was not fitted on, the suggestion is not clearly better than ${active.name} (AUC ${mean("suggested").toFixed(2)} against ${mean("current").toFixed(2)}).`,
    definition,
    cv: { current: mean("current"), suggested: mean("suggested"), folds },
    diff: compareModels(active, definition),
    closed: { won, lost },
    fitted: { won: fittedWon, lost: leads.length - fittedWon, sampled: leads.length < won + lost },
  };
}
