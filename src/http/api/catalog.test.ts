import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachEngine } from "../../../test/database.ts";
import { createApp, createTestDeps, type TestApp } from "../../../test/deps.ts";
import type { Deps } from "../../compose.ts";
import { works } from "../../db/schema/index.ts";
import { seedCatalogue } from "../../seed/demo.ts";

interface SearchBody {
  total: number;
  match: string;
  correctedTo: string | null;
  items: { id: string; title: string; url: string; contributors: { name: string; role: string }[] }[];
  facets: Record<string, { value: string; count: number }[]>;
  next: string | null;
  previous: string | null;
}

describeEachEngine("API /api/v1/search and /api/v1/works", (engine) => {
  let deps: Deps;
  let app: TestApp;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    deps = await createTestDeps(engine, { jobs: false });
    await seedCatalogue(deps);
    for (const w of await deps.db.select({ id: works.id, title: works.title }).from(works)) ids[w.title] = w.id;
    app = createApp(deps);
  });
  afterAll(() => deps?.close());

  const getJson = async <T>(path: string, headers: Record<string, string> = {}) => {
    const res = await app.request(path, { headers });
    return { status: res.status, type: res.headers.get("content-type"), body: (await res.json()) as T };
  };

  it("searches without a token, with facets and links to the records", async () => {
    const { status, body } = await getJson<SearchBody>("/api/v1/search?q=lutz");
    expect(status).toBe(200);
    expect(body).toMatchObject({ total: 2, match: "fulltext", correctedTo: null, next: null, previous: null });
    expect(body.items.map((i) => i.title).sort()).toEqual(["Learning Python", "Programming Python"]);
    const learning = body.items.find((i) => i.title === "Learning Python");
    expect(learning).toMatchObject({
      url: `http://circulate.test/works/${ids["Learning Python"]}`,
      contributors: [
        { name: "Lutz, Mark", role: "author" },
        { name: "Ascher, David", role: "author" },
      ],
      formats: ["book"],
      year: 2004,
      language: "eng",
    });
    expect(body.facets).toEqual({
      format: [{ value: "book", count: 2 }],
      language: [{ value: "eng", count: 2 }],
      subject: [{ value: "Python (Computer program language)", count: 2 }],
      decade: [{ value: "2000", count: 2 }],
      rating: [],
    });
  });

  it("corrects a misspelled search and says so", async () => {
    const { body } = await getJson<SearchBody>("/api/v1/search?q=pragmatik%20programer");
    expect(body.match).toBe("corrected");
    expect(body.correctedTo).toBe("pragmatic programmer");
    expect(new Set(body.items.map((i) => i.title))).toEqual(new Set(["The pragmatic programmer"]));
  });

  it("pages with cursors until every work has been listed once", async () => {
    const seen: string[] = [];
    let next: string | null = null;
    let pages = 0;
    do {
      const query = new URLSearchParams({ sort: "oldest", size: "10", ...(next ? { after: next } : {}) });
      const { body } = await getJson<SearchBody>(`/api/v1/search?${query}`);
      seen.push(...body.items.map((i) => i.id));
      next = body.next;
      pages += 1;
    } while (next && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(24);
    expect(new Set(seen).size).toBe(24);
  });

  it("answers 422 problem+json naming each parameter it refuses, in the reader's language", async () => {
    const res = await getJson<{ status: number; errors: { field: string; message: string }[] }>(
      "/api/v1/search?size=5&decade=1995&format=scroll&after=nonsense",
    );
    expect(res.status).toBe(422);
    expect(res.type).toBe("application/problem+json");
    expect(res.body.errors.map((e) => e.field).sort()).toEqual(["after", "decade", "format", "size"]);
    expect(res.body.errors.find((e) => e.field === "size")?.message).toBe("Use a whole number from 10 to 100");

    const { body: first } = await getJson<SearchBody>("/api/v1/search?sort=title&size=10");
    const mismatch = await getJson<{ errors: { field: string; message: string }[] }>(
      `/api/v1/search?sort=newest&after=${first.next}`,
      { "accept-language": "es" },
    );
    expect(mismatch.body.errors).toEqual([
      { field: "after", message: "Esta página es de otro orden: vuelve a empezar por la primera" },
    ]);
  });

  it("answers one work with its editions and related works", async () => {
    const id = ids["Learning Python"];
    const { status, body } = await getJson<Record<string, unknown>>(`/api/v1/works/${id}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id,
      url: `http://circulate.test/works/${id}`,
      title: "Learning Python",
      language: "eng",
      firstPublishedYear: 2004,
      subjects: ["Python (Computer program language)"],
      coverUrl: `http://circulate.test/works/${id}/cover.svg`,
      catalogLink: null,
      editions: [
        {
          format: "book",
          publisher: "O'Reilly",
          publishedYear: 2004,
          isbn13: "9780596002817",
          isbn10: "0596002815",
          controlNumber: "13610512",
          editionStatement: "2nd ed",
          extent: "xxvi, 591 p",
          title: "Learning Python",
        },
      ],
    });
    expect((body.related as { title: string }[])[0]?.title).toBe("Programming Python");
    expect(body).not.toHaveProperty("coverPath");
  });

  it("answers 404 for an unknown work and 422 naming the id for a malformed one", async () => {
    const unknown = await getJson<{ status: number; title: string }>("/api/v1/works/01a20c3c-22ab-7f6d-a94b-000000000000");
    expect(unknown.status).toBe(404);
    expect(unknown.type).toBe("application/problem+json");
    expect(unknown.body.title).toBe("Not found");
    const malformed = await getJson<{ errors: { field: string }[] }>("/api/v1/works/not-an-id");
    expect(malformed.status).toBe(422);
    expect(malformed.body.errors.map((e) => e.field)).toEqual(["id"]);
  });

  it("describes both operations in the OpenAPI document as public, with their parameters", async () => {
    const doc = JSON.parse(await (await app.request("/api/openapi.json")).text());
    const search = doc.paths["/search"].get;
    expect(search.security).toEqual([]);
    expect(search.parameters.map((p: { name: string }) => p.name)).toEqual([
      "q",
      "format",
      "language",
      "subject",
      "decade",
      "rating",
      "sort",
      "after",
      "before",
      "size",
    ]);
    expect(search.responses["200"].content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/SearchResults",
    });
    expect(doc.paths["/works/{id}"].get.security).toEqual([]);
    expect(doc.components.schemas.Work.properties.editions.items).toEqual({ $ref: "#/components/schemas/Edition" });
  });
});
