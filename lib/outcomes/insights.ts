import { readOnlySnapshot } from "@/lib/db/bulk";
import { activeVersion } from "@/lib/versions/active-version";
import { checkScoringModel, columnsRead, compileModel, GRADES, type Condition, type Grade, type ScorableLead, type ScoringModel } from "@/lib/scoring";
import { aucInterval, lift, MIN_FOR_AUC, rocAuc, scoreDeciles, ScoreTally, winRate, type Rate } from "./stats";

export { MIN_FOR_AUC };

const BATCH = 10_000;

type Tally = { won: number; lost: number };
const tally = (): Tally => ({ won: 0, lost: 0 });

export type TierRate = Rate & { tier: number | null; points: number; when: Condition[] };
export type Insights = {
  model: { label: string };
  closed: { won: number; lost: number };
  /** How many more won and lost leads the AUC needs (0 and 0 once it is shown). */
  needs: { won: number; lost: number };
  auc: { value: number; low: number; high: number } | null;
  byGrade: Record<Grade, Rate>;
  /** Win rate of each tenth of the closed leads by score, best first (ties at a cut shared in proportion). */
  deciles: (Rate & { decile: number; minScore: number; maxScore: number })[];
  /** Win rate per band of 10 points (0–9 … 90–100). */
  bands: (Rate & { bucket: string })[];
  /** Win rate of the best-scored 20% of closed leads ÷ the win rate of all. */
  lift: number | null;
  criteria: { id: string; label: string; tiers: TierRate[] }[];
  /** The active model's draft measured on the same closed leads, when there is one. */
  draft: { label: string; auc: Insights["auc"]; byGrade: Record<Grade, Rate> } | null;
};

function aucOf(tally: ScoreTally): Insights["auc"] {
  if (tally.won < MIN_FOR_AUC || tally.lost < MIN_FOR_AUC) return null;
  const value = rocAuc(tally.counts())!;
  const { low, high } = aucInterval(value, tally.won, tally.lost);
  return { value, low, high };
}
const gradeRates = (grades: Record<Grade, Tally>) => Object.fromEntries(GRADES.map((g) => [g, winRate(grades[g].won, grades[g].lost)])) as Record<Grade, Rate>;

/**
 * How well the active model's score predicts the company's closed leads (won or lost): win
 * rate per grade and per 10-point band with 95% Wilson intervals, ROC AUC with its
 * Hanley–McNeil interval (from MIN_FOR_AUC won and lost), the lift of the top 20%, the win
 * rate of each rule's tiers, and the same measures for the model's draft. One read-only
 * snapshot; the closed leads are read through a cursor and scored in memory-flat batches.
 */
export async function getInsights(companyId: string): Promise<Insights> {
  return readOnlySnapshot(async (client) => {
    const active = await activeVersion(companyId, client);
    const { rows: drafts } = await client.query<{ draft: unknown }>(`SELECT "draft" FROM "ScoringModel" WHERE "id" = $1 AND "companyId" = $2`, [active.modelId, companyId]);
    const checkedDraft = drafts[0]?.draft ? checkScoringModel(drafts[0].draft) : null;
    const draft: ScoringModel | null = checkedDraft?.ok ? checkedDraft.model : null;

    const model = compileModel(active.definition);
    const draftModel = draft ? compileModel(draft) : null;
    const tiers = active.definition.criteria.map((criterion) => ({ tiers: criterion.tiers.map(tally), none: tally() }));
    const scores = new ScoreTally();
    const draftScores = new ScoreTally();
    const grades = { A: tally(), B: tally(), C: tally(), D: tally() };
    const draftGrades = { A: tally(), B: tally(), C: tally(), D: tally() };

    // Stored scores and grades are the active version's; only the tiers need the leads' fields.
    const columns = new Set(["score", "grade", "outcome", ...columnsRead(active.definition), ...(draft ? columnsRead(draft) : [])]);
    await client.query(`DECLARE closed NO SCROLL CURSOR FOR SELECT ${[...columns].map((c) => `"${c}"`).join(", ")} FROM "Lead" WHERE "companyId" = $1 AND "outcome" <> 'open'`, [companyId]);
    for (;;) {
      const { rows } = await client.query<ScorableLead & { score: number; grade: Grade; outcome: "won" | "lost" }>(`FETCH ${BATCH} FROM closed`);
      if (rows.length === 0) break;
      for (const lead of rows) {
        const key = lead.outcome;
        scores.add(lead.score, key === "won");
        grades[lead.grade][key]++;
        model.score(lead).breakdown.forEach((entry, c) => {
          if (entry.tiers.length === 0) tiers[c].none[key]++;
          for (const tier of entry.tiers) tiers[c].tiers[tier][key]++;
        });
        if (draftModel) {
          const result = draftModel.score(lead);
          draftScores.add(result.score, key === "won");
          draftGrades[result.grade][key]++;
        }
      }
    }
    await client.query("CLOSE closed");

    const { won, lost } = scores;
    const counts = scores.counts();
    return {
      model: { label: active.label },
      closed: { won, lost },
      needs: { won: Math.max(0, MIN_FOR_AUC - won), lost: Math.max(0, MIN_FOR_AUC - lost) },
      auc: aucOf(scores),
      byGrade: gradeRates(grades),
      deciles: scoreDeciles(counts).map(({ won, lost, ...decile }) => ({ ...decile, ...winRate(won, lost) })),
      bands: Array.from({ length: 10 }, (_, i) => {
        const [from, to] = [i * 10, i === 9 ? 100 : i * 10 + 9];
        const band = counts.filter((c) => c.score >= from && c.score <= to);
        return { bucket: `${from}–${to}`, ...winRate(band.reduce((s, c) => s + c.won, 0), band.reduce((s, c) => s + c.lost, 0)) };
      }),
      lift: lift(counts),
      criteria: active.definition.criteria.map((criterion, c) => ({
        id: criterion.id,
        label: criterion.label,
        tiers: [
          ...criterion.tiers.map((tier, t) => ({ tier: t, points: tier.points, when: tier.when, ...winRate(tiers[c].tiers[t].won, tiers[c].tiers[t].lost) })),
          { tier: null, points: criterion.otherwise, when: [], ...winRate(tiers[c].none.won, tiers[c].none.lost) },
        ],
      })),
      draft: draft ? { label: `${draft.name} (draft)`, auc: aucOf(draftScores), byGrade: gradeRates(draftGrades) } : null,
    };
  });
}
