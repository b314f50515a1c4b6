-- pg_trgm (fuzzy titles and names) and unaccent (accent-insensitive search) are trusted extensions:
-- a database owner may create them without being a superuser.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
CREATE TABLE "contributors" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"sort_name" text NOT NULL,
	CONSTRAINT "contributors_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "editions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"work_id" uuid NOT NULL,
	"source_key" text NOT NULL,
	"control_number" text,
	"isbn13" text,
	"isbn10" text,
	"format" text DEFAULT 'book' NOT NULL,
	"title" text NOT NULL,
	"edition_statement" text DEFAULT '' NOT NULL,
	"publisher" text DEFAULT '' NOT NULL,
	"published_year" integer,
	"extent" text DEFAULT '' NOT NULL,
	"language" text DEFAULT 'und' NOT NULL,
	"source" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "editions_source_key_unique" UNIQUE("source_key")
);
--> statement-breakpoint
CREATE TABLE "import_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"format" text NOT NULL,
	"file_name" text NOT NULL,
	"file_path" text,
	"status" text DEFAULT 'queued' NOT NULL,
	"started_by" uuid,
	"total_bytes" integer DEFAULT 0 NOT NULL,
	"bytes_read" integer DEFAULT 0 NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"imported" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"problems" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "work_contributors" (
	"work_id" uuid NOT NULL,
	"contributor_id" uuid NOT NULL,
	"role" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "work_contributors_work_id_contributor_id_role_pk" PRIMARY KEY("work_id","contributor_id","role")
);
--> statement-breakpoint
CREATE TABLE "works" (
	"id" uuid PRIMARY KEY NOT NULL,
	"work_key" text NOT NULL,
	"title" text NOT NULL,
	"subtitle" text DEFAULT '' NOT NULL,
	"sort_title" text NOT NULL,
	"series_title" text DEFAULT '' NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"language" text DEFAULT 'und' NOT NULL,
	"search_config" text DEFAULT 'simple' NOT NULL,
	"subjects" text[] DEFAULT '{}'::text[] NOT NULL,
	"first_published_year" integer,
	"cover_path" text,
	"search_document" "tsvector",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "editions" ADD CONSTRAINT "editions_work_id_works_id_fk" FOREIGN KEY ("work_id") REFERENCES "public"."works"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_runs" ADD CONSTRAINT "import_runs_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_contributors" ADD CONSTRAINT "work_contributors_work_id_works_id_fk" FOREIGN KEY ("work_id") REFERENCES "public"."works"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_contributors" ADD CONSTRAINT "work_contributors_contributor_id_contributors_id_fk" FOREIGN KEY ("contributor_id") REFERENCES "public"."contributors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contributors_name_trgm_idx" ON "contributors" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "editions_work_idx" ON "editions" USING btree ("work_id");--> statement-breakpoint
CREATE INDEX "editions_control_number_idx" ON "editions" USING btree ("control_number");--> statement-breakpoint
CREATE INDEX "editions_isbn13_idx" ON "editions" USING btree ("isbn13");--> statement-breakpoint
CREATE INDEX "work_contributors_contributor_idx" ON "work_contributors" USING btree ("contributor_id");--> statement-breakpoint
CREATE INDEX "works_work_key_idx" ON "works" USING btree ("work_key");--> statement-breakpoint
CREATE INDEX "works_sort_title_idx" ON "works" USING btree ("sort_title","id");--> statement-breakpoint
CREATE INDEX "works_search_idx" ON "works" USING gin ("search_document");--> statement-breakpoint
CREATE INDEX "works_title_trgm_idx" ON "works" USING gin ("title" gin_trgm_ops);