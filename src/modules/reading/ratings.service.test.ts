import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachEngine } from "../../../test/database.ts";
import { fixedClock as clock, loadSampleCatalogue, person } from "../../../test/reading.ts";
import type { Database } from "../../db/index.ts";
import { rateWork, ratingSummary, removeRating, summarise, yourRating } from "./index.ts";

it("averages half stars and counts each half star with the whole star above it", () => {
  const summary = summarise([
    { halfStars: 10, count: 2 }, // 5 stars
    { halfStars: 7, count: 1 }, // 3½ stars
    { halfStars: 1, count: 1 }, // ½ star
  ]);
  expect(summary.count).toBe(4);
  expect(summary.average).toBeCloseTo((5 + 5 + 3.5 + 0.5) / 4, 10);
  expect(summary.perStar).toEqual([
    { stars: 1, count: 1 },
    { stars: 2, count: 0 },
    { stars: 3, count: 0 },
    { stars: 4, count: 1 },
    { stars: 5, count: 2 },
  ]);
  expect(summary.perHalfStar).toHaveLength(10);
  expect(summary.perHalfStar.find((r) => r.halfStars === 7)?.count).toBe(1);
  expect(summarise([])).toMatchObject({ count: 0, average: null });
});

describeEachEngine("ratings", (engine) => {
  let database: Database;
  let workIds: string[];
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    workIds = (await loadSampleCatalogue(database.db)).map((w) => w.id);
  });
  afterAll(() => database?.close());

  it("keeps one rating per person per work, changed in place and removable", async () => {
    const db = database.db;
    const workId = workIds[0] as string;
    const [a, b, child] = [await person(db), await person(db), await person(db, { birthDate: "2016-01-01" })];
    await rateWork(db, clock, a.id, workId, 8);
    await rateWork(db, clock, a.id, workId, 9); // changed: still one rating
    await rateWork(db, clock, b.id, workId, 4);
    expect((await rateWork(db, clock, child.id, workId, 10)).ok).toBe(true); // children may rate
    expect(await yourRating(db, a.id, workId)).toBe(9);

    const summary = await ratingSummary(db, workId);
    expect(summary.count).toBe(3);
    expect(summary.average).toBeCloseTo((4.5 + 2 + 5) / 3, 10);
    expect(summary.perStar.map((s) => s.count)).toEqual([0, 1, 0, 0, 2]);

    expect(await removeRating(db, a.id, workId)).toBe(true);
    expect(await removeRating(db, a.id, workId)).toBe(false);
    expect(await yourRating(db, a.id, workId)).toBeNull();
    expect((await ratingSummary(db, workId)).count).toBe(2);
    expect(await rateWork(db, clock, a.id, "01900000-0000-7000-8000-000000000000", 5)).toEqual({ ok: false, error: "not-found" });
  });
});
