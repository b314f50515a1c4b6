// Fixtures for the reading and moderation tests: the sample MARC catalogue, people of each kind, and a clock.
import { createReadStream, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { asc, eq } from "drizzle-orm";
import type { Clock } from "../src/clock.ts";
import type { DbOrTx } from "../src/db/index.ts";
import { type Role, users, works } from "../src/db/schema/index.ts";
import { detectFormat, importCatalog, importItems } from "../src/modules/catalog/index.ts";
import { isUnder13, type Reader } from "../src/modules/reading/index.ts";

/** 1 March 2026, noon UTC: the day every reading test lives in. */
export const TODAY = new Date("2026-03-01T12:00:00Z");
export const fixedClock: Clock = { now: () => TODAY };

const samplePath = (name: string) => fileURLToPath(new URL(`../samples/marc/${name}`, import.meta.url));

/** Imports the twenty records of samples/marc/marc.dat and returns the works, by title. */
export async function loadSampleCatalogue(db: DbOrTx): Promise<{ id: string; title: string }[]> {
  const name = "marc.dat";
  await importCatalog(
    db,
    importItems(detectFormat(readFileSync(samplePath(name)).subarray(0, 64), name), createReadStream(samplePath(name))),
  );
  return db.select({ id: works.id, title: works.title }).from(works).orderBy(asc(works.sortTitle));
}

let counter = 0;

/** A person straight in the table (no password hashing: these tests never sign in). */
export async function person(
  db: DbOrTx,
  options: { role?: Role; birthDate?: string | null; displayName?: string } = {},
): Promise<Reader> {
  counter += 1;
  const role = options.role ?? "patron";
  const [row] = await db
    .insert(users)
    .values({
      email: `reader${counter}-${Math.random().toString(36).slice(2, 8)}@example.org`,
      passwordHash: "not a hash: this person never signs in",
      displayName: options.displayName ?? `Reader ${counter}`,
      role,
      birthDate: options.birthDate ?? null,
    })
    .returning({ id: users.id });
  if (!row) throw new Error("could not create a person");
  return { id: row.id, role, child: isUnder13(options.birthDate ?? null, TODAY) };
}

/** Sets a person's birth date (for under-13 rules), as the account page would. */
export async function setBirthDate(db: DbOrTx, userId: string, birthDate: string | null) {
  await db.update(users).set({ birthDate }).where(eq(users.id, userId));
}
