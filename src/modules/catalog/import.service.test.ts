import { createReadStream, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachEngine } from "../../../test/database.ts";
import type { Database } from "../../db/index.ts";
import { catalogCounts, detectFormat, importCatalog, importItems } from "./index.ts";

const samplePath = (name: string) => fileURLToPath(new URL(`../../../samples/marc/${name}`, import.meta.url));
const importFile = (db: Database, name: string) =>
  importCatalog(
    db.db,
    importItems(detectFormat(readFileSync(samplePath(name)).subarray(0, 64), name), createReadStream(samplePath(name))),
  );
const importText = (db: Database, text: string) => importCatalog(db.db, importItems("csv", [new TextEncoder().encode(text)]));

describeEachEngine("catalogue import", (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase(engine);
  });
  afterAll(() => db?.close());

  it("imports every sample file, reporting each bad record with its position and importing the rest", async () => {
    const marc = await importFile(db, "marc.dat");
    expect(marc).toMatchObject({ processed: 20, imported: 20, failed: 0 });
    expect((await importFile(db, "one.dat")).failed).toBe(0);
    const batch = await importFile(db, "batch.xml");
    expect(batch.failed).toBe(0);
    expect(batch.imported + batch.updated + batch.unchanged).toBe(batch.processed);
    expect((await importFile(db, "utf8.xml")).imported).toBe(1);

    const bad = await importFile(db, "bad_records.mrc");
    expect(bad.failed).toBe(6);
    expect(bad.problems.map((p) => p.position)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(bad.problems.every((p) => p.reason.length > 10)).toBe(true);
    // Records 1 and 8 are the same record: one edition (it is already in marc.dat, matched by content).
    expect(bad.imported + bad.updated + bad.unchanged).toBe(2);
  });

  it("changes nothing on a second import of the same files", async () => {
    const before = await catalogCounts(db.db);
    const stamp = await db.rows<{ max: string }>(sql`select max(updated_at)::text as max from editions`);
    for (const name of ["marc.dat", "one.dat", "batch.xml", "utf8.xml", "bad_records.mrc"]) {
      const again = await importFile(db, name);
      expect(again.imported, name).toBe(0);
      expect(again.updated, name).toBe(0);
    }
    expect(await catalogCounts(db.db)).toEqual(before);
    expect(await db.rows<{ max: string }>(sql`select max(updated_at)::text as max from editions`)).toEqual(stamp);
  });

  it("makes imported records findable by title words, contributors and subjects, without accents", async () => {
    const count = async (q: string) =>
      Number(
        (
          await db.rows<{ n: number }>(
            sql`select count(*)::int as n from works where search_document @@ plainto_tsquery('simple', unaccent(${q}))`,
          )
        )[0]?.n,
      );
    expect(await count("python")).toBeGreaterThan(0);
    expect(await count("Lutz")).toBeGreaterThan(0);
    expect(await count("preludes")).toBe(0); // 505 contents notes are not indexed
    expect(await count("zen classics")).toBe(1);
  });

  it("imports CSV, reports each bad row with its line, and updates an edition matched by ISBN", async () => {
    const csv = [
      "Title,Authors,ISBN,Subjects,Language,Format,Year",
      '"The pragmatic programmer","Hunt, Andrew; Thomas, David",0-201-61622-X,"Computer programming; Craft",eng,book,2000',
      ",Nobody,,,,,",
      'Cien años de soledad,"García Márquez, Gabriel; Rabassa, Gregory (translator)",,Novela,spa,book,1967',
      "Bad ISBN,Someone,12345,,,,",
      "Bad year,Someone,,,,,nineteen",
    ].join("\n");
    const report = await importText(db, csv);
    expect(report).toMatchObject({ processed: 5, imported: 1, updated: 1, failed: 3 });
    expect(report.problems).toEqual([
      { position: 2, offset: null, reason: "line 3: title: the title column is empty" },
      { position: 4, offset: null, reason: 'line 5: isbn: "12345" is not a valid ISBN-10 or ISBN-13' },
      { position: 5, offset: null, reason: "line 6: year: year must be four digits" },
    ]);
    const [work] = await db.rows<{ search_config: string; roles: string }>(
      sql`select w.search_config, string_agg(wc.role, ',' order by wc.position) as roles from works w
          join work_contributors wc on wc.work_id = w.id where w.title = 'Cien años de soledad' group by w.id`,
    );
    expect(work).toEqual({ search_config: "spanish", roles: "author,translator" });
  });
});
