import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "./schema/index.ts";

export type Schema = typeof schema;
/** A database or a transaction handle: services take this so callers can pass either. */
export type DbOrTx = PgDatabase<PgQueryResultHKT, Schema>;
export type Db = DbOrTx;
export type Engine = "pglite" | "postgres";
