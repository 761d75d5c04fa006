import fs from "node:fs";
import path from "node:path";

/** Every page, route handler method and server action of the app, as "page /x", "GET /api/x/[id]" or "action name", with its file. */
export function routeTree(dir = "app", route = ""): { key: string; file: string }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeTree(file, /^\(.*\)$/.test(entry.name) ? route : `${route}/${entry.name}`);
    const source = fs.readFileSync(file, "utf8");
    if (entry.name === "page.tsx") return [{ key: `page ${route || "/"}`, file }];
    if (entry.name === "route.ts") {
      const methods = [...source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b|export \{ \w+ as (GET|POST|PUT|PATCH|DELETE) \}/g)];
      return methods.map((m) => ({ key: `${m[1] ?? m[2]} ${route}`, file }));
    }
    if (source.startsWith('"use server"')) return [...source.matchAll(/export async function (\w+)/g)].map((m) => ({ key: `action ${m[1]}`, file }));
    return [];
  });
}

/** The body of a server action in its file. */
export function actionSource(file: string, name: string): string {
  return fs.readFileSync(file, "utf8").split(`export async function ${name}`)[1].split(/\nexport /)[0];
}
