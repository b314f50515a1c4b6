import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { uuidv7 } from "uuidv7";
import { users } from "./accounts.ts";
import { works } from "./catalog.ts";

const id = () => uuid("id").primaryKey().$defaultFn(uuidv7);
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();
const userRef = (name: string) =>
  uuid(name)
    .notNull()
    .references(() => users.id, { onDelete: "cascade" });
const workRef = () =>
  uuid("work_id")
    .notNull()
    .references(() => works.id, { onDelete: "cascade" });

export const REVIEW_VISIBILITIES = ["public", "followers", "private"] as const;
export type ReviewVisibility = (typeof REVIEW_VISIBILITIES)[number];
export const LIST_VISIBILITIES = ["public", "unlisted", "private"] as const;
export type ListVisibility = (typeof LIST_VISIBILITIES)[number];
export const SHELF_KINDS = ["want-to-read", "reading", "read", "stopped", "custom"] as const;
export type ShelfKind = (typeof SHELF_KINDS)[number];

/** Who follows whom (for "followers" visibility; the community module builds the rest of following). */
export const follows = pgTable(
  "follows",
  { followerId: userRef("follower_id"), followeeId: userRef("followee_id"), createdAt: createdAt() },
  (t) => [primaryKey({ columns: [t.followerId, t.followeeId] }), index("follows_followee_idx").on(t.followeeId)],
);

/** A patron's rating of a work, in half stars: 1 = ½ star … 10 = 5 stars. */
export const ratings = pgTable(
  "ratings",
  {
    userId: userRef("user_id"),
    workId: workRef(),
    halfStars: smallint("half_stars").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.workId] }),
    index("ratings_work_idx").on(t.workId),
    check("ratings_half_stars_range", sql`${t.halfStars} between 1 and 10`),
  ],
);

export const reviews = pgTable(
  "reviews",
  {
    id: id(),
    userId: userRef("user_id"),
    workId: workRef(),
    title: text("title").notNull().default(""),
    /** Markdown as written; rendered and sanitised when shown. */
    body: text("body").notNull(),
    spoiler: boolean("spoiler").notNull().default(false),
    contentWarning: text("content_warning").notNull().default(""),
    visibility: text("visibility", { enum: REVIEW_VISIBILITIES }).notNull().default("public"),
    featuredAt: timestamp("featured_at", { withTimezone: true }),
    /** Set by a moderator: hidden everywhere until restored. */
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    helpfulCount: integer("helpful_count").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("reviews_user_work_unique").on(t.userId, t.workId), index("reviews_work_idx").on(t.workId, t.createdAt)],
);

export const reviewVotes = pgTable(
  "review_votes",
  {
    reviewId: uuid("review_id")
      .notNull()
      .references(() => reviews.id, { onDelete: "cascade" }),
    userId: userRef("user_id"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.reviewId, t.userId] })],
);

/** A tag in patrons' own words; `normalized` is the key that makes "Sci-Fi " and "sci‑fi" one tag. */
export const tags = pgTable(
  "tags",
  {
    id: id(),
    name: text("name").notNull(),
    normalized: text("normalized").notNull().unique(),
    /** Staff merged this tag into another: it is shown and counted as that one. */
    mergedIntoId: uuid("merged_into_id").references((): AnyPgColumn => tags.id, { onDelete: "set null" }),
    blockedAt: timestamp("blocked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("tags_name_trgm_idx").using("gin", sql`${t.name} gin_trgm_ops`)],
);

export const workTags = pgTable(
  "work_tags",
  {
    workId: workRef(),
    tagId: uuid("tag_id")
      .notNull()
      .references(() => tags.id, { onDelete: "cascade" }),
    userId: userRef("user_id"),
    /** A private tag is the patron's own note: never counted, shown or searchable by others. */
    private: boolean("private").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workId, t.tagId, t.userId] }),
    index("work_tags_tag_idx").on(t.tagId),
    index("work_tags_user_idx").on(t.userId),
  ],
);

export const shelves = pgTable(
  "shelves",
  {
    id: id(),
    userId: userRef("user_id"),
    name: text("name").notNull(),
    kind: text("kind", { enum: SHELF_KINDS }).notNull(),
    /** Shelves start private (DESIGN: private by default); the patron opens them. */
    visibility: text("visibility", { enum: REVIEW_VISIBILITIES }).notNull().default("private"),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("shelves_user_name_unique").on(t.userId, t.name)],
);

export const shelfItems = pgTable(
  "shelf_items",
  {
    shelfId: uuid("shelf_id")
      .notNull()
      .references(() => shelves.id, { onDelete: "cascade" }),
    workId: workRef(),
    startedOn: date("started_on"),
    finishedOn: date("finished_on"),
    /** Reading progress, 0–100 per cent. */
    progress: smallint("progress"),
    addedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.shelfId, t.workId] }), index("shelf_items_work_idx").on(t.workId)],
);

export const lists = pgTable(
  "lists",
  {
    id: id(),
    ownerId: userRef("owner_id"),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    visibility: text("visibility", { enum: LIST_VISIBILITIES }).notNull().default("private"),
    /** Made by staff as the library's voice ("Staff picks"), shown as such. */
    byLibrary: boolean("by_library").notNull().default(false),
    openToSuggestions: boolean("open_to_suggestions").notNull().default(false),
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("lists_owner_idx").on(t.ownerId)],
);

export const listItems = pgTable(
  "list_items",
  {
    listId: uuid("list_id")
      .notNull()
      .references(() => lists.id, { onDelete: "cascade" }),
    workId: workRef(),
    note: text("note").notNull().default(""),
    position: integer("position").notNull(),
    addedBy: uuid("added_by").references(() => users.id, { onDelete: "set null" }),
    addedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.listId, t.workId] }), index("list_items_work_idx").on(t.workId)],
);

export const listEditors = pgTable(
  "list_editors",
  {
    listId: uuid("list_id")
      .notNull()
      .references(() => lists.id, { onDelete: "cascade" }),
    userId: userRef("user_id"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.listId, t.userId] })],
);

export const LIST_SUGGESTION_STATUSES = ["pending", "approved", "declined"] as const;

export const listSuggestions = pgTable(
  "list_suggestions",
  {
    id: id(),
    listId: uuid("list_id")
      .notNull()
      .references(() => lists.id, { onDelete: "cascade" }),
    workId: workRef(),
    suggestedBy: userRef("suggested_by"),
    note: text("note").notNull().default(""),
    status: text("status", { enum: LIST_SUGGESTION_STATUSES }).notNull().default("pending"),
    createdAt: createdAt(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  },
  (t) => [index("list_suggestions_list_idx").on(t.listId, t.status)],
);
