import { sql } from "drizzle-orm";
import { customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { uuidv7 } from "uuidv7";
import { users } from "./accounts.ts";

const id = () => uuid("id").primaryKey().$defaultFn(uuidv7);
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const FORMATS = ["book", "ebook", "audiobook", "video", "music", "map", "score", "software", "other"] as const;
export type Format = (typeof FORMATS)[number];
export const CONTRIBUTOR_ROLES = ["author", "editor", "translator", "illustrator", "narrator", "other"] as const;
export type ContributorRole = (typeof CONTRIBUTOR_ROLES)[number];

/** A work (FRBR-lite): what people mean by "the book", whatever the edition. */
export const works = pgTable(
  "works",
  {
    id: id(),
    /** Normalised title + first contributor: editions with the same key are gathered under one work. */
    workKey: text("work_key").notNull(),
    title: text("title").notNull(),
    subtitle: text("subtitle").notNull().default(""),
    sortTitle: text("sort_title").notNull(),
    seriesTitle: text("series_title").notNull().default(""),
    summary: text("summary").notNull().default(""),
    /** MARC language code (ISO 639-2/B), "und" when unknown. */
    language: text("language").notNull().default("und"),
    /** The PostgreSQL text-search configuration for the language ("english", "spanish", ... or "simple"). */
    searchConfig: text("search_config").notNull().default("simple"),
    subjects: text("subjects").array().notNull().default(sql`'{}'::text[]`),
    firstPublishedYear: integer("first_published_year"),
    coverPath: text("cover_path"),
    searchDocument: tsvector("search_document"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("works_work_key_idx").on(t.workKey),
    index("works_sort_title_idx").on(t.sortTitle, t.id),
    index("works_search_idx").using("gin", t.searchDocument),
    index("works_title_trgm_idx").using("gin", sql`${t.title} gin_trgm_ops`),
    // Subject filters and "more like this" look works up by subject heading.
    index("works_subjects_idx").using("gin", t.subjects),
  ],
);

/** One edition (manifestation) of a work, as the library's system describes it. */
export const editions = pgTable(
  "editions",
  {
    id: id(),
    workId: uuid("work_id")
      .notNull()
      .references(() => works.id, { onDelete: "cascade" }),
    /** How a re-import finds this edition again: "001:<control number>", "isbn:<13 digits>" or "sha:<fingerprint>". */
    sourceKey: text("source_key").notNull().unique(),
    controlNumber: text("control_number"),
    isbn13: text("isbn13"),
    isbn10: text("isbn10"),
    format: text("format", { enum: FORMATS }).notNull().default("book"),
    title: text("title").notNull(),
    editionStatement: text("edition_statement").notNull().default(""),
    publisher: text("publisher").notNull().default(""),
    publishedYear: integer("published_year"),
    extent: text("extent").notNull().default(""),
    language: text("language").notNull().default("und"),
    /** The record as imported (MARC as JSON, or the CSV row), kept for re-mapping and for export. */
    source: jsonb("source").notNull(),
    /** Hash of the mapped record: an unchanged re-import writes nothing. */
    contentHash: text("content_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("editions_work_idx").on(t.workId),
    index("editions_control_number_idx").on(t.controlNumber),
    index("editions_isbn13_idx").on(t.isbn13),
  ],
);

export const contributors = pgTable(
  "contributors",
  {
    id: id(),
    name: text("name").notNull().unique(),
    sortName: text("sort_name").notNull(),
  },
  (t) => [index("contributors_name_trgm_idx").using("gin", sql`${t.name} gin_trgm_ops`)],
);

export const workContributors = pgTable(
  "work_contributors",
  {
    workId: uuid("work_id")
      .notNull()
      .references(() => works.id, { onDelete: "cascade" }),
    contributorId: uuid("contributor_id")
      .notNull()
      .references(() => contributors.id, { onDelete: "cascade" }),
    role: text("role", { enum: CONTRIBUTOR_ROLES }).notNull(),
    position: integer("position").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.workId, t.contributorId, t.role] }),
    index("work_contributors_contributor_idx").on(t.contributorId),
  ],
);

export const IMPORT_STATUSES = ["queued", "running", "done", "failed"] as const;

/** One catalogue import (CLI or upload): live progress, and the report at the end. */
export const importRuns = pgTable("import_runs", {
  id: id(),
  format: text("format", { enum: ["marc", "marcxml", "csv"] }).notNull(),
  fileName: text("file_name").notNull(),
  /** Where an uploaded file waits for the worker (DATA_DIR-relative); null for CLI imports. */
  filePath: text("file_path"),
  status: text("status", { enum: IMPORT_STATUSES }).notNull().default("queued"),
  startedBy: uuid("started_by").references(() => users.id, { onDelete: "set null" }),
  totalBytes: integer("total_bytes").notNull().default(0),
  bytesRead: integer("bytes_read").notNull().default(0),
  processed: integer("processed").notNull().default(0),
  imported: integer("imported").notNull().default(0),
  updated: integer("updated").notNull().default(0),
  unchanged: integer("unchanged").notNull().default(0),
  failed: integer("failed").notNull().default(0),
  /** Each bad record: { position, offset, reason }. */
  problems: jsonb("problems").notNull().default([]),
  error: text("error"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp("finished_at", { withTimezone: true }),
});
