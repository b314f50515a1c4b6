import { and, desc, eq, gt, isNull, or } from "drizzle-orm";
import type { Clock } from "../../clock.ts";
import type { DbOrTx } from "../../db/index.ts";
import { type ApiScope, apiTokens, users } from "../../db/schema/index.ts";
import { type SessionUser, toSessionUser } from "./accounts.service.ts";
import { randomToken, sha256 } from "./crypto.ts";

const TOKEN_PREFIX = "circ_";

export interface ApiTokenSummary {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
}

/** Returns the token in clear exactly once; only its hash is kept. */
export async function createApiToken(
  db: DbOrTx,
  userId: string,
  name: string,
  scopes: ApiScope[],
  expiresAt: Date | null = null,
): Promise<{ token: string; summary: ApiTokenSummary }> {
  const token = `${TOKEN_PREFIX}${randomToken(30)}`;
  const [row] = await db
    .insert(apiTokens)
    .values({ userId, name, scopes, prefix: token.slice(0, 12), tokenHash: sha256(token), expiresAt })
    .returning();
  if (!row) throw new Error("token insert returned nothing");
  return { token, summary: summarize(row) };
}

function summarize(row: typeof apiTokens.$inferSelect): ApiTokenSummary {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes as ApiScope[],
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    expiresAt: row.expiresAt,
  };
}

export async function listApiTokens(db: DbOrTx, userId: string): Promise<ApiTokenSummary[]> {
  const rows = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt));
  return rows.map(summarize);
}

export async function revokeApiToken(db: DbOrTx, clock: Clock, userId: string, tokenId: string): Promise<boolean> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: clock.now() })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}

export async function authenticateApiToken(
  db: DbOrTx,
  clock: Clock,
  token: string,
): Promise<{ user: SessionUser; scopes: ApiScope[] } | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const now = clock.now();
  const [row] = await db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, sha256(token)),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
      ),
    );
  if (!row) return null;
  // Touch at most once a minute: a write per API call would dominate the cost of cheap reads.
  if (!row.token.lastUsedAt || now.getTime() - row.token.lastUsedAt.getTime() > 60_000) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.token.id));
  }
  return { user: toSessionUser(row.user), scopes: row.token.scopes as ApiScope[] };
}
