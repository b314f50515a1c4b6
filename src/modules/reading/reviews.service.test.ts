import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, describeEachEngine } from "../../../test/database.ts";
import { fixedClock as clock, loadSampleCatalogue, person, setBirthDate } from "../../../test/reading.ts";
import type { Database } from "../../db/index.ts";
import { follows } from "../../db/schema/index.ts";
import {
  createReview,
  deleteReview,
  featureReview,
  findReview,
  loadReader,
  type Reader,
  type ReviewInput,
  reviewInput,
  saveOwnReview,
  setReviewHidden,
  updateReview,
  voteHelpful,
  workReviews,
} from "./index.ts";

const input = (overrides: Partial<ReviewInput> = {}): ReviewInput => reviewInput.parse({ body: "A fine book.", ...overrides });

describeEachEngine("reviews", (engine) => {
  let database: Database;
  let workIds: string[];
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    workIds = (await loadSampleCatalogue(database.db)).map((w) => w.id);
  });
  afterAll(() => database?.close());

  const db = () => database.db;
  const titlesSeenBy = async (workId: string, reader: Reader | null) =>
    (await workReviews(db(), clock, workId, reader)).items.map((r) => r.title).sort();

  describe("visibility", () => {
    let workId: string;
    let author: Reader;
    let follower: Reader;
    let stranger: Reader;
    beforeAll(async () => {
      workId = workIds[0] as string;
      author = await person(db());
      follower = await person(db());
      stranger = await person(db());
      await db().insert(follows).values({ followerId: follower.id, followeeId: author.id });
      // Three readers, one review each at a different visibility, so each rule is seen in isolation.
      const publicAuthor = await person(db());
      const privateAuthor = await person(db());
      await createReview(db(), clock, author, workId, input({ title: "for followers", visibility: "followers" }));
      await createReview(db(), clock, publicAuthor, workId, input({ title: "for everyone", visibility: "public" }));
      await createReview(db(), clock, privateAuthor, workId, input({ title: "just for me", visibility: "private" }));
      await db().insert(follows).values({ followerId: author.id, followeeId: privateAuthor.id });
    });

    it("a signed-out visitor sees public reviews only", async () => {
      expect(await titlesSeenBy(workId, null)).toEqual(["for everyone"]);
      expect((await workReviews(db(), clock, workId, null)).total).toBe(1);
    });

    it("another patron sees public reviews, not followers-only or private ones", async () => {
      expect(await titlesSeenBy(workId, stranger)).toEqual(["for everyone"]);
    });

    it("a follower of the author also sees the author's followers-only review", async () => {
      expect(await titlesSeenBy(workId, follower)).toEqual(["for everyone", "for followers"]);
    });

    it("the author sees their own review at any visibility; following someone never shows their private one", async () => {
      expect(await titlesSeenBy(workId, author)).toEqual(["for everyone", "for followers"]);
      const own = (await workReviews(db(), clock, workId, author)).items.find((r) => r.title === "for followers");
      expect(own?.mine).toBe(true);
    });

    it("a private review is found by nobody but its author, also one by one", async () => {
      const privateAuthor = await person(db());
      const created = await createReview(db(), clock, privateAuthor, workIds[1] as string, input({ visibility: "private" }));
      if (!created.ok) throw new Error(created.error);
      expect(await findReview(db(), clock, created.value.id, privateAuthor)).not.toBeNull();
      for (const other of [null, stranger, follower, await person(db(), { role: "admin" })]) {
        expect(await findReview(db(), clock, created.value.id, other)).toBeNull();
      }
    });
  });

  it("keeps one review per person per work: the form saves over it, the API answers already-reviewed", async () => {
    const reader = await person(db());
    const workId = workIds[2] as string;
    const first = await saveOwnReview(db(), clock, reader, workId, input({ title: "First thoughts" }));
    const second = await saveOwnReview(db(), clock, reader, workId, input({ title: "Second thoughts" }));
    expect(first.ok && second.ok && first.value.id === second.value.id).toBe(true);
    expect(await createReview(db(), clock, reader, workId, input())).toEqual({ ok: false, error: "already-reviewed" });
    expect(await createReview(db(), clock, reader, "01900000-0000-7000-8000-000000000000", input())).toEqual({
      ok: false,
      error: "not-found",
    });
    expect(await titlesSeenBy(workId, null)).toEqual(["Second thoughts"]);
  });

  it("lets only the author edit and delete a review", async () => {
    const author = await person(db());
    const other = await person(db());
    const created = await createReview(db(), clock, author, workIds[3] as string, input({ title: "Mine" }));
    if (!created.ok) throw new Error(created.error);
    const id = created.value.id;
    expect(await updateReview(db(), clock, other, id, { title: "Theirs" })).toEqual({ ok: false, error: "forbidden" });
    expect(await deleteReview(db(), other, id)).toEqual({ ok: false, error: "forbidden" });
    const edited = await updateReview(db(), clock, author, id, { title: "Mine, revised", spoiler: true });
    expect(edited.ok && edited.value).toMatchObject({
      title: "Mine, revised",
      spoiler: true,
      body: "A fine book.",
      visibility: "public",
    });
    expect(await deleteReview(db(), author, id)).toEqual({ ok: true, value: { workId: workIds[3] } });
    expect(await findReview(db(), clock, id, author)).toBeNull();
  });

  describe("under-13 accounts", () => {
    it("have their reviews forced private, whatever they ask for, on writing and on editing", async () => {
      const child = await person(db(), { birthDate: "2015-06-01" });
      expect(child.child).toBe(true);
      const created = await createReview(db(), clock, child, workIds[4] as string, input({ visibility: "public" }));
      expect(created.ok && created.value.visibility).toBe("private");
      if (!created.ok) return;
      const edited = await updateReview(db(), clock, child, created.value.id, { visibility: "followers" });
      expect(edited.ok && edited.value.visibility).toBe("private");
      expect(await findReview(db(), clock, created.value.id, null)).toBeNull();
    });

    it("keep old public reviews from others once the birth date says they are under 13", async () => {
      const reader = await person(db());
      const created = await createReview(db(), clock, reader, workIds[5] as string, input({ title: "Written as an adult" }));
      if (!created.ok) throw new Error(created.error);
      expect(await titlesSeenBy(workIds[5] as string, null)).toEqual(["Written as an adult"]);
      await setBirthDate(db(), reader.id, "2014-03-02"); // twelve until tomorrow
      expect(await titlesSeenBy(workIds[5] as string, null)).toEqual([]);
      const self = await loadReader(db(), clock, reader);
      expect(await titlesSeenBy(workIds[5] as string, self)).toEqual(["Written as an adult"]);
      await setBirthDate(db(), reader.id, "2013-03-01"); // thirteen today
      expect(await titlesSeenBy(workIds[5] as string, null)).toEqual(["Written as an adult"]);
    });
  });

  it("counts helpful votes once per person, never on one's own review, and takes them back", async () => {
    const author = await person(db());
    const created = await createReview(db(), clock, author, workIds[6] as string, input());
    if (!created.ok) throw new Error(created.error);
    const id = created.value.id;
    const [a, b] = [await person(db()), await person(db())];
    expect(await voteHelpful(db(), clock, author, id, true)).toEqual({ ok: false, error: "own-review" });
    await voteHelpful(db(), clock, a, id, true);
    await voteHelpful(db(), clock, a, id, true);
    const second = await voteHelpful(db(), clock, b, id, true);
    expect(second.ok && second.value.helpfulCount).toBe(2);
    expect((await findReview(db(), clock, id, a))?.votedHelpful).toBe(true);
    const undone = await voteHelpful(db(), clock, a, id, false);
    expect(undone.ok && undone.value.helpfulCount).toBe(1);
  });

  it("puts a featured review first, lets only staff feature, and only public reviews", async () => {
    const workId = workIds[7] as string;
    const [early, late, followersOnly] = [await person(db()), await person(db()), await person(db())];
    const first = await createReview(db(), clock, early, workId, input({ title: "early" }));
    await createReview(db(), { now: () => new Date(clock.now().getTime() + 60_000) }, late, workId, input({ title: "late" }));
    const hidden = await createReview(db(), clock, followersOnly, workId, input({ title: "friends", visibility: "followers" }));
    if (!first.ok || !hidden.ok) throw new Error("reviews not created");
    expect((await workReviews(db(), clock, workId, null)).items.map((r) => r.title)).toEqual(["late", "early"]);
    const staff = await person(db(), { role: "staff" });
    expect(await featureReview(db(), clock, late, first.value.id, true)).toEqual({ ok: false, error: "forbidden" });
    expect(await featureReview(db(), clock, staff, hidden.value.id, true)).toEqual({ ok: false, error: "not-found" });
    expect((await featureReview(db(), clock, staff, first.value.id, true)).ok).toBe(true);
    const listed = (await workReviews(db(), clock, workId, null)).items;
    expect(listed.map((r) => [r.title, r.featured])).toEqual([
      ["early", true],
      ["late", false],
    ]);
  });

  it("shows a hidden review to nobody but its author and moderators, marked hidden, and counts it for nobody", async () => {
    const workId = workIds[8] as string;
    const author = await person(db());
    const created = await createReview(db(), clock, author, workId, input({ title: "reported" }));
    if (!created.ok) throw new Error(created.error);
    await setReviewHidden(db(), clock, created.value.id, true);
    const moderator = await person(db(), { role: "moderator" });
    expect(await titlesSeenBy(workId, null)).toEqual([]);
    expect(await titlesSeenBy(workId, await person(db()))).toEqual([]);
    for (const reader of [author, moderator]) {
      const seen = await workReviews(db(), clock, workId, reader);
      expect(seen.items.map((r) => [r.title, r.hidden])).toEqual([["reported", true]]);
      expect(seen.total).toBe(0);
    }
    expect(await voteHelpful(db(), clock, moderator, created.value.id, true)).toEqual({ ok: false, error: "not-found" });
    await setReviewHidden(db(), clock, created.value.id, false);
    expect(await titlesSeenBy(workId, null)).toEqual(["reported"]);
  });

  it("leaves out spoilers when asked", async () => {
    const workId = workIds[9] as string;
    await createReview(db(), clock, await person(db()), workId, input({ title: "safe" }));
    await createReview(db(), clock, await person(db()), workId, input({ title: "spoils", spoiler: true }));
    const without = await workReviews(db(), clock, workId, null, { withoutSpoilers: true });
    expect(without.items.map((r) => r.title)).toEqual(["safe"]);
  });
});
