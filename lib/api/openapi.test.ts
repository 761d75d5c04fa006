import fs from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { OPERATIONS, openApiDocument } from "./openapi";

/** Every route handler under app/api, as "METHOD /api/path/{param}", with the permission its source names. */
function apiRoutes(dir = "app/api", route = "/api"): { key: string; permission: string | null }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return apiRoutes(file, `${route}/${entry.name.replace(/^\[(\w+)\]$/, "{$1}")}`);
    if (entry.name !== "route.ts") return [];
    const source = fs.readFileSync(file, "utf8");
    return source.split(/(?=export (?:const|async function|function) (?:GET|POST|PUT|PATCH|DELETE)\b)/).flatMap((part) => {
      const method = part.match(/^export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/)?.[1];
      if (!method) return [];
      return [{ key: `${method} ${route}`, permission: part.match(/permission: "([\w:]+)"/)?.[1] ?? null }];
    });
  });
}

describe("the OpenAPI document", () => {
  const routes = apiRoutes().filter((r) => !r.key.includes("/api/auth/"));
  const documented = new Map(OPERATIONS.map((o) => [`${o.method.toUpperCase()} ${o.path}`, o]));

  it("has an entry for every route under app/api, and none for a route that does not exist", () => {
    expect(routes.filter((r) => !documented.has(r.key)).map((r) => r.key), "add them to lib/api/openapi.ts").toEqual([]);
    expect([...documented.keys()].filter((key) => !routes.some((r) => r.key === key))).toEqual([]);
  });

  it("names the same permission as the route enforces", () => {
    for (const route of routes) expect(documented.get(route.key)?.permission ?? null, route.key).toBe(route.permission);
  });

  it("is valid OpenAPI 3.1 whose schemas compile", () => {
    const document = openApiDocument("https://leadrank.example");
    expect(document.openapi).toBe("3.1.0");
    const ajv = addFormats(new Ajv2020({ strict: false }));
    let schemas = 0;
    for (const [route, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods as Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>)) {
        for (const response of Object.values(operation.responses)) {
          const schema = response.content?.["application/json"]?.schema;
          if (schema && !("$ref" in schema)) {
            expect(() => ajv.compile(schema), `${method} ${route}`).not.toThrow();
            schemas++;
          }
        }
      }
    }
    expect(schemas).toBeGreaterThan(30);
  });

  it("describes the token request of the issue exactly", () => {
    const post = (openApiDocument().paths["/api/tokens"] as Record<string, { requestBody: { content: Record<string, { schema: { properties: object; required: string[] } }> } }>).post;
    const schema = post.requestBody.content["application/json"].schema;
    expect(Object.keys(schema.properties)).toEqual(["name", "role", "expiresAt"]);
    expect(schema.required).toEqual(["name"]);
  });

  it("says exactly what the server takes where it used to be looser (days, from, field, definition, token name, email)", () => {
    const document = openApiDocument() as unknown as { info: { license?: { name: string } }; tags: { name: string; description?: string }[]; paths: Record<string, Record<string, any>>; components: { schemas: Record<string, any> } }; // eslint-disable-line @typescript-eslint/no-explicit-any
    const body = (path: string, method: string) => document.paths[path][method].requestBody.content["application/json"].schema;
    expect(document.paths["/api/dashboard"].get.parameters.find((p: { name: string }) => p.name === "days").schema.enum).toEqual(["7", "30", "90"]);
    const create = body("/api/models", "post");
    expect(create.anyOf[1].properties.from.enum).toEqual(["active", "b2b-saas", "lifescience-3d-invitro", "blank"]);
    expect(create.anyOf[0].properties.definition.$ref).toBe("#/components/schemas/ScoringModel");
    expect(body("/api/tokens", "post").properties.name.minLength).toBe(1);
    expect(body("/api/invitations", "post").properties.email.format).toBe("email");
    expect(document.info.license?.name).toBeTruthy();
    expect(document.tags.every((tag) => tag.description)).toBe(true);
    // No schema that takes anything: every condition's field names the fields or an extra column.
    const text = JSON.stringify(document.components.schemas.ScoringModel);
    expect(text).not.toContain("{}");
    expect(text).toContain('"pattern":"^extra:.*\\\\S"');
    const ajv = addFormats(new Ajv2020({ strict: false }));
    const valid = ajv.compile(document.components.schemas.ScoringModel);
    expect(valid({ name: "M", pointsFor100: 10, criteria: [{ label: "T", tiers: [{ points: 5, when: [{ kind: "keywords", field: "extra:Lead Source", keywords: ["web"] }] }] }] })).toBe(true);
    expect(valid({ name: "M", pointsFor100: 10, criteria: [{ label: "T", tiers: [{ points: 5, when: [{ kind: "keywords", field: "shoeSize", keywords: ["x"] }] }] }] })).toBe(false);
  });
});
