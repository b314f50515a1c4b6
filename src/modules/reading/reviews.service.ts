import { and, asc, count, desc, eq, exists, isNull, not, or, type SQL, sql } from "drizzle-orm";
import type { Clock } from "../../clock.ts";
import type { DbOrTx } from "../../db/index.ts";
import { auditLog, follows, type ReviewVisibility, reviews, reviewVotes, users, works } from "../../db/schema/index.ts";
import { hasRole, type PersonalDataSection, type Result } from "../accounts/index.ts";
import { childAuthor, type Reader } from "./readers.ts";
import type { ReviewInput } from "./reviews.schemas.ts";
import { findWorkTitle } from "./work-lookup.ts";

export interface ReviewView {
  id: string;
  workId: string;
  authorName: string;
  /** The review is the reader's own. */
  mine: boolean;
  title: string;
  /** Markdown as written; render it with renderMarkdown. */
  body: string;
  spoiler: boolean;
  contentWarning: string;
  visibility: ReviewVisibility;
  featured: boolean;
  /** Hidden by a moderator: only its author and moderators still see it, marked as hidden. */
  hidden: boolean;
  helpfulCount: number;
  /** The reader marked it helpful. */
  votedHelpful: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const isModerator = (reader: Reader | null) => hasRole(reader, "moderator");

/**
 * Who may read a review, as SQL over `reviews` joined with its author in `users`. Its author always; others
 * only what is public, or for followers when they follow the author; never what a child wrote (principle 5:
 * a child's words are private even if an old review says otherwise). A hidden review is left out for
 * everyone but its author and moderators.
 */
function readableBy(reader: Reader | null, now: Date): SQL {
  const followsAuthor = (readerId: string) =>
    exists(
      sql`(select 1 from ${follows} where ${follows.followerId} = ${readerId} and ${follows.followeeId} = ${reviews.userId})`,
    );
  const shared = reader
    ? or(eq(reviews.visibility, "public"), and(eq(reviews.visibility, "followers"), followsAuthor(reader.id)))
    : eq(reviews.visibility, "public");
  const open = and(not(childAuthor(now)), shared) as SQL;
  if (!reader) return and(open, isNull(reviews.hiddenAt)) as SQL;
  const readable = or(eq(reviews.userId, reader.id), open) as SQL;
  if (isModerator(reader)) return readable;
  return and(readable, or(isNull(reviews.hiddenAt), eq(reviews.userId, reader.id))) as SQL;
}

function selectReviews(db: DbOrTx, reader: Reader | null) {
  const voted = reader
    ? exists(
        sql`(select 1 from ${reviewVotes} where ${reviewVotes.reviewId} = ${reviews.id} and ${reviewVotes.userId} = ${reader.id})`,
      )
    : sql`false`;
  return db
    .select({
      id: reviews.id,
      workId: reviews.workId,
      userId: reviews.userId,
      authorName: users.displayName,
      title: reviews.title,
      body: reviews.body,
      spoiler: reviews.spoiler,
      contentWarning: reviews.contentWarning,
      visibility: reviews.visibility,
      featuredAt: reviews.featuredAt,
      hiddenAt: reviews.hiddenAt,
      helpfulCount: reviews.helpfulCount,
      votedHelpful: sql<boolean>`${voted}`.mapWith(Boolean),
      createdAt: reviews.createdAt,
      updatedAt: reviews.updatedAt,
    })
    .from(reviews)
    .innerJoin(users, eq(users.id, reviews.userId));
}

type ReviewRow = Awaited<ReturnType<ReturnType<typeof selectReviews>["execute"]>>[number];

function toView(row: ReviewRow, reader: Reader | null): ReviewView {
  const { userId, featuredAt, hiddenAt, ...rest } = row;
  return { ...rest, mine: reader?.id === userId, featured: featuredAt !== null, hidden: hiddenAt !== null };
}

export interface ReviewListOptions {
  /** Leave out reviews marked as spoilers (they are otherwise shown collapsed). */
  withoutSpoilers?: boolean;
  limit?: number;
}

export interface ReviewList {
  items: ReviewView[];
  /** Reviews the reader can see, hidden ones never counted (not even for their author or moderators). */
  total: number;
}

/** The reviews of a work that the reader may see: featured first, then the most helpful, then the newest. */
export async function workReviews(
  db: DbOrTx,
  clock: Clock,
  workId: string,
  reader: Reader | null,
  options: ReviewListOptions = {},
): Promise<ReviewList> {
  const now = clock.now();
  const where = and(
    eq(reviews.workId, workId),
    readableBy(reader, now),
    options.withoutSpoilers ? eq(reviews.spoiler, false) : undefined,
  );
  const rows = await selectReviews(db, reader)
    .where(where)
    .orderBy(sql`${reviews.featuredAt} is null`, desc(reviews.helpfulCount), desc(reviews.createdAt), asc(reviews.id))
    .limit(options.limit ?? 100);
  const [counted] = await db
    .select({ n: count() })
    .from(reviews)
    .innerJoin(users, eq(users.id, reviews.userId))
    .where(and(eq(reviews.workId, workId), readableBy(reader, now), isNull(reviews.hiddenAt)));
  return { items: rows.map((r) => toView(r, reader)), total: counted?.n ?? 0 };
}

/** One review, when the reader may see it. */
export async function findReview(db: DbOrTx, clock: Clock, reviewId: string, reader: Reader | null): Promise<ReviewView | null> {
  const [row] = await selectReviews(db, reader).where(and(eq(reviews.id, reviewId), readableBy(reader, clock.now())));
  return row ? toView(row, reader) : null;
}

/** The reader's own review of a work (to fill the edit form), hidden or not. */
export async function ownReview(db: DbOrTx, reader: Reader, workId: string): Promise<ReviewView | null> {
  const [row] = await selectReviews(db, reader).where(and(eq(reviews.workId, workId), eq(reviews.userId, reader.id)));
  return row ? toView(row, reader) : null;
}

/** A child's review is private whatever the form said: nobody else may read a child's free text. */
const visibilityFor = (reader: Reader, wanted: ReviewVisibility): ReviewVisibility => (reader.child ? "private" : wanted);

/** Writes a new review; one per person per work. */
export async function createReview(
  db: DbOrTx,
  clock: Clock,
  reader: Reader,
  workId: string,
  input: ReviewInput,
): Promise<Result<ReviewView, "not-found" | "already-reviewed">> {
  if (!(await findWorkTitle(db, workId))) return { ok: false, error: "not-found" };
  const now = clock.now();
  const [created] = await db
    .insert(reviews)
    .values({
      ...input,
      visibility: visibilityFor(reader, input.visibility),
      userId: reader.id,
      workId,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: reviews.id });
  if (!created) return { ok: false, error: "already-reviewed" };
  const view = await ownReview(db, reader, workId);
  if (!view) throw new Error(`review ${created.id} vanished after insert`);
  return { ok: true, value: view };
}

/** Changes the reader's own review: only the fields given. */
export async function updateReview(
  db: DbOrTx,
  clock: Clock,
  reader: Reader,
  reviewId: string,
  changes: Partial<ReviewInput>,
): Promise<Result<ReviewView, "not-found" | "forbidden">> {
  const [existing] = await db
    .select({ userId: reviews.userId, workId: reviews.workId })
    .from(reviews)
    .where(eq(reviews.id, reviewId));
  if (!existing) return { ok: false, error: "not-found" };
  if (existing.userId !== reader.id) return { ok: false, error: "forbidden" };
  // A child's review is made private on every edit, whether or not the edit touches the visibility.
  const visibility = reader.child ? "private" : changes.visibility;
  await db
    .update(reviews)
    .set({ ...changes, ...(visibility ? { visibility } : {}), updatedAt: clock.now() })
    .where(eq(reviews.id, reviewId));
  const view = await ownReview(db, reader, existing.workId);
  if (!view) throw new Error(`review ${reviewId} vanished after update`);
  return { ok: true, value: view };
}

/** The review form's one action: writes the reader's review of the work, or rewrites it. */
export async function saveOwnReview(
  db: DbOrTx,
  clock: Clock,
  reader: Reader,
  workId: string,
  input: ReviewInput,
): Promise<Result<ReviewView, "not-found">> {
  const existing = await ownReview(db, reader, workId);
  if (existing) {
    const updated = await updateReview(db, clock, reader, existing.id, input);
    if (!updated.ok) throw new Error(`own review ${existing.id} could not be updated: ${updated.error}`);
    return updated;
  }
  const created = await createReview(db, clock, reader, workId, input);
  if (created.ok) return created;
  if (created.error === "not-found") return { ok: false, error: "not-found" };
  // Written by the same person a moment ago (a second tab): save over it.
  return saveOwnReview(db, clock, reader, workId, input);
}

/** Deletes the reader's own review. */
export async function deleteReview(
  db: DbOrTx,
  reader: Reader,
  reviewId: string,
): Promise<Result<{ workId: string }, "not-found" | "forbidden">> {
  const [existing] = await db
    .select({ userId: reviews.userId, workId: reviews.workId })
    .from(reviews)
    .where(eq(reviews.id, reviewId));
  if (!existing) return { ok: false, error: "not-found" };
  if (existing.userId !== reader.id) return { ok: false, error: "forbidden" };
  await db.delete(reviews).where(eq(reviews.id, reviewId));
  return { ok: true, value: { workId: existing.workId } };
}

/** Marks a review helpful (or takes the mark back): once per person, never on one's own review. */
export async function voteHelpful(
  db: DbOrTx,
  clock: Clock,
  reader: Reader,
  reviewId: string,
  helpful: boolean,
): Promise<Result<{ workId: string; helpfulCount: number; votedHelpful: boolean }, "not-found" | "own-review">> {
  const review = await findReview(db, clock, reviewId, reader);
  // A hidden review is shown to moderators, but nobody votes on it until it is restored.
  if (!review || review.hidden) return { ok: false, error: "not-found" };
  if (review.mine) return { ok: false, error: "own-review" };
  const helpfulCount = await db.transaction(async (tx) => {
    if (helpful) {
      await tx.insert(reviewVotes).values({ reviewId, userId: reader.id, createdAt: clock.now() }).onConflictDoNothing();
    } else {
      await tx.delete(reviewVotes).where(and(eq(reviewVotes.reviewId, reviewId), eq(reviewVotes.userId, reader.id)));
    }
    const [row] = await tx
      .update(reviews)
      .set({ helpfulCount: sql`(select count(*) from ${reviewVotes} where ${reviewVotes.reviewId} = ${reviewId})::int` })
      .where(eq(reviews.id, reviewId))
      .returning({ helpfulCount: reviews.helpfulCount });
    return row?.helpfulCount ?? 0;
  });
  return { ok: true, value: { workId: review.workId, helpfulCount, votedHelpful: helpful } };
}

/** Staff feature a public review (shown first) or take the feature back; recorded in the audit log. */
export async function featureReview(
  db: DbOrTx,
  clock: Clock,
  reader: Reader,
  reviewId: string,
  featured: boolean,
): Promise<Result<{ workId: string }, "not-found" | "forbidden" | "not-public">> {
  if (!hasRole(reader, "staff")) return { ok: false, error: "forbidden" };
  const review = await findReview(db, clock, reviewId, reader);
  if (!review || review.hidden) return { ok: false, error: "not-found" };
  // Featuring speaks for the library: only what everyone can read may be put first.
  if (featured && review.visibility !== "public") return { ok: false, error: "not-public" };
  await db.transaction(async (tx) => {
    await tx
      .update(reviews)
      .set({ featuredAt: featured ? clock.now() : null })
      .where(eq(reviews.id, reviewId));
    await tx.insert(auditLog).values({
      actorId: reader.id,
      action: featured ? "review.feature" : "review.unfeature",
      subject: `review:${reviewId}`,
      details: { workId: review.workId },
    });
  });
  return { ok: true, value: { workId: review.workId } };
}

/** Moderation: hides a review everywhere (or restores it). False when there is no such review. */
export async function setReviewHidden(db: DbOrTx, clock: Clock, reviewId: string, hidden: boolean): Promise<boolean> {
  const rows = await db
    .update(reviews)
    .set({ hiddenAt: hidden ? clock.now() : null })
    .where(eq(reviews.id, reviewId))
    .returning({ id: reviews.id });
  return rows.length > 0;
}

/** What moderators see of a reported review, whoever may read it. */
export async function reviewForModeration(db: DbOrTx, reviewId: string) {
  const [row] = await db
    .select({
      id: reviews.id,
      workId: reviews.workId,
      workTitle: works.title,
      authorName: users.displayName,
      title: reviews.title,
      body: reviews.body,
      spoiler: reviews.spoiler,
      contentWarning: reviews.contentWarning,
      visibility: reviews.visibility,
      hiddenAt: reviews.hiddenAt,
      createdAt: reviews.createdAt,
    })
    .from(reviews)
    .innerJoin(users, eq(users.id, reviews.userId))
    .innerJoin(works, eq(works.id, reviews.workId))
    .where(eq(reviews.id, reviewId));
  return row ?? null;
}

/** Reviews leave with the account (the foreign key cascades); the export has them in full, as written. */
export const reviewsData: PersonalDataSection = {
  name: "reviews",
  export: (db, userId) =>
    db
      .select({
        id: reviews.id,
        workId: reviews.workId,
        work: works.title,
        title: reviews.title,
        body: reviews.body,
        spoiler: reviews.spoiler,
        contentWarning: reviews.contentWarning,
        visibility: reviews.visibility,
        featuredAt: reviews.featuredAt,
        hiddenAt: reviews.hiddenAt,
        helpfulCount: reviews.helpfulCount,
        createdAt: reviews.createdAt,
        updatedAt: reviews.updatedAt,
      })
      .from(reviews)
      .innerJoin(works, eq(works.id, reviews.workId))
      .where(eq(reviews.userId, userId)),
};

export const reviewVotesData: PersonalDataSection = {
  name: "review_votes",
  export: (db, userId) =>
    db
      .select({ reviewId: reviewVotes.reviewId, work: works.title, createdAt: reviewVotes.createdAt })
      .from(reviewVotes)
      .innerJoin(reviews, eq(reviews.id, reviewVotes.reviewId))
      .innerJoin(works, eq(works.id, reviews.workId))
      .where(eq(reviewVotes.userId, userId)),
  // The votes cascade with the account, but the counts kept on other people's reviews would not follow.
  async erase(db, userId) {
    await db
      .update(reviews)
      .set({ helpfulCount: sql`greatest(${reviews.helpfulCount} - 1, 0)` })
      .where(
        exists(
          sql`(select 1 from ${reviewVotes} where ${reviewVotes.reviewId} = ${reviews.id} and ${reviewVotes.userId} = ${userId})`,
        ),
      );
    await db.delete(reviewVotes).where(eq(reviewVotes.userId, userId));
  },
};
