import { sql } from "drizzle-orm";
import type { Clock } from "../../clock.ts";
import type { DbOrTx } from "../../db/index.ts";
import { rateLimits } from "../../db/schema/index.ts";

export interface RateLimitRule {
  limit: number;
  windowSeconds: number;
}

export const RATE_LIMITS = {
  signIn: { limit: 10, windowSeconds: 15 * 60 },
  passwordReset: { limit: 5, windowSeconds: 60 * 60 },
  signUp: { limit: 20, windowSeconds: 60 * 60 },
  /** Changes through the API, per person (or per client when signed out). Reads are not limited. */
  apiWrite: { limit: 120, windowSeconds: 60 },
} satisfies Record<string, RateLimitRule>;

/**
 * Counts one attempt against a fixed window kept in the database, so every web process shares it.
 * Keys are built by the caller from what is limited (an email address, a hashed client address).
 */
export async function hitRateLimit(
  db: DbOrTx,
  clock: Clock,
  key: string,
  rule: RateLimitRule,
): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const now = clock.now();
  const windowStartCutoff = new Date(now.getTime() - rule.windowSeconds * 1000);
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart: now, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.windowStart} < ${windowStartCutoff.toISOString()}::timestamptz then 1 else ${rateLimits.count} + 1 end`,
        windowStart: sql`case when ${rateLimits.windowStart} < ${windowStartCutoff.toISOString()}::timestamptz then ${now.toISOString()}::timestamptz else ${rateLimits.windowStart} end`,
      },
    })
    .returning();
  if (!row) throw new Error("rate limit upsert returned nothing");
  const retryAfterSeconds = Math.max(
    1,
    Math.ceil((new Date(row.windowStart).getTime() + rule.windowSeconds * 1000 - now.getTime()) / 1000),
  );
  return { allowed: row.count <= rule.limit, retryAfterSeconds };
}
