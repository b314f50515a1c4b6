import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachEngine } from "../../../test/database.ts";
import { fixedClock, loadSampleCatalogue, person } from "../../../test/reading.ts";
import type { Database } from "../../db/index.ts";
import { follows, shelfItems, shelves, users } from "../../db/schema/index.ts";
import {
  createShelf,
  deleteShelf,
  myShelves,
  type ReadingContext,
  removeFromShelf,
  saveShelving,
  shelfItemInput,
  shelveOnDefault,
  shelveWork,
  updateShelf,
  viewShelf,
  workShelving,
} from "./index.ts";

describeEachEngine("shelves", (engine) => {
  let database: Database;
  let ctx: ReadingContext;
  let workIds: string[];
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    ctx = { db: database.db, clock: fixedClock };
    workIds = (await loadSampleCatalogue(database.db)).map((w) => w.id);
  });
  afterAll(() => database?.close());

  const work = (i: number) => {
    const id = workIds[i];
    if (!id) throw new Error(`no sample work ${i}`);
    return id;
  };
  const shelfOf = async (userId: string, kind: string) => {
    const found = (await myShelves(ctx.db, userId)).find((s) => s.kind === kind);
    if (!found) throw new Error(`no ${kind} shelf`);
    return found;
  };
  const shelvesHolding = async (userId: string, workId: string) =>
    (
      await ctx.db
        .select({ kind: shelves.kind, name: shelves.name })
        .from(shelfItems)
        .innerJoin(shelves, eq(shelves.id, shelfItems.shelfId))
        .where(and(eq(shelves.userId, userId), eq(shelfItems.workId, workId)))
    )
      .map((s) => s.name)
      .sort();

  it("makes the four default shelves on first use, private, once", async () => {
    const reader = await person(ctx.db);
    const first = await myShelves(ctx.db, reader.id);
    expect(first.map((s) => [s.kind, s.visibility, s.itemCount])).toEqual([
      ["want-to-read", "private", 0],
      ["reading", "private", 0],
      ["read", "private", 0],
      ["stopped", "private", 0],
    ]);
    expect((await myShelves(ctx.db, reader.id)).map((s) => s.id)).toEqual(first.map((s) => s.id));
  });

  it("keeps a work on one default shelf at a time, carrying its dates, and on any number of custom shelves", async () => {
    const reader = await person(ctx.db);
    const favourites = await createShelf(ctx, reader.id, { name: "Favourites", visibility: "private" });
    const lent = await createShelf(ctx, reader.id, { name: "Lent to friends", visibility: "private" });
    if (!favourites.ok || !lent.ok) throw new Error("could not make the custom shelves");

    expect((await shelveOnDefault(ctx, reader.id, "want-to-read", work(0), {})).ok).toBe(true);
    const reading = await shelveOnDefault(ctx, reader.id, "reading", work(0), { startedOn: "2026-01-10", progress: 40 });
    expect(reading.ok && reading.value).toMatchObject({ startedOn: "2026-01-10", progress: 40 });
    expect((await shelveWork(ctx, reader.id, favourites.value.id, work(0), {})).ok).toBe(true);
    expect((await shelveWork(ctx, reader.id, lent.value.id, work(0), {})).ok).toBe(true);
    expect(await shelvesHolding(reader.id, work(0))).toEqual(["Favourites", "Lent to friends", "reading"]);

    const read = await shelveOnDefault(ctx, reader.id, "read", work(0), { finishedOn: "2026-02-20", progress: 100 });
    expect(read.ok && read.value).toMatchObject({ startedOn: "2026-01-10", finishedOn: "2026-02-20", progress: 100 });
    expect(await shelvesHolding(reader.id, work(0))).toEqual(["Favourites", "Lent to friends", "read"]);

    const state = await workShelving(ctx.db, reader.id, work(0));
    expect(state.status).toMatchObject({ kind: "read", startedOn: "2026-01-10", finishedOn: "2026-02-20" });
    expect(state.customShelfIds.sort()).toEqual([favourites.value.id, lent.value.id].sort());
    expect((await shelfOf(reader.id, "read")).itemCount).toBe(1);
    expect((await shelfOf(reader.id, "reading")).itemCount).toBe(0);
  });

  it("saves the record page's choice in one go: status, dates and custom shelves, or takes the work off", async () => {
    const reader = await person(ctx.db);
    const custom = await createShelf(ctx, reader.id, { name: "Holiday", visibility: "private" });
    if (!custom.ok) throw new Error("no custom shelf");
    const dates = shelfItemInput.parse({ startedOn: "2026-02-01", progress: 10 });
    const saved = await saveShelving(ctx, reader.id, work(1), { status: "reading", dates, customShelfIds: [custom.value.id] });
    expect(saved.ok && saved.value.status).toMatchObject({ kind: "reading", startedOn: "2026-02-01", progress: 10 });
    expect(saved.ok && saved.value.customShelfIds).toEqual([custom.value.id]);

    const cleared = await saveShelving(ctx, reader.id, work(1), { status: null, dates, customShelfIds: [] });
    expect(cleared.ok && cleared.value).toMatchObject({ status: null, customShelfIds: [] });

    // Someone else's shelf id is ignored: only the person's own custom shelves can be chosen.
    const other = await person(ctx.db);
    const theirs = await createShelf(ctx, other.id, { name: "Theirs", visibility: "private" });
    if (!theirs.ok) throw new Error("no shelf");
    await saveShelving(ctx, reader.id, work(1), { status: null, dates, customShelfIds: [theirs.value.id] });
    expect(await shelvesHolding(other.id, work(1))).toEqual([]);
  });

  it("refuses a finishing date before the starting date and leaves the shelves as they were", async () => {
    const reader = await person(ctx.db);
    await shelveOnDefault(ctx, reader.id, "reading", work(2), { startedOn: "2026-02-10" });
    const moved = await shelveOnDefault(ctx, reader.id, "read", work(2), { finishedOn: "2026-02-01" });
    expect(moved).toEqual({ ok: false, error: "date-order" });
    expect(await shelvesHolding(reader.id, work(2))).toEqual(["reading"]);
    expect(shelfItemInput.safeParse({ progress: 101 }).success).toBe(false);
    expect(shelfItemInput.safeParse({ progress: 2.5 }).success).toBe(false);
    expect(shelfItemInput.safeParse({ startedOn: "2026-02-30" }).success).toBe(false);
  });

  it("makes, renames, opens and deletes custom shelves; default shelves keep their names and cannot be deleted", async () => {
    const reader = await person(ctx.db);
    expect(await createShelf(ctx, reader.id, { name: "READ", visibility: "private" })).toEqual({
      ok: false,
      error: "name-taken",
    });
    const made = await createShelf(ctx, reader.id, { name: "Poetry", visibility: "private" });
    if (!made.ok) throw new Error("no shelf");
    expect(await updateShelf(ctx, reader.id, made.value.id, { name: "poetry " })).toMatchObject({ ok: true });
    const renamed = await updateShelf(ctx, reader.id, made.value.id, { name: "Verse", visibility: "public" });
    expect(renamed.ok && renamed.value).toMatchObject({ name: "Verse", visibility: "public" });

    const read = await shelfOf(reader.id, "read");
    expect(await updateShelf(ctx, reader.id, read.id, { name: "Done" })).toEqual({ ok: false, error: "default-shelf" });
    expect((await updateShelf(ctx, reader.id, read.id, { visibility: "followers" })).ok).toBe(true);
    expect(await deleteShelf(ctx.db, reader.id, read.id)).toEqual({ ok: false, error: "default-shelf" });

    const stranger = await person(ctx.db);
    expect(await updateShelf(ctx, stranger.id, made.value.id, { name: "Mine now" })).toEqual({ ok: false, error: "not-found" });
    expect(await deleteShelf(ctx.db, stranger.id, made.value.id)).toEqual({ ok: false, error: "not-found" });
    expect(await removeFromShelf(ctx.db, stranger.id, made.value.id, work(0))).toEqual({ ok: false, error: "not-found" });

    await shelveWork(ctx, reader.id, made.value.id, work(3), {});
    expect((await deleteShelf(ctx.db, reader.id, made.value.id)).ok).toBe(true);
    expect(await myShelves(ctx.db, reader.id)).toHaveLength(4);
  });

  it("shows a shelf to whoever its visibility allows, and hides a hidden profile's shelves", async () => {
    const owner = await person(ctx.db, { displayName: "Owner" });
    const follower = await person(ctx.db);
    const stranger = await person(ctx.db);
    await ctx.db.insert(follows).values({ followerId: follower.id, followeeId: owner.id });
    let made = 0;
    const seen = async (visibility: "public" | "followers" | "private") => {
      made += 1;
      const shelf = await createShelf(ctx, owner.id, { name: `Shelf ${made}`, visibility });
      if (!shelf.ok) throw new Error("no shelf");
      const sees = async (viewer: typeof owner | null) => (await viewShelf(ctx.db, viewer, shelf.value.id)).ok;
      return [await sees(owner), await sees(follower), await sees(stranger), await sees(null)];
    };
    expect(await seen("public")).toEqual([true, true, true, true]);
    expect(await seen("followers")).toEqual([true, true, false, false]);
    expect(await seen("private")).toEqual([true, false, false, false]);

    await ctx.db.update(users).set({ profileHiddenAt: fixedClock.now() }).where(eq(users.id, owner.id));
    expect(await seen("public")).toEqual([true, false, false, false]);
  });

  it("keeps a child's shelves private", async () => {
    const child = await person(ctx.db, { birthDate: "2016-05-01" });
    expect(await createShelf(ctx, child.id, { name: "Dragons", visibility: "public" })).toEqual({
      ok: false,
      error: "child-private",
    });
    const made = await createShelf(ctx, child.id, { name: "Dragons", visibility: "private" });
    if (!made.ok) throw new Error("no shelf");
    expect(await updateShelf(ctx, child.id, made.value.id, { visibility: "followers" })).toEqual({
      ok: false,
      error: "child-private",
    });
  });
});
