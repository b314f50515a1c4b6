// Database access: the Drizzle schema, the client for PGlite or PostgreSQL, and shared types.
export { type Database, type DatabaseOptions, MIGRATIONS_FOLDER, openDatabase } from "./client.ts";
export * as schema from "./schema/index.ts";
export type { Db, DbOrTx, Engine, Schema } from "./types.ts";
