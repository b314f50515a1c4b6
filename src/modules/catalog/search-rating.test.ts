// The rating facet: cumulative bands over each work's average patron rating, and the filter it offers.
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachEngine } from "../../../test/database.ts";
import { loadSampleCatalogue, person } from "../../../test/reading.ts";
import { systemClock } from "../../clock.ts";
import type { Database } from "../../db/index.ts";
import { rateWork } from "../reading/index.ts";
import { searchCatalog, searchParamsSchema, toSearchRequest } from "./index.ts";

describeEachEngine("search by patron rating", (engine) => {
  let db: Database;
  const search = (params: Record<string, string>) =>
    searchCatalog(db.db, toSearchRequest(searchParamsSchema.parse(params)), "en");
  beforeAll(async () => {
    db = await createTestDatabase(engine);
    const works = await loadSampleCatalogue(db.db);
    const [a, b] = [await person(db.db), await person(db.db)];
    const rate = (reader: { id: string }, index: number, halfStars: number) =>
      rateWork(db.db, systemClock, reader.id, works[index]?.id ?? "", halfStars);
    await rate(a, 0, 10); // work 0: 5 and 4 stars → 4.5
    await rate(b, 0, 8);
    await rate(a, 1, 6); // work 1: 3 stars
    await rate(a, 2, 4); // work 2: 2 and 1 → 1.5
    await rate(b, 2, 2);
  });
  afterAll(() => db?.close());

  it("counts works in cumulative bands and filters by them", async () => {
    const all = await search({});
    expect(all.facets.rating).toEqual([
      { value: "4", count: 1 },
      { value: "3", count: 2 },
      { value: "2", count: 2 },
      { value: "1", count: 3 },
    ]);
    expect((await search({ rating: "3" })).total).toBe(2);
    expect((await search({ rating: "4" })).total).toBe(1);
    expect(() => searchParamsSchema.parse({ rating: "5" })).toThrow();
  });
});
