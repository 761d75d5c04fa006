import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The layers of the code, read from its imports (type-only imports do not count: they vanish
 * when compiled):
 * - `app/` (pages, routes) uses `components/` and `lib/`; nothing imports from `app/`.
 * - The folders of `lib/` form layers: a domain (lib/teams) may use a lower one (lib/auth,
 *   lib/db), never one that uses it back, directly or through others; lib/api (the HTTP
 *   contract, the OpenAPI document) sits above them all.
 * - A client component reaches no module that reaches the database: it may use types, pure
 *   modules (lib/scoring, lib/csv, schemas) and server actions ("use server" modules, which only
 *   send a request from the browser).
 */
type Module = { file: string; imports: string[]; useServer: boolean; useClient: boolean };

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" || entry.name === "node_modules" ? [] : sourceFiles(file);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [file] : [];
  });
}

function resolve(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/") ? specifier.slice(2) : specifier.startsWith(".") ? path.join(path.dirname(from), specifier) : null;
  if (base === null) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return path.normalize(candidate);
  return null;
}

function read(file: string): Module {
  const source = fs.readFileSync(file, "utf8");
  const imports: string[] = [];
  for (const match of source.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^;]*?\s+from\s+)?"([^"]+)";?$/gms)) {
    if (match[1]) continue;
    // `import { type A, type B } from …` is type-only too.
    if (/^import\s+\{[^}]*\}/.test(match[0]) && [...match[0].matchAll(/[{,]\s*(?!type\s)\w/g)].length === 0) continue;
    const target = resolve(file, match[2]);
    if (target) imports.push(target);
  }
  return { file, imports, useServer: source.startsWith('"use server"'), useClient: source.startsWith('"use client"') };
}

const modules = new Map([...sourceFiles("app"), ...sourceFiles("components"), ...sourceFiles("lib")].map((file) => [path.normalize(file), read(file)]));
const folderOf = (file: string) => file.split(path.sep).slice(0, 2).join("/");

describe("the layers of the code", () => {
  it("nothing imports from app/", () => {
    const fromApp = [...modules.values()].filter((m) => !m.file.startsWith("app")).flatMap((m) => m.imports.filter((i) => i.startsWith("app")).map((i) => `${m.file} → ${i}`));
    expect(fromApp).toEqual([]);
  });

  it("the folders of lib/ import each other in one direction only (no cycle, however long), and lib/api is imported by none of them", () => {
    const edges = new Set<string>();
    for (const m of modules.values()) {
      if (!m.file.startsWith("lib/") || m.file.split(path.sep).length < 3) continue;
      for (const target of m.imports) if (target.startsWith("lib/") && target.split(path.sep).length >= 3 && folderOf(target) !== folderOf(m.file)) edges.add(`${folderOf(m.file)} -> ${folderOf(target)}`);
    }
    expect([...edges].filter((edge) => edge.endsWith("-> lib/api") && !edge.startsWith("lib/api"))).toEqual([]);
    const targets = new Map<string, string[]>();
    for (const [from, to] of [...edges].map((edge) => edge.split(" -> "))) targets.set(from, [...(targets.get(from) ?? []), to]);
    // A path back to where it started, folder by folder.
    const cycleFrom = (start: string): string[] | null => {
      const seen = new Set<string>();
      const walk = (folder: string, trail: string[]): string[] | null => {
        for (const next of targets.get(folder) ?? []) {
          if (next === start) return [...trail, next];
          if (seen.has(next)) continue;
          seen.add(next);
          const found = walk(next, [...trail, next]);
          if (found) return found;
        }
        return null;
      };
      return walk(start, [start]);
    };
    const cycles = [...targets.keys()].map(cycleFrom).filter((cycle) => cycle !== null).map((cycle) => cycle.join(" -> "));
    expect(cycles).toEqual([]);
  });

  it("a client component reaches no module that reaches the database", () => {
    const database = path.normalize("lib/db/client.ts");
    const reaches = new Map<string, boolean>();
    const reachesDatabase = (file: string, trail: Set<string> = new Set()): boolean => {
      if (file === database) return true;
      if (reaches.has(file)) return reaches.get(file)!;
      if (trail.has(file)) return false;
      trail.add(file);
      const m = modules.get(file);
      const result = !!m && !m.useServer && m.imports.some((target) => reachesDatabase(target, trail));
      reaches.set(file, result);
      return result;
    };
    const clients = [...modules.values()].filter((m) => m.useClient);
    expect(clients.length).toBeGreaterThan(20);
    const leaking = clients.flatMap((m) => m.imports.filter((target) => !modules.get(target)?.useServer && reachesDatabase(target)).map((target) => `${m.file} → ${target}`));
    expect(leaking).toEqual([]);
  });
});
