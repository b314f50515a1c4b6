// The backup manifest: what a backup folder holds, parsed with zod before an import trusts it.
import { z } from "zod";

/** Raise when the layout of database.sql or the manifest changes in a way an older importer cannot read. */
export const FORMAT_VERSION = 1;
export const MANIFEST_FILE = "manifest.json";
export const DUMP_FILE = "database.sql";
export const UPLOADS_DIR = "uploads";

const count = z.number().int().nonnegative();

export const manifestSchema = z.object({
  format: z.literal("circulate-backup"),
  formatVersion: z.number().int().positive(),
  createdAt: z.iso.datetime(),
  circulateVersion: z.string(),
  engine: z.enum(["pglite", "postgres"]),
  /** Rows of drizzle.__drizzle_migrations: how far the schema of the backed-up database had come. */
  migrations: count,
  /** Rows per table of the public schema, keyed by table name. */
  tables: z.record(z.string(), count),
  uploads: z.object({ files: count, bytes: count }),
});

export type Manifest = z.infer<typeof manifestSchema>;

/** Only the fields every format version keeps, so a newer backup is refused by version, not by shape. */
export const manifestHeaderSchema = z.object({
  format: z.literal("circulate-backup"),
  formatVersion: z.number().int().positive(),
});
