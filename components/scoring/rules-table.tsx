import type { ScoringModel } from "@/lib/scoring";
import { describeCondition, describeGrades } from "./describe";
import { ScrollArea } from "@/components/ui/scroll-area";

/** A model's rules as a read-only table, with how points make a score and grade. */
export function RulesTable({ model }: { model: ScoringModel }) {
  return (
    <div>
      <p className="mt-1 text-sm text-slate-600">
        Score = round(100 × points ÷ {model.pointsFor100}), kept between 0 and 100. Grades: {describeGrades(model)}.
      </p>
      <ScrollArea label="Rules" className="mt-4">
        <table className="min-w-full text-sm">
          <thead className="text-left text-slate-600">
            <tr>
              <th className="py-2 pr-4 font-medium">Rule</th>
              <th className="py-2 pr-4 font-medium">When</th>
              <th className="py-2 text-right font-medium">Points</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 align-top">
            {model.criteria.flatMap((criterion) => [
              ...criterion.tiers.map((tier, i) => (
                <tr key={`${criterion.id}-${i}`}>
                  <td className="py-2 pr-4 font-medium text-slate-900">
                    {i === 0 ? criterion.label : ""}
                    {i === 0 && criterion.mode === "sum" ? (
                      <span className="block text-xs font-normal text-slate-500">every match adds{criterion.max !== undefined ? `, at most ${criterion.max}` : ""}</span>
                    ) : null}
                  </td>
                  <td className="py-2 pr-4 text-slate-700">{tier.when.map(describeCondition).join(", or ")}</td>
                  <td className="py-2 text-right text-slate-900">{tier.points}</td>
                </tr>
              )),
              ...(criterion.otherwise !== 0
                ? [
                    <tr key={`${criterion.id}-otherwise`}>
                      <td />
                      <td className="py-2 pr-4 text-slate-700">otherwise</td>
                      <td className="py-2 text-right text-slate-900">{criterion.otherwise}</td>
                    </tr>,
                  ]
                : []),
            ])}
          </tbody>
        </table>
      </ScrollArea>
    </div>
  );
}
