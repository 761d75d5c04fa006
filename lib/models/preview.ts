import { readOnlySnapshot } from "@/lib/db/bulk";
import { leadDisplayName } from "@/lib/leads/lead-name";
import { columnsRead, compileModel, storedBreakdown, storedPoints, type Grade, type ScorableLead, type ScoringModel, type StoredBreakdown } from "@/lib/scoring";
import { MIN_FOR_AUC, rocAuc, ScoreTally } from "@/lib/outcomes/stats";
import { activeVersion } from "@/lib/versions/active-version";

const BATCH = 10_000;
const SHOWN = 10;
const MOVERS = 5;

type Counts = Record<Grade, number>;
const counts = (): Counts => ({ A: 0, B: 0, C: 0, D: 0 });

export type PreviewLead = { id: string; name: string; email: string; score: number; grade: Grade; rank: number; currentScore: number; currentGrade: Grade; currentRank: number };
export type Mover = PreviewLead & { delta: number; rule: string | null };

export type Preview = {
  leads: number;
  changed: number;
  up: number;
  down: number;
  same: number;
  grades: { now: Counts; draft: Counts; moves: Record<Grade, Counts> };
  /** Leads per 10-point bucket (0–9 … 90–100), now and with the draft. */
  histogram: { bucket: string; now: number; draft: number }[];
  /** Leads per score 0…100, now and with the draft (for suggesting grade thresholds). */
  distribution: { now: number[]; draft: number[] };
  top: PreviewLead[];
  movers: { up: Mover[]; down: Mover[] };
  /** On the won and lost leads: how well each ranks them (ROC AUC, from 20 won and 20 lost). */
  outcomes: { won: number; lost: number; auc: { now: number; draft: number } | null };
};

type Row = ScorableLead & { id: string; score: number; grade: Grade; outcome: string };
type Shown = { id: string; email: string; fullName: string | null; firstName: string | null; lastName: string | null; breakdown: unknown };


/** Keeps the `size` best items seen by `better`, without holding more (memory stays flat). */
function keepBest<T>(list: T[], item: T, size: number, better: (a: T, b: T) => boolean) {
  if (list.length === size && !better(item, list[size - 1])) return;
  let i = Math.min(list.length, size - 1);
  list[i] = item;
  while (i > 0 && better(list[i], list[i - 1])) {
    [list[i - 1], list[i]] = [list[i], list[i - 1]];
    i--;
  }
}

/**
 * What publishing `definition` would do to the company's leads, compared with the active
 * version, writing nothing: every lead is scored with the draft in one read-only snapshot,
 * read through a cursor (only its score, grade and the columns the draft looks at), and only
 * tallies and the few leads shown are kept; their names and breakdowns are read at the end.
 */
export async function previewDefinition(companyId: string, definition: ScoringModel): Promise<Preview> {
  const model = compileModel(definition);
  return readOnlySnapshot(async (client) => {
    const active = (await activeVersion(companyId, client)).definition;
    const columns = new Set(["id", "score", "grade", "outcome", ...columnsRead(definition)]);
    await client.query(`DECLARE preview NO SCROLL CURSOR FOR SELECT ${[...columns].map((c) => `"${c}"`).join(", ")} FROM "Lead" WHERE "companyId" = $1`, [companyId]);

    const now = new Array<number>(101).fill(0);
    const draft = new Array<number>(101).fill(0);
    const grades = { now: counts(), draft: counts(), moves: { A: counts(), B: counts(), C: counts(), D: counts() } };
    let [leads, up, down] = [0, 0, 0];
    // Won and lost leads per score, now and with the draft.
    const closedNow = new ScoreTally();
    const closedDraft = new ScoreTally();
    type Seen = { lead: Row; score: number; grade: Grade; points: StoredBreakdown };
    const top: Seen[] = [];
    const risers: Seen[] = [];
    const fallers: Seen[] = [];
    // Ties: the higher score now, then the id (a stable order).
    const higher = (a: Seen, b: Seen) => (a.score - b.score || a.lead.score - b.lead.score || (a.lead.id < b.lead.id ? 1 : -1)) > 0;
    const delta = (seen: Seen) => seen.score - seen.lead.score;

    for (;;) {
      const { rows } = await client.query<Row>(`FETCH ${BATCH} FROM preview`);
      if (rows.length === 0) break;
      for (const lead of rows) {
        const result = model.score(lead);
        leads++;
        now[lead.score]++;
        draft[result.score]++;
        grades.now[lead.grade]++;
        grades.draft[result.grade]++;
        grades.moves[lead.grade][result.grade]++;
        if (result.score > lead.score) up++;
        else if (result.score < lead.score) down++;
        if (lead.outcome === "won" || lead.outcome === "lost") {
          closedNow.add(lead.score, lead.outcome === "won");
          closedDraft.add(result.score, lead.outcome === "won");
        }
        const seen: Seen = { lead, score: result.score, grade: result.grade, points: {} };
        if (top.length < SHOWN || higher(seen, top[top.length - 1])) keepBest(top, { ...seen, points: storedBreakdown(result.breakdown) }, SHOWN, higher);
        if (result.score > lead.score) keepBest(risers, { ...seen, points: storedBreakdown(result.breakdown) }, MOVERS, (a, b) => delta(a) > delta(b));
        if (result.score < lead.score) keepBest(fallers, { ...seen, points: storedBreakdown(result.breakdown) }, MOVERS, (a, b) => delta(a) < delta(b));
      }
    }
    await client.query("CLOSE preview");
    const ids = [...new Set([...top, ...risers, ...fallers].map((seen) => seen.lead.id))];
    const { rows: details } = await client.query<Shown>(
      `SELECT "id", "email", "fullName", "firstName", "lastName", "breakdown" FROM "Lead" WHERE "companyId" = $1 AND "id" = ANY($2::uuid[])`,
      [companyId, ids],
    );
    const detail = new Map(details.map((lead) => [lead.id, lead]));

    // A lead's rank: 1 + the leads with a higher score (ties share a rank).
    const rankIn = (histogram: number[]) => {
      const ranks = new Array<number>(101);
      for (let score = 100, above = 0; score >= 0; score--) {
        ranks[score] = above + 1;
        above += histogram[score];
      }
      return ranks;
    };
    const [rankNow, rankDraft] = [rankIn(now), rankIn(draft)];
    const shown = (seen: Seen): PreviewLead => ({
      id: seen.lead.id,
      name: leadDisplayName(detail.get(seen.lead.id)!),
      email: detail.get(seen.lead.id)!.email,
      score: seen.score,
      grade: seen.grade,
      rank: rankDraft[seen.score],
      currentScore: seen.lead.score,
      currentGrade: seen.lead.grade,
      currentRank: rankNow[seen.lead.score],
    });
    const mover = (seen: Seen): Mover => ({ ...shown(seen), delta: delta(seen), rule: movedBy(active, definition, detail.get(seen.lead.id)!.breakdown, seen.points, delta(seen)) });
    return {
      leads,
      changed: up + down,
      up,
      down,
      same: leads - up - down,
      grades,
      histogram: Array.from({ length: 10 }, (_, i) => {
        const [from, to] = [i * 10, i === 9 ? 100 : i * 10 + 9];
        const sum = (h: number[]) => h.slice(from, to + 1).reduce((a, b) => a + b, 0);
        return { bucket: `${from}–${to}`, now: sum(now), draft: sum(draft) };
      }),
      distribution: { now, draft },
      top: top.map(shown),
      movers: { up: risers.map(mover), down: fallers.map(mover) },
      outcomes: outcomesOf(closedNow, closedDraft),
    };
  });
}

/** Won and lost counts, and each model's AUC on them once there are enough (lib/outcomes). */
function outcomesOf(now: ScoreTally, draft: ScoreTally): Preview["outcomes"] {
  const enough = now.won >= MIN_FOR_AUC && now.lost >= MIN_FOR_AUC;
  return { won: now.won, lost: now.lost, auc: enough ? { now: rocAuc(now.counts())!, draft: rocAuc(draft.counts())! } : null };
}

/** The rule whose points changed the most in the direction the lead moved, by criterion id. */
function movedBy(active: ScoringModel, draft: ScoringModel, stored: unknown, points: StoredBreakdown, direction: number): string | null {
  const labels = new Map([...active.criteria, ...draft.criteria].map((c) => [c.id, c.label]));
  let best: { label: string; change: number } | null = null;
  for (const id of labels.keys()) {
    const change = storedPoints(points, id) - storedPoints(stored, id);
    if (Math.sign(change) !== Math.sign(direction) || change === 0) continue;
    if (!best || Math.abs(change) > Math.abs(best.change)) best = { label: labels.get(id)!, change };
  }
  return best ? `${best.label} (${best.change > 0 ? "+" : ""}${best.change} points)` : "the points needed for 100";
}
