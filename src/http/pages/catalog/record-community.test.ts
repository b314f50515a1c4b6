// The record page carries what patrons make of the work: ratings, reviews, tags, shelves and lists.
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachEngine } from "../../../../test/database.ts";
import { createApp, createTestDeps } from "../../../../test/deps.ts";
import { signedInClient, TestClient } from "../../../../test/http.ts";
import { loadSampleCatalogue } from "../../../../test/reading.ts";
import type { Deps } from "../../../compose.ts";

describeEachEngine("record page community sections", (engine) => {
  let deps: Deps;
  let app: ReturnType<typeof createApp>;
  let workPath: string;
  beforeAll(async () => {
    deps = await createTestDeps(engine);
    app = createApp(deps);
    const works = await loadSampleCatalogue(deps.db);
    const work = works.find((w) => w.title === "The pragmatic programmer") ?? works[0];
    workPath = `/works/${work?.id}`;
  });
  afterAll(() => deps?.close());

  it("lets a patron rate and review from the record page, and shows the public review to a visitor", async () => {
    const { client } = await signedInClient(app, deps, "patron", { displayName: "Rae Reader" });
    const page = await (await client.get(workPath)).text();
    for (const id of ['id="ratings"', 'id="reviews"', 'id="tags"']) expect(page).toContain(id);
    expect(page).toMatch(/name="halfStars"/);

    expect(
      (await client.postForm(`${workPath}/rating`, { halfStars: "8", return: workPath }, { csrfFrom: workPath })).status,
    ).toBe(303);
    const review = await client.postForm(
      `${workPath}/review`,
      { title: "Still useful", body: "Read it *twice*.", visibility: "public", contentWarning: "", return: workPath },
      { csrfFrom: workPath },
    );
    expect(review.status).toBe(303);

    const visitor = await (await new TestClient(app).get(workPath)).text();
    expect(visitor).toContain("Still useful");
    expect(visitor).toContain("<em>twice</em>");
    expect(visitor).toContain("Rae Reader");
    expect(visitor).not.toMatch(/name="halfStars"/); // signed out: nothing to fill in
  });
});
