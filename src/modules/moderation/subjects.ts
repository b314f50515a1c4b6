// The four things that can be reported, each with what moderators are shown of it and what hiding it means:
// a review or a list gets hidden_at, a tag is blocked, a profile gets profile_hidden_at.
import { desc, eq, isNotNull } from "drizzle-orm";
import type { Clock } from "../../clock.ts";
import type { DbOrTx } from "../../db/index.ts";
import {
  type ListVisibility,
  lists,
  type ReportSubject,
  type ReviewVisibility,
  reviews,
  tags,
  users,
} from "../../db/schema/index.ts";
import { hasRole } from "../accounts/index.ts";
import {
  findReview,
  type Reader,
  reviewForModeration,
  setReviewHidden,
  setTagBlocked,
  tagForModeration,
} from "../reading/index.ts";

export type SubjectContent =
  | {
      type: "review";
      id: string;
      hidden: boolean;
      workId: string;
      workTitle: string;
      authorName: string;
      title: string;
      body: string;
      spoiler: boolean;
      contentWarning: string;
      visibility: ReviewVisibility;
    }
  | { type: "tag"; id: string; hidden: boolean; name: string; normalized: string; publicWorks: number }
  | {
      type: "list";
      id: string;
      hidden: boolean;
      title: string;
      description: string;
      ownerName: string;
      visibility: ListVisibility;
    }
  | { type: "profile"; id: string; hidden: boolean; displayName: string; pronouns: string };

/** What moderators see of a subject, hidden or not; null when it no longer exists. */
export async function subjectContent(db: DbOrTx, type: ReportSubject, id: string): Promise<SubjectContent | null> {
  switch (type) {
    case "review": {
      const review = await reviewForModeration(db, id);
      if (!review) return null;
      const { hiddenAt, createdAt: _created, ...rest } = review;
      return { type, ...rest, hidden: hiddenAt !== null };
    }
    case "tag": {
      const tag = await tagForModeration(db, id);
      if (!tag) return null;
      const { blockedAt, ...rest } = tag;
      return { type, ...rest, hidden: blockedAt !== null };
    }
    case "list": {
      const [list] = await db
        .select({
          id: lists.id,
          title: lists.title,
          description: lists.description,
          visibility: lists.visibility,
          ownerName: users.displayName,
          hiddenAt: lists.hiddenAt,
        })
        .from(lists)
        .innerJoin(users, eq(users.id, lists.ownerId))
        .where(eq(lists.id, id));
      if (!list) return null;
      const { hiddenAt, ...rest } = list;
      return { type, ...rest, hidden: hiddenAt !== null };
    }
    case "profile": {
      const [person] = await db
        .select({ id: users.id, displayName: users.displayName, pronouns: users.pronouns, hiddenAt: users.profileHiddenAt })
        .from(users)
        .where(eq(users.id, id));
      if (!person) return null;
      const { hiddenAt, ...rest } = person;
      return { type, ...rest, hidden: hiddenAt !== null };
    }
  }
}

/**
 * Whether the reporter can see the subject, and so may report it: nobody learns by reporting that a private
 * review or list exists. Moderators may report anything.
 */
export async function reportable(db: DbOrTx, clock: Clock, reporter: Reader, type: ReportSubject, id: string): Promise<boolean> {
  if (hasRole(reporter, "moderator")) return (await subjectContent(db, type, id)) !== null;
  switch (type) {
    case "review":
      return (await findReview(db, clock, id, reporter)) !== null;
    case "list": {
      const [list] = await db
        .select({ ownerId: lists.ownerId, visibility: lists.visibility })
        .from(lists)
        .where(eq(lists.id, id));
      return !!list && (list.visibility !== "private" || list.ownerId === reporter.id);
    }
    case "tag":
    case "profile":
      return (await subjectContent(db, type, id)) !== null;
  }
}

/** Hides the subject everywhere, or restores it. False when it no longer exists. Pass a transaction. */
export async function setSubjectHidden(
  db: DbOrTx,
  clock: Clock,
  type: ReportSubject,
  id: string,
  hidden: boolean,
): Promise<boolean> {
  const at = hidden ? clock.now() : null;
  switch (type) {
    case "review":
      return setReviewHidden(db, clock, id, hidden);
    case "tag":
      return setTagBlocked(db, clock, id, hidden);
    case "list":
      return (await db.update(lists).set({ hiddenAt: at }).where(eq(lists.id, id)).returning({ id: lists.id })).length > 0;
    case "profile":
      return (await db.update(users).set({ profileHiddenAt: at }).where(eq(users.id, id)).returning({ id: users.id })).length > 0;
  }
}

/** Everything hidden right now, most recently hidden first within each kind, for the moderators' list. */
export async function hiddenSubjects(db: DbOrTx, limit = 50): Promise<{ type: ReportSubject; id: string }[]> {
  const hiddenReviews = await db
    .select({ id: reviews.id })
    .from(reviews)
    .where(isNotNull(reviews.hiddenAt))
    .orderBy(desc(reviews.hiddenAt))
    .limit(limit);
  const blockedTags = await db
    .select({ id: tags.id })
    .from(tags)
    .where(isNotNull(tags.blockedAt))
    .orderBy(desc(tags.blockedAt))
    .limit(limit);
  const hiddenLists = await db
    .select({ id: lists.id })
    .from(lists)
    .where(isNotNull(lists.hiddenAt))
    .orderBy(desc(lists.hiddenAt))
    .limit(limit);
  const hiddenProfiles = await db
    .select({ id: users.id })
    .from(users)
    .where(isNotNull(users.profileHiddenAt))
    .orderBy(desc(users.profileHiddenAt))
    .limit(limit);
  return [
    ...hiddenReviews.map(({ id }) => ({ type: "review" as const, id })),
    ...blockedTags.map(({ id }) => ({ type: "tag" as const, id })),
    ...hiddenLists.map(({ id }) => ({ type: "list" as const, id })),
    ...hiddenProfiles.map(({ id }) => ({ type: "profile" as const, id })),
  ];
}
