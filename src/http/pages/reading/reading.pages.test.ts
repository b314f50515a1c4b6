import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachEngine } from "../../../../test/database.ts";
import { createApp, createTestDeps, type TestApp } from "../../../../test/deps.ts";
import { signedInClient, TestClient } from "../../../../test/http.ts";
import { fixedClock, loadSampleCatalogue } from "../../../../test/reading.ts";
import type { Deps } from "../../../compose.ts";
import { auditLog, follows, reviews, users } from "../../../db/schema/index.ts";
import { findTag } from "../../../modules/reading/index.ts";

describeEachEngine("reading pages", (engine) => {
  let deps: Deps;
  let app: TestApp;
  let workIds: string[];
  beforeAll(async () => {
    deps = await createTestDeps(engine, { clock: fixedClock, jobs: false });
    app = createApp(deps);
    workIds = (await loadSampleCatalogue(deps.db)).map((w) => w.id);
  });
  afterAll(async () => {
    await deps?.close();
  });

  const community = (workId: string) => `/works/${workId}/community`;
  const page = async (client: TestClient, path: string) => {
    const res = await client.get(path);
    expect(res.status, path).toBe(200);
    return res.text();
  };
  const review = (client: TestClient, workId: string, fields: Record<string, string>) =>
    client.postForm(
      `/works/${workId}/review`,
      { return: `/works/${workId}#reviews`, ...fields },
      { csrfFrom: community(workId) },
    );

  it("shows a work's community page to a signed-out visitor, with sign-in links instead of forms", async () => {
    const html = await page(new TestClient(app), community(workIds[0] as string));
    expect(html.match(/<h1>/g)).toHaveLength(1);
    expect(html).toContain('id="ratings-heading"');
    expect(html).toContain('id="reviews-heading"');
    expect(html).toContain('id="tags-heading"');
    expect(html).toContain("Nobody has rated this yet.");
    expect(html).toContain("Sign in to rate this");
    expect(html).toContain("Sign in to write a review");
    expect(html).not.toContain('name="halfStars"');
    expect((await new TestClient(app).get(community("01900000-0000-7000-8000-000000000000"))).status).toBe(404);
    expect((await new TestClient(app).get("/works/not-a-uuid/community")).status).toBe(404);
  });

  it("rates in half stars, shows the average and the chart with its numbers, changes and removes the rating", async () => {
    const workId = workIds[1] as string;
    const { client } = await signedInClient(app, deps);
    const form = await page(client, community(workId));
    expect(form).toMatch(/<fieldset class="star-choices"><legend>Your rating<\/legend>/);
    expect(form).toContain(`<label for="rate-${workId}-7">3.5 stars</label>`);
    const rated = await client.postForm(`/works/${workId}/rating`, { halfStars: "7", return: `/works/${workId}#ratings` });
    expect(rated.status).toBe(303);
    expect(rated.headers.get("location")).toBe(`/works/${workId}#ratings`);
    const other = (await signedInClient(app, deps)).client;
    await other.postForm(`/works/${workId}/rating`, { halfStars: "10", return: community(workId) });
    const html = await page(client, community(workId));
    expect(html).toContain("4.3 out of 5 on average");
    expect(html).toContain("from 2 ratings");
    expect(html).toContain("Your rating: 3.5 stars");
    expect(html).toMatch(/<th scope="row">4 stars<\/th><td class="rating-share">.*?<span>50%<\/span><\/td><td>1<\/td>/s);
    expect(html).toContain('<rect class="rating-bar-fill" x="0" y="0" width="50" height="10">');
    expect((await client.postForm(`/works/${workId}/rating`, { halfStars: "11" })).headers.get("location")).toBe(
      `/works/${workId}#ratings`,
    );
    await client.postForm(`/works/${workId}/rating/delete`, { return: community(workId) });
    expect(await page(client, community(workId))).toContain("from 1 rating");
  });

  it("publishes a review with a spoiler and content warning, folded behind <details>, with markdown rendered safely", async () => {
    const workId = workIds[2] as string;
    const { client } = await signedInClient(app, deps, "patron", { displayName: "Ana Reader" });
    const res = await review(client, workId, {
      title: "Twisty",
      body: "**Loved** the ending <script>alert(1)</script>",
      spoiler: "on",
      contentWarning: "grief",
      visibility: "public",
    });
    expect(res.status).toBe(303);
    const html = await page(new TestClient(app), community(workId));
    expect(html).toContain("<summary>Spoiler and content warning: grief. Show the review</summary>");
    expect(html).toContain("<strong>Loved</strong> the ending");
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("By Ana Reader");
    expect(html).toContain("1 review");
    // The author's form is filled with the review, to edit it.
    const own = await page(client, community(workId));
    expect(own).toContain("Edit your review");
    expect(own).toContain('value="Twisty"');
  });

  it("re-renders a review with problems with 422, the text kept and the problem at the field", async () => {
    const workId = workIds[3] as string;
    const { client } = await signedInClient(app, deps);
    const res = await review(client, workId, { title: "x".repeat(201), body: "   ", contentWarning: "kept warning" });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('href="#field-body"');
    expect(html).toMatch(/id="field-body-error"[^>]*>Write your review/);
    expect(html).toMatch(/id="field-title-error"[^>]*>Use at most 200 characters/);
    expect(html).toContain('value="kept warning"');
    // Sent again from here, the form still goes back to the record page it came from.
    expect(html).toContain(`<input type="hidden" name="return" value="/works/${workId}#reviews"/>`);
    expect(html).toContain(`<form method="get" action="/works/${workId}#reviews" class="review-filter">`);
  });

  it("shows a followers-only review to followers and the author, and to nobody else", async () => {
    const workId = workIds[4] as string;
    const author = await signedInClient(app, deps);
    const follower = await signedInClient(app, deps);
    const stranger = await signedInClient(app, deps);
    await deps.db.insert(follows).values({ followerId: follower.user.id, followeeId: author.user.id });
    await review(author.client, workId, { title: "Among friends", body: "Just for you.", visibility: "followers" });
    expect(await page(author.client, community(workId))).toContain("Among friends");
    expect(await page(follower.client, community(workId))).toContain("Among friends");
    expect(await page(stranger.client, community(workId))).not.toContain("Among friends");
    expect(await page(new TestClient(app), community(workId))).not.toContain("Among friends");
  });

  it("keeps an under-13 patron's review private and says so on the form", async () => {
    const workId = workIds[5] as string;
    const child = await signedInClient(app, deps);
    await deps.db.update(users).set({ birthDate: "2016-04-01" }).where(eq(users.id, child.user.id));
    const form = await page(child.client, community(workId));
    expect(form).toContain("Because you are under 13, your review is private");
    expect(form).not.toContain('name="visibility"');
    expect(form).toContain("Because you are under 13, your tags are private");
    const res = await review(child.client, workId, { title: "My secret", body: "Fun.", visibility: "public" });
    expect(res.status).toBe(303);
    const [saved] = await deps.db.select().from(reviews).where(eq(reviews.userId, child.user.id));
    expect(saved?.visibility).toBe("private");
    expect(await page(new TestClient(app), community(workId))).not.toContain("My secret");
    // Rating is open to children.
    const rated = await child.client.postForm(`/works/${workId}/rating`, { halfStars: "8", return: community(workId) });
    expect(rated.status).toBe(303);
    expect(await page(new TestClient(app), community(workId))).toContain("from 1 rating");
  });

  it("counts helpful votes (not on one's own review) and lets staff, only staff, feature a review", async () => {
    const workId = workIds[6] as string;
    const author = await signedInClient(app, deps);
    await review(author.client, workId, { title: "Worth it", body: "Yes.", visibility: "public" });
    const [row] = await deps.db.select().from(reviews).where(eq(reviews.userId, author.user.id));
    if (!row) throw new Error("no review");
    const reader = await signedInClient(app, deps);
    const voted = await reader.client.postForm(`/reviews/${row.id}/helpful`, { helpful: "yes", return: community(workId) });
    expect(voted.status).toBe(303);
    const html = await page(reader.client, community(workId));
    expect(html).toContain("1 person found this helpful");
    expect(html).toContain('aria-pressed="true"');
    expect((await author.client.postForm(`/reviews/${row.id}/helpful`, { helpful: "yes" })).status).toBe(403);

    expect((await reader.client.postForm(`/reviews/${row.id}/feature`, { featured: "yes" })).status).toBe(403);
    const staff = await signedInClient(app, deps, "staff");
    const featured = await staff.client.postForm(`/reviews/${row.id}/feature`, { featured: "yes", return: community(workId) });
    expect(featured.status).toBe(303);
    expect(await page(new TestClient(app), community(workId))).toContain("Featured by the library");
    const audit = await deps.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.subject, `review:${row.id}`));
    expect(audit.map((a) => a.action)).toEqual(["review.feature"]);
  });

  it("lets the author, only the author, delete a review", async () => {
    const workId = workIds[7] as string;
    const author = await signedInClient(app, deps);
    await review(author.client, workId, { title: "Short-lived", body: "Gone soon.", visibility: "public" });
    const [row] = await deps.db.select().from(reviews).where(eq(reviews.userId, author.user.id));
    if (!row) throw new Error("no review");
    const other = await signedInClient(app, deps);
    expect((await other.client.postForm(`/reviews/${row.id}/delete`, {})).status).toBe(403);
    expect((await author.client.postForm(`/reviews/${row.id}/delete`, { return: community(workId) })).status).toBe(303);
    expect(await page(new TestClient(app), community(workId))).not.toContain("Short-lived");
  });

  describe("tags", () => {
    it("adds public and private tags: the cloud and tag page show the public ones, a search finds them", async () => {
      const workId = workIds[8] as string;
      const [a, b] = [await signedInClient(app, deps), await signedInClient(app, deps)];
      const tag = (client: TestClient, fields: Record<string, string>) =>
        client.postForm(`/works/${workId}/tags`, { return: community(workId), ...fields }, { csrfFrom: community(workId) });
      expect((await tag(a.client, { tag: "Gothic Romance" })).status).toBe(303);
      await tag(b.client, { tag: "gothic  romance" });
      await tag(b.client, { tag: "Quokka notes", private: "on" });
      const html = await page(new TestClient(app), community(workId));
      expect(html).toMatch(
        /<a class="tag tag-size-5" href="\/tags\/gothic%20romance">Gothic Romance<span class="visually-hidden"> \(given by 2 people\)<\/span><\/a>/,
      );
      expect(html).not.toContain("Quokka");
      const own = await page(b.client, community(workId));
      expect(own).toMatch(/Quokka notes<\/a><span class="tag-private">private<\/span>/);

      const tagHtml = await page(new TestClient(app), "/tags/gothic%20romance");
      expect(tagHtml).toContain("<h1>Tag: Gothic Romance</h1>");
      expect(tagHtml).toContain(`href="/works/${workId}"`);
      expect((await new TestClient(app).get("/tags/Gothic%20Romance")).headers.get("location")).toBe("/tags/gothic%20romance");
      expect((await new TestClient(app).get("/tags/quokka%20notes")).status).toBe(404);

      const search = await page(new TestClient(app), "/search?q=gothic");
      expect(search).toContain(`/works/${workId}`);
      expect(await page(new TestClient(app), "/search?q=quokka")).not.toContain(`/works/${workId}"`);

      const bad = await tag(a.client, { tag: "   " });
      expect(bad.status).toBe(422);
      expect(await bad.text()).toMatch(/id="field-tag-error"[^>]*>Write the tag/);
    });

    it("lets staff, only staff, merge and block tags from the tag page", async () => {
      const workId = workIds[9] as string;
      const patron = await signedInClient(app, deps);
      for (const name of ["Whodunnit", "Detective story"]) {
        await patron.client.postForm(`/works/${workId}/tags`, { tag: name, return: community(workId) });
      }
      expect((await patron.client.postForm("/tags/whodunnit/merge", { into: "detective story" })).status).toBe(403);
      const staff = await signedInClient(app, deps, "staff");
      const tools = await page(staff.client, "/tags/whodunnit");
      expect(tools).toContain("Staff tools");
      expect(await page(patron.client, "/tags/whodunnit")).not.toContain("Staff tools");
      const missing = await staff.client.postForm("/tags/whodunnit/merge", { into: "no such tag" });
      expect(missing.status).toBe(422);
      expect(await missing.text()).toContain('value="no such tag"');
      const merged = await staff.client.postForm("/tags/whodunnit/merge", { into: "Detective Story" });
      expect(merged.headers.get("location")).toBe("/tags/detective%20story");
      expect((await new TestClient(app).get("/tags/whodunnit")).headers.get("location")).toBe("/tags/detective%20story");
      expect(await page(new TestClient(app), community(workId))).toContain("(given by 1 person)");

      const blocked = await staff.client.postForm("/tags/detective%20story/block", { blocked: "yes" });
      expect(blocked.status).toBe(303);
      expect((await new TestClient(app).get("/tags/detective%20story")).status).toBe(404);
      expect(await page(staff.client, "/tags/detective%20story")).toContain("This tag is blocked");
      expect(await page(new TestClient(app), community(workId))).toContain("Nobody has tagged this yet.");
      const refused = await patron.client.postForm(`/works/${workId}/tags`, { tag: "detective story" });
      expect(refused.status).toBe(422);
      expect(await refused.text()).toContain("The library does not allow this tag.");
      await staff.client.postForm("/tags/detective%20story/block", { blocked: "no" });
      expect(await findTag(deps.db, "detective story")).toMatchObject({ blockedAt: null });
    });
  });

  it("asks for a CSRF token on every form", async () => {
    const { client } = await signedInClient(app, deps, "admin");
    const workId = workIds[0] as string;
    const zero = "01900000-0000-7000-8000-000000000000";
    const paths = [
      `/works/${workId}/rating`,
      `/works/${workId}/rating/delete`,
      `/works/${workId}/review`,
      `/reviews/${zero}/delete`,
      `/reviews/${zero}/helpful`,
      `/reviews/${zero}/feature`,
      `/works/${workId}/tags`,
      `/works/${workId}/tags/remove`,
      "/tags/anything/merge",
      "/tags/anything/block",
      "/reports",
      "/moderation/actions",
    ];
    for (const path of paths) {
      const res = await client.postForm(path, { halfStars: "5", body: "x", tag: "x" }, { csrf: false });
      expect(res.status, path).toBe(403);
      expect(await res.text(), path).toContain("This form has expired");
    }
  });
});
