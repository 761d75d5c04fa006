import Link from "next/link";
import type { ActivityView } from "@/lib/activities/activities";

type Props = {
  leadId: string;
  activities: ActivityView[];
  types: { type: string; activities: number }[];
  page: number;
  hasMore: boolean;
  /** The type the timeline is filtered by, if any. */
  type: string | undefined;
};

const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/** A web address shown as a link; anything else (javascript:, data:, mailto:…) stays plain text. */
function Detail({ text }: { text: string }) {
  let url: URL | null = null;
  try {
    url = new URL(text);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) return <span className="break-words text-slate-700">{text}</span>;
  return (
    <a href={url.href} target="_blank" rel="noopener noreferrer" className="break-all text-indigo-700 underline underline-offset-2 hover:text-indigo-900">
      {text}
    </a>
  );
}

/** The lead's activities, newest first, 50 a page, with its counts per type as filters. */
export function ActivityTimeline({ leadId, activities, types, page, hasMore, type }: Props) {
  const href = (next: { page?: number; type?: string }) => {
    const params = new URLSearchParams();
    if (next.type) params.set("activityType", next.type);
    if (next.page && next.page > 1) params.set("activityPage", String(next.page));
    const query = params.toString();
    return `/leads/${leadId}${query ? `?${query}` : ""}#activity`;
  };
  const total = types.reduce((sum, t) => sum + t.activities, 0);
  const chip = (active: boolean) =>
    `rounded-full px-3 py-1 text-xs font-medium ring-1 ${active ? "bg-indigo-600 text-white ring-indigo-600" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"}`;
  return (
    <section id="activity" className="mt-6 rounded-lg bg-white p-5 ring-1 ring-slate-200" data-testid="activity">
      <h2 className="mb-3 font-semibold text-slate-900">Activity</h2>
      {total === 0 ? (
        <p className="text-sm text-slate-600">
          No activity of this lead yet. Clicks, visits, form fills and meetings sent through the API (<code>POST /api/activities</code>, see the{" "}
          <Link href="/docs/api" className="text-indigo-700 underline underline-offset-2 hover:text-indigo-900">
            API reference
          </Link>
          ) show here, even those that arrived before the lead.
        </p>
      ) : (
        <>
          <nav aria-label="Activity types" className="mb-4 flex flex-wrap gap-2" data-testid="activity-types">
            <Link href={href({})} className={chip(!type)} aria-current={!type ? "true" : undefined}>
              All · {total.toLocaleString("en-US")}
            </Link>
            {types.map((t) => (
              <Link key={t.type} href={href({ type: t.type })} className={chip(type?.toLowerCase() === t.type.toLowerCase())} aria-current={type?.toLowerCase() === t.type.toLowerCase() ? "true" : undefined}>
                {t.type} · {t.activities.toLocaleString("en-US")}
              </Link>
            ))}
          </nav>
          <ol className="divide-y divide-slate-100" data-testid="activity-list">
            {activities.map((activity) => (
              <li key={activity.id} className="flex flex-col gap-1 py-2 text-sm sm:flex-row sm:gap-4">
                <time dateTime={activity.occurredAt} className="shrink-0 text-slate-500 tabular-nums sm:w-40">
                  {when(activity.occurredAt)}
                </time>
                <div className="min-w-0">
                  <span className="font-medium text-slate-900">{activity.type}</span>
                  {activity.detail ? (
                    <>
                      {" · "}
                      <Detail text={activity.detail} />
                    </>
                  ) : null}
                  {activity.source ? <span className="text-slate-500"> · {activity.source}</span> : null}
                </div>
              </li>
            ))}
          </ol>
          {activities.length === 0 ? <p className="text-sm text-slate-600">No activity of this type on this page.</p> : null}
          {page > 1 || hasMore ? (
            <nav aria-label="Activity pages" className="mt-3 flex items-center gap-4 text-sm">
              {page > 1 ? (
                <Link href={href({ type, page: page - 1 })} className="text-indigo-700 underline underline-offset-2 hover:text-indigo-900">
                  ← Newer
                </Link>
              ) : null}
              <span className="text-slate-500">Page {page}</span>
              {hasMore ? (
                <Link href={href({ type, page: page + 1 })} className="text-indigo-700 underline underline-offset-2 hover:text-indigo-900">
                  Older →
                </Link>
              ) : null}
            </nav>
          ) : null}
        </>
      )}
    </section>
  );
}
