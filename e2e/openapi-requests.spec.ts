import { generateSync } from "json-schema-faker";
import { expect, test } from "./test";
import { importCsv, signUp } from "./helpers";

/**
 * Requests generated from the OpenAPI document the server serves: for every operation, bodies,
 * query strings and path ids made from its schemas (valid per the document, random within it).
 * The server may refuse them for what a schema cannot say (404 for an id of nothing, 409 for a
 * state, 429 for a limit) but never with 400 or 422, which would mean the document promised more
 * than the server takes, and never with 5xx.
 */
type Schema = Record<string, unknown>;
type Parameter = { name: string; in: "path" | "query"; required?: boolean; schema: Schema };
type Operation = { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } };
type Document = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

const SAMPLES = 6;
const CSV = "Email,Full Name,Job Title,Company Size,Industry,Outcome\nana@acme.example,Ana Lopes,CTO,300,Software,won\nbo@acme.example,Bo Chen,Engineer,40,Retail,lost\n";
/** Enough won and lost leads for a suggested model. */
const OUTCOMES_CSV = ["Email,Job Title,Company Size,Outcome", ...Array.from({ length: 120 }, (_, i) => `lead${i}@fuzz.example,${i % 3 ? "CTO" : "Intern"},${(i * 37) % 900},${i % 2 ? "won" : "lost"}`)].join("\n");

/**
 * What JSON Schema cannot say about a body, made true the way a client reading the document's
 * descriptions would: grade thresholds fall from A to B to C, engagement bands from 1 to 2 to 3,
 * an engagement rule's points are not 0 and its max has their sign.
 */
function withCrossFieldRules(body: unknown): unknown {
  if (Array.isArray(body)) return body.map(withCrossFieldRules);
  if (!body || typeof body !== "object") return body;
  const out = Object.fromEntries(Object.entries(body).map(([key, value]) => [key, withCrossFieldRules(value)]));
  const grades = out.grades as Record<string, number> | undefined;
  if (grades && typeof grades.A === "number") {
    const [A, B, C] = [...new Set([grades.A, grades.B, grades.C, 1, 2, 3])].sort((a, b) => b - a);
    out.grades = { A, B, C };
  }
  const bands = out.bands as Record<string, number> | undefined;
  if (bands && typeof bands["1"] === "number") {
    const [one, two, three] = [...new Set([bands["1"], bands["2"], bands["3"], 1, 2, 3])].sort((a, b) => b - a);
    out.bands = { 1: one, 2: two, 3: three };
  }
  if (typeof out.points === "number" && out.activity !== undefined) {
    if (out.points === 0) out.points = 1;
    if (typeof out.max === "number") out.max = Math.sign(out.points as number) * Math.max(1, Math.abs(out.max));
  }
  return out;
}

/** The schema with every `$ref` to a component replaced by the component itself. */
function inline(schema: unknown, components: Document["components"]): unknown {
  if (Array.isArray(schema)) return schema.map((item) => inline(item, components));
  if (!schema || typeof schema !== "object") return schema;
  const ref = (schema as { $ref?: string }).$ref;
  if (ref) return inline(components.schemas[ref.replace("#/components/schemas/", "")], components);
  return Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, inline(value, components)]));
}

test("every request the OpenAPI document allows is taken: no 400, 422 or 5xx", async ({ page }) => {
  test.setTimeout(240_000);
  await signUp(page);
  const api = page.request;
  const document = (await (await api.get("/api/openapi.json")).json()) as Document;

  // Real ids, so that the bodies reach validation beyond "not found".
  await importCsv(page, "outcomes.csv", OUTCOMES_CSV);
  const importId = await importCsv(page, "fuzz.csv", CSV);
  const { leads } = await (await api.get("/api/leads")).json();
  const { models } = await (await api.get("/api/models")).json();
  const { members } = await (await api.get("/api/members")).json();
  const { invitation } = await (await api.post("/api/invitations", { data: { email: "invitee@acme.example", role: "viewer" } })).json();
  const { token } = await (await api.post("/api/tokens", { data: { name: "to revoke" } })).json();
  const { model } = await (await api.get(`/api/models/${models[0].id}`)).json();
  expect((await api.put(`/api/models/${model.id}/draft`, { data: { definition: model.versions.at(-1).definition } })).status()).toBe(200);
  const published = await api.post(`/api/models/${model.id}/publish`, { data: {} });
  expect(published.status(), await published.text()).toBe(202);
  const scoringJobId: string = (await published.json()).job.id;
  const ids: Record<string, string | undefined> = {
    "/api/leads": leads[0].id,
    "/api/imports": importId,
    "/api/models": models[0].id,
    "/api/members": members[0].id,
    "/api/invitations": invitation.id,
    "/api/tokens": token.id,
    "/api/scoring-jobs": scoringJobId,
  };

  // Reads first, then changes, removals last: a removal's target stays for the requests before it.
  const rank = (method: string) => ["get", "patch", "put", "post", "delete"].indexOf(method);
  const operations = Object.entries(document.paths)
    .flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ path, method, operation })))
    .sort((a, b) => rank(a.method) - rank(b.method));

  const refused: string[] = [];
  let sent = 0;
  for (const { path, method, operation } of operations) {
    for (let sample = 0; sample < SAMPLES; sample++) {
      const seed = sample + 1;
      const fake = (schema: Schema) =>
        withCrossFieldRules(
          generateSync(inline(schema, document.components) as Schema, {
            seed,
            maxItems: 3,
            maxDepth: 10,
            optionalsProbability: 0.5,
            // Dates a client would send: an expiry is in the future.
            minDateTime: new Date(Date.now() + 86_400_000).toISOString(),
            maxDateTime: new Date(Date.now() + 300 * 86_400_000).toISOString(),
          }),
        );
      const params = operation.parameters ?? [];
      // Half the samples use a real id, half one the document allows (a uuid of nothing).
      const url =
        path.replace(/\{(\w+)\}/g, (_, name: string) => {
          const real = ids[path.split("/{")[0]];
          return encodeURIComponent(String(sample % 2 === 0 && real ? real : fake(params.find((p) => p.name === name)!.schema)));
        }) +
        (() => {
          const query = new URLSearchParams();
          for (const param of params.filter((p) => p.in === "query")) {
            if (param.required || (seed * 7 + param.name.length) % 2 === 0) query.set(param.name, String(fake(param.schema)));
          }
          return query.size ? `?${query}` : "";
        })();
      const content = operation.requestBody?.content ?? {};
      let options: Parameters<typeof api.fetch>[1] = { method: method.toUpperCase() };
      let body = "";
      if (content["application/json"]) {
        const data = fake(content["application/json"].schema);
        body = JSON.stringify(data);
        options = { ...options, data: data as object };
      } else if (content["multipart/form-data"]) {
        // A field of JSON text is generated from the schema of what it holds (its contentSchema)
        // and sent as text. A mapping depends on the file's columns, which no schema can say: left out.
        const schema = content["multipart/form-data"].schema as { properties: Record<string, Schema & { contentSchema?: Schema }> };
        const properties = Object.fromEntries(Object.entries(schema.properties).filter(([name]) => name !== "mapping").map(([name, field]) => [name, field.contentSchema ?? field]));
        const fields = fake({ ...schema, properties } as Schema) as Record<string, unknown>;
        // A file's bytes are not something a schema can describe: every upload is a real CSV.
        const multipart = Object.fromEntries(
          Object.entries(fields).map(([name, value]) => [name, name === "file" ? { name: "fuzz.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) } : typeof value === "string" ? value : JSON.stringify(value)]),
        );
        multipart.file ??= { name: "fuzz.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) };
        body = JSON.stringify({ ...multipart, file: "fuzz.csv" });
        options = { ...options, multipart: multipart as never };
      }
      const response = await api.fetch(url, options);
      sent++;
      if (response.status() === 400 || response.status() === 422 || response.status() >= 500) {
        refused.push(`${method.toUpperCase()} ${url} ${body.slice(0, 300)} → ${response.status()} ${(await response.text()).slice(0, 300)}`);
      }
    }
  }
  expect(sent).toBeGreaterThan(operations.length * (SAMPLES - 1));
  expect(refused, refused.join("\n")).toEqual([]);
});
