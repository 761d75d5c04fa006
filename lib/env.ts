import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseEnv } from "node:util";

/** Reads .env into process.env for the command-line scripts; variables already set win. */
export function loadDotEnv(file = ".env") {
  if (!fs.existsSync(file)) return;
  for (const [key, value] of Object.entries(parseEnv(fs.readFileSync(file, "utf8")))) {
    process.env[key] ??= value;
  }
}

export const dataDir = () => process.env.LEADRANK_DATA_DIR || ".data";

/**
 * NEXTAUTH_SECRET signs the session cookies. When it is not set, a random one is made
 * once and kept in the data folder, so sessions survive restarts with zero setup.
 */
export function ensureAuthSecret(): { generated: boolean } {
  if (process.env.NEXTAUTH_SECRET) return { generated: false };
  const file = path.join(dataDir(), "auth-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir(), { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  process.env.NEXTAUTH_SECRET = fs.readFileSync(file, "utf8").trim();
  return { generated: true };
}
