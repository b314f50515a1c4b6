import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachEngine } from "../../../test/database.ts";
import { fixedClock as clock, loadSampleCatalogue, person } from "../../../test/reading.ts";
import type { Database } from "../../db/index.ts";
import {
  addTag,
  blockTag,
  findTag,
  mergeTag,
  type Reader,
  removeTag,
  setTagBlocked,
  tagInput,
  tagPage,
  workTagCloud,
  yourTags,
} from "./index.ts";

describeEachEngine("tags", (engine) => {
  let database: Database;
  let workIds: string[];
  let staff: Reader;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    workIds = (await loadSampleCatalogue(database.db)).map((w) => w.id);
    staff = await person(database.db, { role: "staff" });
  });
  afterAll(() => database?.close());

  const db = () => database.db;
  const tag = (reader: Reader, workId: string, name: string, isPrivate = false) =>
    addTag(db(), clock, reader, workId, tagInput.parse({ name, private: isPrivate }));
  /** The works whose search document matches the words, as the catalogue search matches them. */
  const found = async (words: string) =>
    (
      await database.rows<{ id: string }>(
        sql`select id from works where search_document @@ plainto_tsquery('simple', unaccent(${words})) order by id`,
      )
    ).map((r) => r.id);
  const cloud = async (workId: string) => (await workTagCloud(db(), workId)).map((t) => [t.name, t.count]);

  it("gathers differently written tags into one, counted once per person, and keeps the first display name", async () => {
    const workId = workIds[0] as string;
    const [a, b, c] = [await person(db()), await person(db()), await person(db())];
    await tag(a, workId, "Science Fiction");
    await tag(b, workId, "  science   FICTION ");
    await tag(c, workId, "science fiction");
    await tag(c, workId, "Space opera");
    expect(await cloud(workId)).toEqual([
      ["Science Fiction", 3],
      ["Space opera", 1],
    ]);
    expect(await found("space opera")).toEqual([workId]);
  });

  it("never shows, counts or finds a private tag for others, but shows it to its owner", async () => {
    const workId = workIds[1] as string;
    const owner = await person(db());
    const added = await tag(owner, workId, "Zanzibarian reread", true);
    expect(added.ok && added.value.private).toBe(true);
    expect(await cloud(workId)).toEqual([]);
    expect(await found("zanzibarian")).toEqual([]);
    expect((await yourTags(db(), owner.id, workId)).map((t) => [t.name, t.private])).toEqual([["Zanzibarian reread", true]]);
    expect(await tagPage(db(), "zanzibarian reread", await person(db()))).toBeNull(); // not even its name
    expect(await tagPage(db(), "zanzibarian reread", staff)).toMatchObject({ kind: "tag", works: [], related: [] });
    // Made public by adding it again without the private mark: now found.
    await tag(owner, workId, "zanzibarian reread");
    expect(await found("zanzibarian")).toEqual([workId]);
    expect(await removeTag(db(), owner.id, workId, (await findTag(db(), "Zanzibarian reread"))?.id ?? "")).toBe(true);
    expect(await found("zanzibarian")).toEqual([]);
  });

  it("makes an under-13 account's tags private", async () => {
    const child = await person(db(), { birthDate: "2016-05-05" });
    const added = await tag(child, workIds[2] as string, "Quixotic dragons");
    expect(added.ok && added.value.private).toBe(true);
    expect(await cloud(workIds[2] as string)).toEqual([]);
    expect(await found("quixotic")).toEqual([]);
  });

  it("lists a tag's works on its page, with the tags given most often to them", async () => {
    const [a, b] = [await person(db()), await person(db())];
    const [w3, w4] = [workIds[3] as string, workIds[4] as string];
    await tag(a, w3, "Cozy mystery");
    await tag(b, w3, "cozy mystery");
    await tag(a, w4, "Cozy Mystery");
    await tag(a, w3, "Village life");
    await tag(b, w4, "Village life");
    await tag(b, w4, "Secret note", true);
    const page = await tagPage(db(), "COZY MYSTERY", null);
    if (page?.kind !== "tag") throw new Error("no tag page");
    expect(page.works.map((w) => [w.id, w.count])).toEqual([
      [w3, 2],
      [w4, 1],
    ]);
    expect(page.related.map((t) => [t.name, t.count])).toEqual([["Village life", 2]]);
    expect(await tagPage(db(), "never used", null)).toBeNull();
  });

  it("shows and counts a merged tag as its target, redirects its page, and gives the target when it is added", async () => {
    const workId = workIds[5] as string;
    const [a, b, c] = [await person(db()), await person(db()), await person(db())];
    await tag(a, workId, "Sci-fi");
    await tag(b, workId, "Science fiction");
    await tag(c, workId, "SF");
    const sf = await findTag(db(), "sf");
    if (!sf) throw new Error("no sf");
    // SF into Sci-fi, then Sci-fi into Science fiction: SF follows, so no merge is a chain.
    expect(await mergeTag(db(), clock, a, sf.id, "Sci-fi")).toEqual({ ok: false, error: "forbidden" });
    expect((await mergeTag(db(), clock, staff, sf.id, "sci‑fi")).ok).toBe(true);
    const scifi = await findTag(db(), "sci-fi");
    expect((await mergeTag(db(), clock, staff, scifi?.id ?? "", "science fiction")).ok).toBe(true);
    expect(await mergeTag(db(), clock, staff, scifi?.id ?? "", "sf")).toEqual({ ok: false, error: "same-tag" });
    expect(await mergeTag(db(), clock, staff, scifi?.id ?? "", "no such tag")).toEqual({ ok: false, error: "target-not-found" });
    expect((await findTag(db(), "sf"))?.mergedIntoId).toBe((await findTag(db(), "science fiction"))?.id);

    const counts = new Map((await workTagCloud(db(), workId)).map((t) => [t.name, t.count] as const));
    expect(counts.get("Science Fiction") ?? counts.get("Science fiction")).toBe(3);
    expect(counts.has("Sci-fi") || counts.has("SF")).toBe(false);
    expect(await tagPage(db(), "sf", null)).toMatchObject({ kind: "merged", into: { normalized: "science fiction" } });
    const added = await tag(await person(db()), workId, "SF");
    expect(added.ok && added.value.tag.normalized).toBe("science fiction");
    expect((await yourTags(db(), a.id, workId)).map((t) => t.normalized)).toEqual(["science fiction"]);
  });

  it("hides a blocked tag everywhere, refuses it, and brings it back when unblocked", async () => {
    const workId = workIds[6] as string;
    const a = await person(db());
    await tag(a, workId, "Xylophonic slur");
    const blocked = await findTag(db(), "xylophonic slur");
    if (!blocked) throw new Error("no tag");
    expect(await blockTag(db(), clock, a, blocked.id, true)).toEqual({ ok: false, error: "forbidden" });
    expect(await blockTag(db(), clock, staff, blocked.id, true)).toEqual({ ok: true, value: null });
    expect(await cloud(workId)).toEqual([]);
    expect(await yourTags(db(), a.id, workId)).toEqual([]);
    expect(await found("xylophonic")).toEqual([]);
    expect(await tagPage(db(), "xylophonic slur", a)).toBeNull();
    expect(await tagPage(db(), "xylophonic slur", staff)).toMatchObject({ kind: "tag", tag: { blocked: true } });
    expect(await tag(await person(db()), workId, "XYLOPHONIC SLUR")).toEqual({ ok: false, error: "blocked" });
    await database.db.transaction((tx) => setTagBlocked(tx, clock, blocked.id, false));
    expect(await cloud(workId)).toEqual([["Xylophonic slur", 1]]);
    expect(await found("xylophonic")).toEqual([workId]);
  });
});
