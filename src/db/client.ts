import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { type SQL, sql } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema/index.ts";
import type { Db, Engine } from "./types.ts";

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../../drizzle", import.meta.url));
/** Any constant will do: it only has to be the same in every Circulate process. */
const MIGRATION_LOCK = 7_240_311;

export interface Database {
  engine: Engine;
  db: Db;
  /** The embedded engine, when that is what runs (pg-boss needs it directly). */
  pglite?: PGlite;
  /** The server's connection string, when PostgreSQL runs. */
  url?: string;
  /** Runs raw SQL and returns its rows on either engine. */
  rows<T = Record<string, unknown>>(query: SQL): Promise<T[]>;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export type DatabaseOptions =
  | { engine: "postgres"; url: string; max?: number }
  /** dataDir undefined = in memory (tests). */
  | { engine: "pglite"; dataDir?: string };

function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.engine === "postgres") {
    const client = postgres(options.url, { max: options.max ?? 10, onnotice: () => {} });
    const db = drizzlePostgres({ client, schema }) as unknown as Db;
    return {
      engine: "postgres",
      db,
      url: options.url,
      rows: async (q) => rowsOf(await db.execute(q)),
      async migrate() {
        // Web and worker processes may start together: one migrates, the others wait for it. A
        // one-connection client keeps the session-level advisory lock and the migration on one session.
        const single = postgres(options.url, { max: 1, onnotice: () => {} });
        try {
          await single`select pg_advisory_lock(${MIGRATION_LOCK})`;
          await migratePostgres(drizzlePostgres({ client: single }), { migrationsFolder: MIGRATIONS_FOLDER });
        } finally {
          await single`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => {});
          await single.end({ timeout: 5 });
        }
      },
      close: () => client.end({ timeout: 5 }),
    };
  }

  let releaseLock = () => {};
  let dataPath: string | undefined;
  if (options.dataDir) {
    dataPath = path.resolve(options.dataDir, "pgdata");
    mkdirSync(path.dirname(dataPath), { recursive: true });
    releaseLock = takeDirectoryLock(path.resolve(options.dataDir, "pgdata.lock"));
  }
  try {
    const pglite = await PGlite.create({ dataDir: dataPath, extensions: { pg_trgm, unaccent } });
    const db = drizzlePglite({ client: pglite, schema }) as unknown as Db;
    return {
      engine: "pglite",
      db,
      pglite,
      rows: async (q) => rowsOf(await db.execute(q)),
      async migrate() {
        await pglite.exec("create extension if not exists pg_trgm; create extension if not exists unaccent;");
        await migratePglite(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
      },
      async close() {
        await pglite.close();
        releaseLock();
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

/**
 * PGlite is one process's database: a second process opening the same folder would corrupt it.
 * A pid file turns that mistake into a clear message.
 */
function takeDirectoryLock(lockPath: string): () => void {
  if (existsSync(lockPath)) {
    const pid = Number(readFileSync(lockPath, "utf8").trim());
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `Another Circulate process (pid ${pid}) is using the embedded database in ${path.dirname(lockPath)}. ` +
          "Stop it first, or set DATABASE_URL to share a PostgreSQL server between processes.",
      );
    }
  }
  writeFileSync(lockPath, String(process.pid));
  return () => rmSync(lockPath, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export { sql };
