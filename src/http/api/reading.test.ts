import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachEngine } from "../../../test/database.ts";
import { createApp, createTestDeps, type TestApp } from "../../../test/deps.ts";
import { fixedClock, loadSampleCatalogue } from "../../../test/reading.ts";
import type { Deps } from "../../compose.ts";
import { type ApiScope, follows, type Role, reports, users } from "../../db/schema/index.ts";
import { createApiToken, createVerifiedUser } from "../../modules/accounts/index.ts";

let people = 0;
async function personWithToken(deps: Deps, scopes: ApiScope[] = ["read", "write"], role: Role = "patron") {
  people += 1;
  const created = await createVerifiedUser(deps, {
    email: `api-reading-${people}-${Math.random().toString(36).slice(2, 8)}@example.org`,
    password: "a long test password",
    displayName: `API reader ${people}`,
    role,
  });
  if (!created.ok) throw new Error("could not create the test person");
  const { token } = await createApiToken(deps.db, created.value.id, "test", scopes);
  return { user: created.value, auth: { authorization: `Bearer ${token}` } };
}

type Person = Awaited<ReturnType<typeof personWithToken>>;

describeEachEngine("API ratings, reviews, tags and reports", (engine) => {
  let deps: Deps;
  let app: TestApp;
  let workIds: string[];
  beforeAll(async () => {
    deps = await createTestDeps(engine, { clock: fixedClock, jobs: false });
    app = createApp(deps);
    workIds = (await loadSampleCatalogue(deps.db)).map((w) => w.id);
  });
  afterAll(() => deps?.close());

  const call = (method: string, path: string, who?: Person, body?: unknown) =>
    app.request(`/api/v1${path}`, {
      method,
      headers: {
        ...(who?.auth ?? {}),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  describe("ratings", () => {
    it("rates in half stars, answers the summary, and removes the rating", async () => {
      const workId = workIds[0] as string;
      const [a, b] = [await personWithToken(deps), await personWithToken(deps)];
      const put = await call("PUT", `/works/${workId}/rating`, a, { stars: 3.5 });
      expect(put.status).toBe(200);
      expect(await put.json()).toMatchObject({ workId, stars: 3.5, summary: { count: 1, average: 3.5 } });
      await call("PUT", `/works/${workId}/rating`, b, { stars: 5 });
      const summary = await (await call("GET", `/works/${workId}/ratings`)).json();
      expect(summary).toMatchObject({ workId, count: 2, average: 4.25 });
      expect(summary.perStar).toEqual([
        { stars: 1, count: 0 },
        { stars: 2, count: 0 },
        { stars: 3, count: 0 },
        { stars: 4, count: 1 },
        { stars: 5, count: 1 },
      ]);
      expect((await call("DELETE", `/works/${workId}/rating`, a)).status).toBe(204);
      expect((await call("DELETE", `/works/${workId}/rating`, a)).status).toBe(404);
      expect((await (await call("GET", `/works/${workId}/ratings`)).json()).count).toBe(1);
    });

    it("names the field when the stars are not half stars from 0.5 to 5, and needs the write scope", async () => {
      const workId = workIds[0] as string;
      const who = await personWithToken(deps);
      const bad = await call("PUT", `/works/${workId}/rating`, who, { stars: 3.3 });
      expect(bad.status).toBe(422);
      expect(bad.headers.get("content-type")).toBe("application/problem+json");
      expect((await bad.json()).errors).toEqual([{ field: "stars", message: "Choose how many stars to give before saving." }]);
      const readOnly = await personWithToken(deps, ["read"]);
      expect((await call("PUT", `/works/${workId}/rating`, readOnly, { stars: 2 })).status).toBe(403);
      expect((await call("PUT", `/works/${workId}/rating`, undefined, { stars: 2 })).status).toBe(401);
      expect((await call("GET", "/works/01900000-0000-7000-8000-000000000000/ratings")).status).toBe(404);
    });
  });

  describe("reviews", () => {
    it("writes, reads by visibility, edits, votes on and deletes reviews", async () => {
      const workId = workIds[1] as string;
      const [author, follower, stranger] = [
        await personWithToken(deps),
        await personWithToken(deps),
        await personWithToken(deps),
      ];
      await deps.db.insert(follows).values({ followerId: follower.user.id, followeeId: author.user.id });
      const created = await call("POST", `/works/${workId}/reviews`, author, {
        title: "Lovely",
        body: "*Really* lovely.",
        visibility: "followers",
      });
      expect(created.status).toBe(201);
      const review = await created.json();
      expect(review).toMatchObject({
        workId,
        title: "Lovely",
        bodyHtml: "<p><em>Really</em> lovely.</p>\n",
        visibility: "followers",
        mine: true,
        hidden: false,
        url: `http://circulate.test/works/${workId}/community#review-${review.id}`,
      });
      expect((await call("POST", `/works/${workId}/reviews`, author, { body: "Again" })).status).toBe(409);

      const seenBy = async (who?: Person) => (await (await call("GET", `/works/${workId}/reviews`, who)).json()).total;
      expect(await seenBy(follower)).toBe(1);
      expect(await seenBy(stranger)).toBe(0);
      expect(await seenBy()).toBe(0);

      expect((await call("PATCH", `/reviews/${review.id}`, stranger, { title: "Mine now" })).status).toBe(403);
      const patched = await call("PATCH", `/reviews/${review.id}`, author, { visibility: "public", spoiler: true });
      expect(await patched.json()).toMatchObject({ title: "Lovely", visibility: "public", spoiler: true });
      expect(await seenBy()).toBe(1);
      const withoutSpoilers = await (await call("GET", `/works/${workId}/reviews?spoilers=exclude`)).json();
      expect(withoutSpoilers.items).toEqual([]);
      const unknownField = await call("PATCH", `/reviews/${review.id}`, author, { featured: true });
      expect(unknownField.status).toBe(422);
      expect((await unknownField.json()).errors).toEqual([{ field: "featured", message: "This field cannot be set here" }]);

      expect((await call("POST", `/reviews/${review.id}/helpful`, author)).status).toBe(403);
      const voted = await call("POST", `/reviews/${review.id}/helpful`, stranger);
      expect(await voted.json()).toEqual({ helpfulCount: 1, votedHelpful: true });
      expect(await (await call("DELETE", `/reviews/${review.id}/helpful`, stranger)).json()).toEqual({
        helpfulCount: 0,
        votedHelpful: false,
      });

      expect((await call("DELETE", `/reviews/${review.id}`, stranger)).status).toBe(403);
      expect((await call("DELETE", `/reviews/${review.id}`, author)).status).toBe(204);
      expect((await call("DELETE", `/reviews/${review.id}`, author)).status).toBe(404);
    });

    it("makes an under-13 account's review private, and names missing fields", async () => {
      const child = await personWithToken(deps);
      await deps.db.update(users).set({ birthDate: "2017-01-01" }).where(eq(users.id, child.user.id));
      const created = await call("POST", `/works/${workIds[2]}/reviews`, child, { body: "Fun", visibility: "public" });
      expect((await created.json()).visibility).toBe("private");
      const missing = await call("POST", `/works/${workIds[3]}/reviews`, child, { title: "No body" });
      expect(missing.status).toBe(422);
      expect((await missing.json()).errors).toEqual([{ field: "body", message: "Write your review" }]);
    });
  });

  describe("tags", () => {
    it("tags a work, lists public tags to everyone and your own to you, answers the tag, and untags", async () => {
      const workId = workIds[4] as string;
      const [a, b] = [await personWithToken(deps), await personWithToken(deps)];
      const added = await call("POST", `/works/${workId}/tags`, a, { name: "Space Opera" });
      expect(added.status).toBe(201);
      expect(await added.json()).toEqual({
        tag: { name: "Space Opera", normalized: "space opera", url: "http://circulate.test/tags/space%20opera", private: false },
      });
      await call("POST", `/works/${workId}/tags`, b, { name: "space–opera" }); // another tag, shown as typed
      await call("POST", `/works/${workId}/tags`, b, { name: "space   OPERA" });
      await call("POST", `/works/${workId}/tags`, b, { name: "Bedtime", private: true });

      const anyone = await (await call("GET", `/works/${workId}/tags`)).json();
      expect(anyone.yours).toBeUndefined();
      expect(anyone.items.map((t: { name: string; count: number }) => [t.name, t.count])).toEqual([
        ["Space Opera", 2],
        ["space–opera", 1],
      ]);
      const mine = await (await call("GET", `/works/${workId}/tags`, b)).json();
      expect(mine.yours.map((t: { name: string; private: boolean }) => [t.name, t.private])).toEqual([
        ["Bedtime", true],
        ["Space Opera", false],
        ["space–opera", false],
      ]);

      const tag = await (await call("GET", "/tags/SPACE%20OPERA")).json();
      expect(tag).toMatchObject({ name: "Space Opera", works: [{ id: workId, count: 2 }] });
      expect((await call("GET", "/tags/bedtime")).status).toBe(404); // given only privately
      expect((await call("GET", "/tags/never%20given")).status).toBe(404);

      expect((await call("DELETE", `/works/${workId}/tags?name=Space%20Opera`, b)).status).toBe(204);
      expect((await call("DELETE", `/works/${workId}/tags?name=Space%20Opera`, b)).status).toBe(404);
      const empty = await call("POST", `/works/${workId}/tags`, a, { name: "  " });
      expect(empty.status).toBe(422);
      expect((await empty.json()).errors).toEqual([{ field: "name", message: "Write the tag" }]);
    });
  });

  it("files a report on something the reporter can see, and only then", async () => {
    const [author, reporter] = [await personWithToken(deps), await personWithToken(deps)];
    const review = await (
      await call("POST", `/works/${workIds[5]}/reviews`, author, { body: "Hidden thoughts", visibility: "private" })
    ).json();
    const refused = await call("POST", "/reports", reporter, { subjectType: "review", subjectId: review.id, reason: "spam" });
    expect(refused.status).toBe(404);
    await call("PATCH", `/reviews/${review.id}`, author, { visibility: "public" });
    const filed = await call("POST", "/reports", reporter, {
      subjectType: "review",
      subjectId: review.id,
      reason: "spam",
      note: "an advert",
    });
    expect(filed.status).toBe(201);
    const { id } = await filed.json();
    const [row] = await deps.db.select().from(reports).where(eq(reports.id, id));
    expect(row).toMatchObject({
      reporterId: reporter.user.id,
      subjectType: "review",
      reason: "spam",
      note: "an advert",
      status: "open",
    });
    const bad = await call("POST", "/reports", reporter, { subjectType: "shelf", subjectId: review.id, reason: "rude" });
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors.map((e: { field: string }) => e.field)).toEqual(["subjectType", "reason"]);
  });
});
