import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachEngine } from "../../../../test/database.ts";
import { createApp, createTestDeps, type TestApp } from "../../../../test/deps.ts";
import { signedInClient, TestClient } from "../../../../test/http.ts";
import { fixedClock, loadSampleCatalogue } from "../../../../test/reading.ts";
import type { Deps } from "../../../compose.ts";
import type { Role } from "../../../db/schema/index.ts";
import { moderationActions, ratings, reports, reviews, reviewVotes, users, workTags } from "../../../db/schema/index.ts";
import { collectPersonalData, executeAccountDeletion } from "../../../modules/accounts/index.ts";

describeEachEngine("reports and the moderation queue", (engine) => {
  let deps: Deps;
  let app: TestApp;
  let workId: string;
  beforeAll(async () => {
    deps = await createTestDeps(engine, { clock: fixedClock, jobs: false });
    app = createApp(deps);
    workId = (await loadSampleCatalogue(deps.db))[0]?.id as string;
  });
  afterAll(async () => {
    await deps?.close();
  });

  const community = () => `/works/${workId}/community`;

  describe("who may open /moderation", () => {
    it("sends visitors to sign in", async () => {
      const res = await new TestClient(app).get("/moderation");
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toBe("/sign-in?next=%2Fmoderation");
    });
    it.each<[Role, number]>([
      ["patron", 403],
      ["staff", 403],
      ["moderator", 200],
      ["admin", 200],
    ])("%s → %i, with the header link only for those who may", async (role, status) => {
      const { client } = await signedInClient(app, deps, role);
      const res = await client.get("/moderation");
      expect(res.status).toBe(status);
      const home = await (await client.get("/")).text();
      expect(home.includes('href="/moderation"')).toBe(status === 200);
      const action = await client.postForm(
        "/moderation/actions",
        { subjectType: "review", subjectId: "01900000-0000-7000-8000-000000000000", action: "hide" },
        { csrfFrom: "/" },
      );
      expect(action.status).toBe(status === 200 ? 404 : 403);
    });
  });

  it("takes a report on a review to the queue; hiding removes it from the pages and the API, restoring brings it back", async () => {
    const author = await signedInClient(app, deps, "patron", { displayName: "Rude Writer" });
    await author.client.postForm(
      `/works/${workId}/review`,
      { title: "Offensive take", body: "Something nasty.", visibility: "public", return: community() },
      { csrfFrom: community() },
    );
    const [review] = await deps.db.select().from(reviews).where(eq(reviews.userId, author.user.id));
    if (!review) throw new Error("no review");

    const reporter = await signedInClient(app, deps, "patron", { displayName: "Careful Reader" });
    const onPage = await (await reporter.client.get(community())).text();
    const reportHref = `/reports/new?subject=review&amp;id=${review.id}`;
    expect(onPage).toContain(reportHref);
    const form = await reporter.client.get(
      `/reports/new?subject=review&id=${review.id}&return=${encodeURIComponent(community())}`,
    );
    expect(form.status).toBe(200);
    const formHtml = await form.text();
    expect(formHtml).toContain("You are reporting the review “Offensive take” by Rude Writer");
    expect(formHtml).toMatch(/<legend>What is wrong\?<\/legend>/);

    const missingReason = await reporter.client.postForm("/reports", {
      subjectType: "review",
      subjectId: review.id,
      note: "kept note",
      return: community(),
    });
    expect(missingReason.status).toBe(422);
    const retry = await missingReason.text();
    expect(retry).toContain('href="#field-reason"');
    expect(retry).toContain("kept note</textarea>");

    const sent = await reporter.client.postForm("/reports", {
      subjectType: "review",
      subjectId: review.id,
      reason: "harassment",
      note: "Insults another reader",
      return: community(),
    });
    expect(sent.status).toBe(303);
    expect(sent.headers.get("location")).toBe(community());

    const moderator = await signedInClient(app, deps, "moderator", { displayName: "Mod Erator" });
    const queue = await (await moderator.client.get("/moderation")).text();
    expect(queue).toContain("Open reports (1)");
    expect(queue).toContain("Something nasty.");
    expect(queue).toContain("Harassment or bullying");
    expect(queue).toContain("Insults another reader");
    expect(queue).toContain("Careful Reader");

    const hidden = await moderator.client.postForm(
      "/moderation/actions",
      { subjectType: "review", subjectId: review.id, action: "hide", note: "breaks rule 2" },
      { csrfFrom: "/moderation" },
    );
    expect(hidden.status).toBe(303);
    const visitor = new TestClient(app);
    expect(await (await visitor.get(community())).text()).not.toContain("Offensive take");
    expect(await (await reporter.client.get(community())).text()).not.toContain("Offensive take");
    const api = await (await visitor.get(`/api/v1/works/${workId}/reviews`)).json();
    expect(api).toEqual({ total: 0, items: [] });
    const ownView = await (await author.client.get(community())).text();
    expect(ownView).toContain("Offensive take");
    expect(ownView).toContain("Hidden by the moderators");
    expect(ownView).toContain("0 reviews");

    const after = await (await moderator.client.get("/moderation")).text();
    expect(after).toContain("Open reports (0)");
    expect(after).toMatch(/<td>Mod Erator<\/td><td>Hide<\/td>.*<td>breaks rule 2<\/td>/s);
    const [recorded] = await deps.db.select().from(moderationActions).where(eq(moderationActions.subjectId, review.id));
    expect(recorded).toMatchObject({ action: "hide", moderatorId: moderator.user.id, note: "breaks rule 2" });

    await moderator.client.postForm(
      "/moderation/actions",
      { subjectType: "review", subjectId: review.id, action: "restore", note: "" },
      { csrfFrom: "/moderation" },
    );
    expect(await (await visitor.get(community())).text()).toContain("Offensive take");
    expect((await (await visitor.get(`/api/v1/works/${workId}/reviews`)).json()).total).toBe(1);
  });

  it("exports a patron's ratings, reviews, votes, tags and reports, and deletes them with the account", async () => {
    const { client, user } = await signedInClient(app, deps, "patron");
    const other = await signedInClient(app, deps, "patron");
    await other.client.postForm(
      `/works/${workId}/review`,
      { title: "Other's", body: "Good.", visibility: "public", return: community() },
      { csrfFrom: community() },
    );
    const [otherReview] = await deps.db.select().from(reviews).where(eq(reviews.userId, other.user.id));
    if (!otherReview) throw new Error("no review");
    const post = (path: string, fields: Record<string, string>) =>
      client.postForm(path, { return: community(), ...fields }, { csrfFrom: community() });
    await post(`/works/${workId}/rating`, { halfStars: "9" });
    await post(`/works/${workId}/review`, { title: "Mine", body: "My words.", visibility: "private" });
    await post(`/reviews/${otherReview.id}/helpful`, { helpful: "yes" });
    await post(`/works/${workId}/tags`, { tag: "Unforgettable yarn" });
    await post("/reports", { subjectType: "review", subjectId: otherReview.id, reason: "spoiler", note: "ruins the end" });

    const data = await collectPersonalData(deps.db, user.id, deps.personalData);
    expect(data.ratings).toMatchObject([{ workId, stars: 4.5 }]);
    expect(data.reviews).toMatchObject([{ title: "Mine", body: "My words.", visibility: "private" }]);
    expect(data.review_votes).toMatchObject([{ reviewId: otherReview.id }]);
    expect(data.tags).toMatchObject([{ workId, tag: "Unforgettable yarn", private: false }]);
    expect(data.reports).toMatchObject([{ subjectId: otherReview.id, reason: "spoiler", note: "ruins the end", status: "open" }]);
    const zip = await client.get("/account/data.zip");
    expect(zip.status).toBe(200);

    const due = new Date(fixedClock.now().getTime() - 30 * 86400_000);
    await deps.db.update(users).set({ deletionRequestedAt: due }).where(eq(users.id, user.id));
    expect(await executeAccountDeletion(deps.db, fixedClock, user.id, deps.personalData)).toBe("deleted");
    expect(await deps.db.select().from(ratings).where(eq(ratings.userId, user.id))).toEqual([]);
    expect(await deps.db.select().from(reviews).where(eq(reviews.userId, user.id))).toEqual([]);
    expect(await deps.db.select().from(reviewVotes).where(eq(reviewVotes.userId, user.id))).toEqual([]);
    expect(await deps.db.select().from(workTags).where(eq(workTags.userId, user.id))).toEqual([]);
    const [stillThere] = await deps.db.select().from(reviews).where(eq(reviews.id, otherReview.id));
    expect(stillThere?.helpfulCount).toBe(0); // the vote went with the account
    const [report] = await deps.db.select().from(reports).where(eq(reports.subjectId, otherReview.id));
    expect(report).toMatchObject({ reporterId: null, note: "", reason: "spoiler" }); // kept for moderators, anonymous
    const search = await (await new TestClient(app).get("/search?q=unforgettable")).text();
    expect(search).not.toContain(`/works/${workId}"`);
  });
});
