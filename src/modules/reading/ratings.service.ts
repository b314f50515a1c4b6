import { and, asc, count, eq } from "drizzle-orm";
import type { Clock } from "../../clock.ts";
import type { DbOrTx } from "../../db/index.ts";
import { ratings, works } from "../../db/schema/index.ts";
import type { PersonalDataSection, Result } from "../accounts/index.ts";
import { findWorkTitle } from "./work-lookup.ts";

/** Ratings are stored in half stars: 1 = ½ star … 10 = 5 stars. */
export const HALF_STARS_MIN = 1;
export const HALF_STARS_MAX = 10;

export interface RatingSummary {
  count: number;
  /** The mean in stars (0.5–5), or null when nobody has rated the work. */
  average: number | null;
  /** How many rated 1 to 5 stars; a half-star rating counts with the whole star above it (3½ with 4). */
  perStar: { stars: number; count: number }[];
  /** The exact distribution, ½ to 5 stars. */
  perHalfStar: { halfStars: number; count: number }[];
}

export const starsOf = (halfStars: number) => halfStars / 2;

/** The count, mean and distribution of a work's ratings. */
export async function ratingSummary(db: DbOrTx, workId: string): Promise<RatingSummary> {
  const rows = await db
    .select({ halfStars: ratings.halfStars, count: count() })
    .from(ratings)
    .where(eq(ratings.workId, workId))
    .groupBy(ratings.halfStars)
    .orderBy(asc(ratings.halfStars));
  return summarise(rows);
}

/** Pure so that the arithmetic can be tested on its own. */
export function summarise(rows: { halfStars: number; count: number }[]): RatingSummary {
  const perHalfStar = Array.from({ length: HALF_STARS_MAX }, (_, i) => ({
    halfStars: i + 1,
    count: rows.find((r) => r.halfStars === i + 1)?.count ?? 0,
  }));
  const total = perHalfStar.reduce((sum, r) => sum + r.count, 0);
  const sum = perHalfStar.reduce((s, r) => s + r.halfStars * r.count, 0);
  const perStar = [1, 2, 3, 4, 5].map((stars) => ({
    stars,
    count: perHalfStar.filter((r) => Math.ceil(r.halfStars / 2) === stars).reduce((s, r) => s + r.count, 0),
  }));
  return { count: total, average: total ? sum / total / 2 : null, perStar, perHalfStar };
}

/** The reader's own rating of the work in half stars, or null. */
export async function yourRating(db: DbOrTx, userId: string, workId: string): Promise<number | null> {
  const [row] = await db
    .select({ halfStars: ratings.halfStars })
    .from(ratings)
    .where(and(eq(ratings.userId, userId), eq(ratings.workId, workId)));
  return row?.halfStars ?? null;
}

/** Rates a work or changes the rating: one rating per person per work. */
export async function rateWork(
  db: DbOrTx,
  clock: Clock,
  userId: string,
  workId: string,
  halfStars: number,
): Promise<Result<number, "not-found">> {
  if (!(await findWorkTitle(db, workId))) return { ok: false, error: "not-found" };
  const now = clock.now();
  await db
    .insert(ratings)
    .values({ userId, workId, halfStars, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: [ratings.userId, ratings.workId], set: { halfStars, updatedAt: now } });
  return { ok: true, value: halfStars };
}

/** Removes the reader's rating; false when there was none. */
export async function removeRating(db: DbOrTx, userId: string, workId: string): Promise<boolean> {
  const removed = await db
    .delete(ratings)
    .where(and(eq(ratings.userId, userId), eq(ratings.workId, workId)))
    .returning({ workId: ratings.workId });
  return removed.length > 0;
}

/** Ratings leave with the account (the foreign key cascades); the export lists them with the work's title. */
export const ratingsData: PersonalDataSection = {
  name: "ratings",
  export: (db, userId) =>
    db
      .select({
        workId: ratings.workId,
        work: works.title,
        stars: ratings.halfStars,
        createdAt: ratings.createdAt,
        updatedAt: ratings.updatedAt,
      })
      .from(ratings)
      .innerJoin(works, eq(works.id, ratings.workId))
      .where(eq(ratings.userId, userId))
      .then((rows) => rows.map((r) => ({ ...r, stars: starsOf(r.stars) }))),
};
