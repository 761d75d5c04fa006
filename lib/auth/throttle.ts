import { prisma } from "@/lib/db/client";

/** Failed sign-ins allowed per window before further attempts are refused. */
export const THROTTLE_LIMITS = { account: 5, ip: 30 } as const;
export const THROTTLE_WINDOW_SECONDS = 15 * 60;

export type ThrottleKeys = { email: string; ip: string };

function keysOf({ email, ip }: ThrottleKeys) {
  return [
    { key: `account:${email}`, limit: THROTTLE_LIMITS.account },
    { key: `ip:${ip}`, limit: THROTTLE_LIMITS.ip },
  ];
}

/** Seconds until sign-in may be tried again for this account or address, or 0 if allowed now. */
export async function throttleWait(keys: ThrottleKeys): Promise<number> {
  const limits = keysOf(keys);
  const rows = await prisma.$queryRaw<{ key: string; failures: number; wait: number }[]>`
    SELECT "key", "failures",
           CEIL(EXTRACT(EPOCH FROM "windowStart" + make_interval(secs => ${THROTTLE_WINDOW_SECONDS}) - now()))::int AS "wait"
    FROM "LoginThrottle"
    WHERE "key" = ANY(${limits.map((l) => l.key)}::text[])
      AND "windowStart" > now() - make_interval(secs => ${THROTTLE_WINDOW_SECONDS})`;
  let wait = 0;
  for (const row of rows) {
    const limit = limits.find((l) => l.key === row.key)!.limit;
    if (row.failures >= limit) wait = Math.max(wait, row.wait, 1);
  }
  return wait;
}

/** Counts one failed sign-in against the account and the address, atomically. */
export async function recordFailure(keys: ThrottleKeys): Promise<void> {
  await prisma.$executeRaw`
    INSERT INTO "LoginThrottle" ("key", "failures", "windowStart")
    SELECT k, 1, now() FROM unnest(${keysOf(keys).map((l) => l.key)}::text[]) AS k
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN "LoginThrottle"."windowStart" <= now() - make_interval(secs => ${THROTTLE_WINDOW_SECONDS})
                        THEN 1 ELSE "LoginThrottle"."failures" + 1 END,
      "windowStart" = CASE WHEN "LoginThrottle"."windowStart" <= now() - make_interval(secs => ${THROTTLE_WINDOW_SECONDS})
                           THEN now() ELSE "LoginThrottle"."windowStart" END`;
}

/** A successful sign-in clears the account's counter (the address keeps its own). */
export async function clearAccountFailures(email: string): Promise<void> {
  await prisma.$executeRaw`DELETE FROM "LoginThrottle" WHERE "key" = ${`account:${email}`}`;
}

export function describeWait(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

/**
 * Counts one attempt under `key` and says whether it is within `limit` per window (used for
 * password-reset requests, which must not become a way to flood an inbox).
 */
export async function withinLimit(key: string, limit: number, windowSeconds: number): Promise<boolean> {
  const [row] = await prisma.$queryRaw<{ failures: number }[]>`
    INSERT INTO "LoginThrottle" ("key", "failures", "windowStart") VALUES (${key}, 1, now())
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN "LoginThrottle"."windowStart" <= now() - make_interval(secs => ${windowSeconds}) THEN 1 ELSE "LoginThrottle"."failures" + 1 END,
      "windowStart" = CASE WHEN "LoginThrottle"."windowStart" <= now() - make_interval(secs => ${windowSeconds}) THEN now() ELSE "LoginThrottle"."windowStart" END
    RETURNING "failures"`;
  return row.failures <= limit;
}
