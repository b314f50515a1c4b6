import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachEngine } from "../../../test/database.ts";
import { fixedClock as clock, loadSampleCatalogue, person } from "../../../test/reading.ts";
import type { Database } from "../../db/index.ts";
import { lists, moderationActions, reports, users } from "../../db/schema/index.ts";
import { addTag, createReview, findReview, findTag, reviewInput, tagInput, workTagCloud } from "../reading/index.ts";
import { fileReport, hiddenItems, moderate, openQueue, recentActions, reportInput, reportTarget } from "./index.ts";

describeEachEngine("moderation", (engine) => {
  let database: Database;
  let workIds: string[];
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    workIds = (await loadSampleCatalogue(database.db)).map((w) => w.id);
  });
  afterAll(() => database?.close());

  const db = () => database.db;
  const report = (reporter: Parameters<typeof fileReport>[2], subjectType: string, subjectId: string, reason = "spam") =>
    fileReport(db(), clock, reporter, reportInput.parse({ subjectType, subjectId, reason, note: `about ${subjectId}` }));

  it("queues reports grouped by subject, hides a review everywhere, records the decision, and restores it", async () => {
    const author = await person(db(), { displayName: "Spammy" });
    const created = await createReview(
      db(),
      clock,
      author,
      workIds[0] as string,
      reviewInput.parse({ title: "Buy now", body: "cheap pills" }),
    );
    if (!created.ok) throw new Error(created.error);
    const reviewId = created.value.id;
    const [a, b] = [await person(db(), { displayName: "First reporter" }), await person(db())];
    expect((await report(a, "review", reviewId)).ok).toBe(true);
    expect((await report(b, "review", reviewId, "off-topic")).ok).toBe(true);

    const queue = await openQueue(db());
    const item = queue.find((q) => q.subjectId === reviewId);
    expect(item?.reports.map((r) => [r.reason, r.reporterName])).toEqual([
      ["spam", "First reporter"],
      ["off-topic", expect.any(String)],
    ]);
    expect(item?.content).toMatchObject({ type: "review", title: "Buy now", authorName: "Spammy", hidden: false });

    const moderator = await person(db(), { role: "moderator", displayName: "Mo" });
    expect(await moderate(db(), clock, a, { subjectType: "review", subjectId: reviewId, action: "hide", note: "" })).toEqual({
      ok: false,
      error: "forbidden",
    });
    const hidden = await moderate(db(), clock, moderator, {
      subjectType: "review",
      subjectId: reviewId,
      action: "hide",
      note: "spam",
    });
    expect(hidden).toEqual({ ok: true, value: { closed: 2 } });
    expect(await findReview(db(), clock, reviewId, null)).toBeNull();
    expect((await openQueue(db())).some((q) => q.subjectId === reviewId)).toBe(false);
    expect((await hiddenItems(db())).map((h) => h.id)).toContain(reviewId);
    const closed = await db().select().from(reports).where(eq(reports.subjectId, reviewId));
    expect(closed.map((r) => r.status)).toEqual(["actioned", "actioned"]);

    // A report on something already hidden joins the queue; restoring brings the review back.
    expect((await report(await person(db()), "review", reviewId)).ok).toBe(false); // nobody else can see it now
    expect((await report(moderator, "review", reviewId)).ok).toBe(true);
    expect((await openQueue(db())).find((q) => q.subjectId === reviewId)?.content?.hidden).toBe(true);
    await moderate(db(), clock, moderator, { subjectType: "review", subjectId: reviewId, action: "restore", note: "fixed" });
    expect(await findReview(db(), clock, reviewId, null)).not.toBeNull();

    const recorded = await db()
      .select()
      .from(moderationActions)
      .where(eq(moderationActions.subjectId, reviewId))
      .orderBy(moderationActions.id);
    expect(recorded.map((r) => [r.action, r.note, r.moderatorId, r.reportId !== null])).toEqual([
      ["hide", "spam", moderator.id, true],
      ["restore", "fixed", moderator.id, true],
    ]);
    expect((await recentActions(db())).filter((r) => r.subjectId === reviewId).map((r) => r.action)).toEqual(["restore", "hide"]);
  });

  it("blocks a reported tag, hides a list and a profile, and dismisses reports without changing anything", async () => {
    const moderator = await person(db(), { role: "moderator" });
    const reader = await person(db());
    await addTag(db(), clock, reader, workIds[1] as string, tagInput.parse({ name: "Nasty word" }));
    const tag = await findTag(db(), "nasty word");
    const [list] = await db().insert(lists).values({ ownerId: reader.id, title: "Rude list", visibility: "public" }).returning();
    if (!tag || !list) throw new Error("setup failed");

    for (const [type, id] of [
      ["tag", tag.id],
      ["list", list.id],
      ["profile", reader.id],
    ] as const) {
      expect((await report(moderator, type, id)).ok, type).toBe(true);
      expect((await moderate(db(), clock, moderator, { subjectType: type, subjectId: id, action: "hide", note: "" })).ok).toBe(
        true,
      );
    }
    expect(await workTagCloud(db(), workIds[1] as string)).toEqual([]);
    expect((await db().select().from(lists).where(eq(lists.id, list.id)))[0]?.hiddenAt).not.toBeNull();
    expect((await db().select().from(users).where(eq(users.id, reader.id)))[0]?.profileHiddenAt).not.toBeNull();

    const other = await person(db());
    await report(other, "profile", reader.id, "harassment");
    const dismissed = await moderate(db(), clock, moderator, {
      subjectType: "profile",
      subjectId: reader.id,
      action: "dismiss",
      note: "not harassment",
    });
    expect(dismissed).toEqual({ ok: true, value: { closed: 1 } });
    expect((await db().select().from(users).where(eq(users.id, reader.id)))[0]?.profileHiddenAt).not.toBeNull();
    expect(
      await moderate(db(), clock, moderator, { subjectType: "profile", subjectId: reader.id, action: "dismiss", note: "" }),
    ).toEqual({ ok: false, error: "nothing-open" });
  });

  it("does not let anyone report what they cannot see, nor something that does not exist", async () => {
    const author = await person(db());
    const privateReview = await createReview(
      db(),
      clock,
      author,
      workIds[2] as string,
      reviewInput.parse({ body: "mine", visibility: "private" }),
    );
    const [privateList] = await db().insert(lists).values({ ownerId: author.id, title: "Secret" }).returning();
    if (!privateReview.ok || !privateList) throw new Error("setup failed");
    const stranger = await person(db());
    expect(await report(stranger, "review", privateReview.value.id)).toEqual({ ok: false, error: "not-found" });
    expect(await report(stranger, "list", privateList.id)).toEqual({ ok: false, error: "not-found" });
    expect(await reportTarget(db(), clock, stranger, "list", privateList.id)).toBeNull();
    expect(await report(stranger, "tag", "01900000-0000-7000-8000-000000000000")).toEqual({ ok: false, error: "not-found" });
  });
});
