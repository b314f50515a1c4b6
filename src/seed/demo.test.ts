import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachEngine } from "../../test/database.ts";
import { systemClock } from "../clock.ts";
import type { Database } from "../db/index.ts";
import { authenticate, getLibrarySettings, listBranches } from "../modules/accounts/index.ts";
import { catalogCounts } from "../modules/catalog/index.ts";
import { DEMO_ACCOUNTS, isEmpty, seedDemo } from "./demo.ts";

describeEachEngine("demo library", (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase(engine);
  });
  afterAll(() => db?.close());

  it("creates Riverside Public Library with two branches, its people and the sample catalogue", async () => {
    expect(await isEmpty(db)).toBe(true);
    await seedDemo({ db: db.db, clock: systemClock });
    expect(await isEmpty(db)).toBe(false);
    expect((await getLibrarySettings(db.db)).libraryName).toBe("Riverside Public Library");
    expect((await listBranches(db.db)).map((b) => b.name)).toEqual(["Eastside Branch", "Main Library"]);
    for (const a of DEMO_ACCOUNTS) {
      const signedIn = await authenticate({ db: db.db }, a.email, a.password);
      expect(signedIn.ok && signedIn.value.role).toBe(a.role);
    }
    const counts = await catalogCounts(db.db);
    expect(counts.editions).toBeGreaterThanOrEqual(22);
    expect(counts.works).toBeGreaterThan(15);
  });
});
