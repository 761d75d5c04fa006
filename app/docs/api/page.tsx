import type { Metadata } from "next";
import Link from "next/link";
import { Logo } from "@/components/ui/logo";
import { OPERATIONS, openApiDocument } from "@/lib/api/openapi";
import { lowestRole, ROLE_LABELS } from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "API reference · LeadRank" };

const METHOD_COLOURS: Record<string, string> = {
  get: "bg-sky-100 text-sky-800",
  post: "bg-emerald-100 text-emerald-800",
  put: "bg-amber-100 text-amber-800",
  patch: "bg-amber-100 text-amber-800",
  delete: "bg-red-100 text-red-800",
};

type Doc = ReturnType<typeof openApiDocument>;
type Op = { summary: string; "x-permission"?: string; parameters: { name: string; in: string; schema: object }[]; requestBody?: { content: Record<string, { schema: object }> }; responses: Record<string, { description: string; content?: Record<string, { schema: object }> }> };

function Schema({ schema, label }: { schema: object; label: string }) {
  // A keyboard reaches it (tab, then the arrow keys scroll it): it is often wider and taller than its box.
  return <pre role="region" aria-label={label} tabIndex={0} className="mt-1 max-h-72 overflow-auto rounded-md bg-slate-900 p-3 text-xs leading-relaxed text-slate-100">{JSON.stringify(schema, null, 2)}</pre>;
}

/** A readable reference of the JSON API, rendered from the same OpenAPI document as /api/openapi.json. */
export default function ApiReferencePage() {
  const document: Doc = openApiDocument();
  const tags = [...new Set(OPERATIONS.map((o) => o.tag))];
  return (
    <div className="min-h-screen bg-slate-50">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl items-center gap-4 px-4 py-3 sm:px-6">
          <Link href="/" aria-label="LeadRank home">
            <Logo />
          </Link>
          <span className="text-sm text-slate-600">API reference</span>
          <a href="/api/openapi.json" className="ml-auto text-sm font-medium text-indigo-700 hover:underline">
            openapi.json
          </a>
        </div>
      </header>
      <main className="mx-auto max-w-5xl px-4 py-8 sm:px-6">
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">LeadRank API</h1>
        <p className="mt-2 max-w-3xl text-sm text-slate-700">{document.info.description}</p>
        <pre role="region" aria-label="Example request" tabIndex={0} className="mt-4 overflow-x-auto rounded-md bg-white p-3 text-xs ring-1 ring-slate-200">{`curl -H "Authorization: Bearer lr_…" ${"https://your-leadrank"}/api/leads?q=engineer`}</pre>
        <nav aria-label="Sections" className="mt-6 flex flex-wrap gap-2 text-sm">
          {tags.map((tag) => (
            <a key={tag} href={`#${tag.toLowerCase().replace(/\W+/g, "-")}`} className="rounded-full bg-white px-3 py-1 ring-1 ring-slate-200 hover:bg-slate-100">
              {tag}
            </a>
          ))}
        </nav>
        {tags.map((tag) => (
          <section key={tag} id={tag.toLowerCase().replace(/\W+/g, "-")} className="mt-10">
            <h2 className="text-lg font-semibold text-slate-900">{tag}</h2>
            <div className="mt-3 space-y-3">
              {OPERATIONS.filter((o) => o.tag === tag).map((o) => {
                const op = (document.paths[o.path] as Record<string, Op>)[o.method];
                return (
                  <details key={`${o.method} ${o.path}`} className="rounded-lg bg-white ring-1 ring-slate-200" data-testid="api-operation">
                    <summary className="flex cursor-pointer flex-wrap items-center gap-3 px-4 py-3">
                      <span className={`w-16 rounded px-2 py-0.5 text-center font-mono text-xs font-bold uppercase ${METHOD_COLOURS[o.method]}`}>{o.method}</span>
                      <code className="break-all text-sm text-slate-900">{o.path}</code>
                      <span className="text-sm text-slate-600">{o.summary}</span>
                      <span className="ml-auto text-xs text-slate-500">{o.permission ? (lowestRole(o.permission) === "owner" ? "owners" : `${ROLE_LABELS[lowestRole(o.permission)]}s and up`) : "public"}</span>
                    </summary>
                    <div className="space-y-4 border-t border-slate-100 px-4 py-3 text-sm">
                      {op.parameters.length ? (
                        <div>
                          <h3 className="font-medium text-slate-900">Parameters</h3>
                          <ul className="mt-1 space-y-1">
                            {op.parameters.map((p) => (
                              <li key={p.name}>
                                <code>{p.name}</code> <span className="text-slate-500">({p.in})</span> <code className="text-xs text-slate-600">{JSON.stringify(p.schema)}</code>
                              </li>
                            ))}
                          </ul>
                        </div>
                      ) : null}
                      {op.requestBody
                        ? Object.entries(op.requestBody.content).map(([type, body]) => (
                            <div key={type}>
                              <h3 className="font-medium text-slate-900">Body ({type})</h3>
                              <Schema schema={body.schema} label={`${o.method.toUpperCase()} ${o.path} body (${type})`} />
                            </div>
                          ))
                        : null}
                      <div>
                        <h3 className="font-medium text-slate-900">Responses</h3>
                        <ul className="mt-1 space-y-2">
                          {Object.entries(op.responses).map(([status, response]) => (
                            <li key={status}>
                              <code className="font-semibold">{status}</code> {response.description}
                              {response.content?.["application/json"] && !("$ref" in response.content["application/json"].schema) ? <Schema schema={response.content["application/json"].schema} label={`${o.method.toUpperCase()} ${o.path} response ${status}`} /> : null}
                            </li>
                          ))}
                        </ul>
                      </div>
                    </div>
                  </details>
                );
              })}
            </div>
          </section>
        ))}
      </main>
    </div>
  );
}
