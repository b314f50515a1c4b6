// A fresh, migrated database per test file: PGlite in memory always, and a throw-away database on the
// PostgreSQL server named by TEST_DATABASE_URL when it is set (CI sets it).
import postgres from "postgres";
import { describe } from "vitest";
import { type Database, type Engine, openDatabase } from "../src/db/index.ts";

export function engines(): Engine[] {
  return process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
}

export async function createTestDatabase(engine: Engine): Promise<Database> {
  if (engine === "pglite") {
    const db = await openDatabase({ engine: "pglite" });
    await db.migrate();
    return db;
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `circ_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ engine: "postgres", url: url.toString(), max: 5 });
  await db.migrate();
  const close = db.close;
  db.close = async () => {
    await close();
    const again = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await again.unsafe(`drop database if exists ${name} with (force)`);
    await again.end();
  };
  return db;
}

/** Runs the same suite once per available engine. */
export function describeEachEngine(name: string, suite: (engine: Engine) => void) {
  for (const engine of engines()) describe(`${name} [${engine}]`, () => suite(engine));
}
