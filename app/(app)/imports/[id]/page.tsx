import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ImportCounts, StatusBadge } from "@/components/imports/import-counts";
import { fileSize } from "@/components/imports/format";
import { LiveImportProgress } from "@/components/imports/import-progress";
import { UndoButton } from "@/components/imports/undo-button";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePrincipal } from "@/lib/auth/session";
import { DELIMITER_NAMES, ENCODING_NAMES, type Delimiter, type Encoding } from "@/lib/csv/detect";
import { KINDS } from "@/components/imports/kinds";
import type { ImportKind } from "@/lib/imports/schemas";
import { getImport, rejectedRows } from "@/lib/imports/imports";
import { ScrollArea } from "@/components/ui/scroll-area";

export const metadata: Metadata = { title: "Import · LeadRank" };

export default async function ImportPage({ params }: { params: Promise<{ id: string }> }) {
  const principal = await requirePrincipal();
  const { companyId } = principal;
  const { id } = await params;
  const job = await getImport(companyId, id);
  if (!job) notFound();
  const headers = job.headers as string[];
  const mapping = job.mapping as (string | null)[];
  const firstRejected = (await rejectedRows(companyId, id).next()).value?.slice(0, 20) ?? [];
  return (
    <>
      <PageHeader title={job.fileName} description={`${KINDS[job.kind as ImportKind].title} · ${fileSize(job.fileSize)} · ${
          job.sheet !== null
            ? `Excel workbook · sheet “${job.sheet}”`
            : `${job.encoding ? ENCODING_NAMES[job.encoding as Encoding] : ""} · ${job.delimiter ? DELIMITER_NAMES[job.delimiter as Delimiter] : ""}-separated`
        }`} />
      <div className="space-y-6">
        <div className="flex flex-wrap items-center gap-3">
          <StatusBadge status={job.status} />
          {can(principal, "imports:write") && job.status === "succeeded" ? <UndoButton importId={job.id} fileName={job.fileName} kind={job.kind} /> : null}
          <Link href="/imports" className="text-sm font-semibold text-indigo-700 hover:underline">
            All imports
          </Link>
        </div>
        {job.status === "queued" || job.status === "running" ? <LiveImportProgress initial={job} /> : null}
        {job.status === "failed" ? (
          <div className="space-y-2">
            <p className="text-sm text-red-700">{job.error}</p>
            <ButtonLink href="/imports">Upload a file</ButtonLink>
          </div>
        ) : (
          <ImportCounts counts={job} />
        )}

        <section>
          <h2 className="mb-2 font-semibold text-slate-900">Mapping</h2>
          <ul className="grid gap-1 text-sm sm:grid-cols-2">
            {headers.map((header, i) => (
              <li key={header} className="text-slate-700">
                <span className="font-medium text-slate-900">{header}</span> →{" "}
                {KINDS[job.kind as ImportKind].label(mapping[i])}
              </li>
            ))}
          </ul>
        </section>

        {job.rejectedCount > 0 ? (
          <section>
            <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
              <h2 className="font-semibold text-slate-900">Rejected rows</h2>
              <a className="text-sm font-semibold text-indigo-700 hover:underline" href={`/api/imports/${job.id}/rejected`} download>
                Download all {job.rejectedCount.toLocaleString("en-US")} as CSV
              </a>
            </div>
            <ScrollArea label="Rejected rows" className="rounded-lg bg-white ring-1 ring-slate-200">
              <table className="min-w-full text-sm">
                <thead className="bg-slate-50 text-left text-slate-600">
                  <tr>
                    <th className="px-4 py-2 font-medium">Row</th>
                    <th className="px-4 py-2 font-medium">Reason</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {firstRejected.map((row) => (
                    <tr key={row.row}>
                      <td className="px-4 py-2 text-slate-600">{row.row}</td>
                      <td className="px-4 py-2 text-slate-900">{row.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollArea>
          </section>
        ) : null}
      </div>
    </>
  );
}
