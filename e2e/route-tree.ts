import fs from "node:fs";
import path from "node:path";

/** Every page, route handler method and server action of the app, as "page /x", "GET /api/x/[id]" or "action name", with its file. */
export function routeTree(): { key: string; file: string }[] {
  return [...pagesAndRoutes(), ...serverActions()];
}

/** The server actions: every export of a "use server" module under lib/ (`lib/<domain>/actions.ts`). */
function serverActions(dir = "lib"): { key: string; file: string }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return serverActions(file);
    if (!/\.tsx?$/.test(entry.name) || !fs.readFileSync(file, "utf8").startsWith('"use server"')) return [];
    return [...fs.readFileSync(file, "utf8").matchAll(/^export (?:async function|const) (\w+)/gm)].map((m) => ({ key: `action ${m[1]}`, file }));
  });
}

function pagesAndRoutes(dir = "app", route = ""): { key: string; file: string }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return pagesAndRoutes(file, /^\(.*\)$/.test(entry.name) ? route : `${route}/${entry.name}`);
    const source = fs.readFileSync(file, "utf8");
    if (entry.name === "page.tsx") return [{ key: `page ${route || "/"}`, file }];
    if (entry.name === "route.ts") {
      const methods = [...source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b|export \{ \w+ as (GET|POST|PUT|PATCH|DELETE) \}/g)];
      return methods.map((m) => ({ key: `${m[1] ?? m[2]} ${route}`, file }));
    }
    if (source.startsWith('"use server"')) throw new Error(`${file}: server actions live in lib/<domain>/actions.ts`);
    return [];
  });
}

/** The definition of a server action in its file: `= tenantAction("permission", schema, …)` and what follows, to the next export. */
export function actionSource(file: string, name: string): string {
  return fs.readFileSync(file, "utf8").split(new RegExp(`export (?:async function|const) ${name}\\b`))[1].split(/\nexport /)[0];
}
