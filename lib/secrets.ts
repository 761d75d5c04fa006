import { createHash, randomBytes } from "node:crypto";

/**
 * A secret for a link or a token: 32 random bytes, base64url. Only its SHA-256 is stored, so a
 * copy of the database opens nothing; a plain hash is enough for 256 random bits.
 */
export function newSecret(prefix = ""): { secret: string; hash: string } {
  const secret = prefix + randomBytes(32).toString("base64url");
  return { secret, hash: hashSecret(secret) };
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
