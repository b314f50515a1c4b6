import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, describeEachEngine } from "../../../test/database.ts";
import type { Database } from "../../db/index.ts";
import type { Locale } from "../../i18n/index.ts";
import { seedCatalogue } from "../../seed/demo.ts";
import {
  decodeCursor,
  encodeCursor,
  importCatalog,
  importItems,
  type SearchParams,
  type SearchResult,
  searchCatalog,
  searchParamsSchema,
  toSearchRequest,
} from "./index.ts";

/** An English reader's query, written out as the service should build it. */
const tsquery = (q: string) =>
  sql`(websearch_to_tsquery('simple', unaccent(${q})) || websearch_to_tsquery('english', unaccent(${q})))`;

/**
 * Beside the samples: a Spanish work (accents, another language); two more editions of "Learning Python"
 * (one more book, one e-book), so that a work with several editions of a format counts once; and a work
 * with no year, which sorts last both ways.
 */
const EXTRA_CSV = [
  "Title,Authors,ISBN,Subjects,Language,Format,Year",
  'Undated notes,"Nobody, Ann",,,und,other,',
  'Cien años de soledad,"García Márquez, Gabriel",,Novela colombiana,spa,book,1967',
  'Learning Python,"Lutz, Mark; Ascher, David",9780596513986,Python (Computer program language),eng,book,2007',
  'Learning Python,"Lutz, Mark; Ascher, David",,Python (Computer program language),eng,ebook,2009',
].join("\n");

describeEachEngine("catalogue search", (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase(engine);
    await seedCatalogue({ db: db.db });
    await importCatalog(db.db, importItems("csv", [new TextEncoder().encode(EXTRA_CSV)]));
  });
  afterAll(() => db?.close());

  const search = (params: Partial<Record<keyof SearchParams, string>>, locale: Locale = "en") =>
    searchCatalog(db.db, toSearchRequest(searchParamsSchema.parse(params)), locale);
  const titles = (result: SearchResult) => result.hits.map((h) => h.title);
  const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

  describe("finding", () => {
    it("finds a record by a misspelled title word, searching for the closest catalogue word", async () => {
      const result = await search({ q: "pragmatik" });
      expect(result.match).toBe("corrected");
      expect(result.correctedTo).toBe("pragmatic");
      expect(titles(result)).toEqual(["The pragmatic programmer"]);
    });

    it("finds “The pragmatic programmer” for “pragmatik programer”", async () => {
      const result = await search({ q: "pragmatik programer" });
      expect(result.correctedTo).toBe("pragmatic programmer");
      expect(titles(result)).toEqual(["The pragmatic programmer"]);
    });

    it("falls back to titles and names that look like the words when no correction finds anything", async () => {
      // Each word has a close catalogue word, but no work has both: the correction finds nothing.
      const result = await search({ q: "pragmatik lisp" });
      expect(result.match).toBe("approximate");
      expect(new Set(titles(result))).toEqual(new Set(["The pragmatic programmer", "ANSI Common Lisp"]));
    });

    it("finds works by a contributor's surname", async () => {
      expect(new Set(titles(await search({ q: "lutz" })))).toEqual(new Set(["Programming Python", "Learning Python"]));
      expect(titles(await search({ q: "Hunt" }))).toEqual(["The pragmatic programmer"]);
    });

    it("finds without accents, and stems in the reader's language as well as not at all", async () => {
      expect(titles(await search({ q: "cien anos" }))).toEqual(["Cien años de soledad"]);
      expect(titles(await search({ q: "Garcia Marquez" }))).toEqual(["Cien años de soledad"]);
      // "programmers" is only found through English stemming; a Spanish reader's search does not stem it so.
      expect(titles(await search({ q: "pragmatic programmers" }, "en"))).toEqual(["The pragmatic programmer"]);
      expect((await search({ q: "pragmatic programmers" }, "es")).match).not.toBe("fulltext");
    });

    it("finds nothing, and says so, for words nothing looks like", async () => {
      const result = await search({ q: "xyzzyq" });
      expect(result).toMatchObject({ total: 0, hits: [], match: "approximate", next: null, previous: null });
    });

    it("offers “did you mean” when few works match, and not when many do", async () => {
      const few = await search({ q: "pragmatic programmers" });
      expect(few.match).toBe("fulltext");
      expect(few.didYouMean).toBe("pragmatic programmer");
      expect((await search({ q: "python" })).didYouMean).toBeNull();
      // A word that is in the catalogue is its own closest word: nothing to offer.
      expect((await search({ q: "Hunt" })).didYouMean).toBeNull();
    });
  });

  describe("facets and filters", () => {
    const matching = (q: string | null) => (q ? sql`w.search_document @@ ${tsquery(q)}` : sql`true`);

    /** The facet counts computed straight from the tables, to compare with the service's. */
    async function expectedFacets(q: string | null) {
      const where = matching(q);
      const format = await db.rows<{ value: string; count: number }>(sql`
        select e.format as value, count(distinct w.id)::int as count from works w join editions e on e.work_id = w.id
        where ${where} group by e.format`);
      const language = await db.rows<{ value: string; count: number }>(sql`
        select w.language as value, count(*)::int as count from works w where ${where} group by w.language`);
      const decade = await db.rows<{ value: string; count: number }>(sql`
        select (floor(w.first_published_year / 10.0) * 10)::int::text as value, count(*)::int as count from works w
        where ${where} and w.first_published_year is not null group by 1`);
      const subject = await db.rows<{ value: string; count: number }>(sql`
        select s as value, count(*)::int as count from works w cross join lateral unnest(w.subjects) s
        where ${where} group by s`);
      const sorted = (rows: { value: string; count: number }[]) =>
        [...rows].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
      return {
        format: sorted(format),
        language: sorted(language),
        subject: sorted(subject).slice(0, 10),
        decade: [...decade].sort((a, b) => Number(a.value) - Number(b.value)),
        // Nobody has rated anything in this catalogue (search-rating.test.ts covers the rating facet).
        rating: [],
      };
    }

    it("counts every facet over all matching works, not just the page", async () => {
      for (const q of [null, "python", "programming"]) {
        const result = await search({ q: q ?? "", size: "10" });
        expect(result.facets, `q=${q}`).toEqual(await expectedFacets(q));
        const [total] = await db.rows<{ n: number }>(sql`select count(*)::int as n from works w where ${matching(q)}`);
        expect(result.total, `q=${q}`).toBe(total?.n);
      }
    });

    it("has the counts the sample files call for", async () => {
      const all = await search({});
      expect(all.total).toBe(26);
      expect(all.facets.format).toEqual([
        { value: "book", count: 22 },
        { value: "music", count: 2 },
        { value: "ebook", count: 1 },
        { value: "other", count: 1 },
        { value: "software", count: 1 },
      ]);
      expect(all.facets.language).toEqual([
        { value: "eng", count: 23 },
        { value: "und", count: 2 },
        { value: "spa", count: 1 },
      ]);
      expect(all.facets.decade).toEqual([
        { value: "1950", count: 1 },
        { value: "1960", count: 1 },
        { value: "1990", count: 3 },
        { value: "2000", count: 20 },
      ]);
      expect(all.facets.subject[0]).toEqual({ value: "Python (Computer program language)", count: 12 });
    });

    it("narrows the results by each filter, and by several at once", async () => {
      const web = await search({ q: "python", subject: "Internet programming" });
      expect(new Set(titles(web))).toEqual(new Set(["Python Web programming", "Web programming"]));
      expect(web.facets.subject.find((s) => s.value === "Internet programming")?.count).toBe(2);

      expect(titles(await search({ format: "music", decade: "1950" }))).toEqual(["The Great Ray Charles"]);
      expect((await search({ format: "music" })).total).toBe(2);
      expect(titles(await search({ language: "spa" }))).toEqual(["Cien años de soledad"]);
      expect((await search({ q: "python", format: "music" })).total).toBe(0);
      const nineties = await search({ decade: "1990" });
      expect(nineties.hits.every((h) => h.year !== null && h.year >= 1990 && h.year <= 1999)).toBe(true);
      expect(nineties.total).toBe(3);
    });

    it("browses by title when there are filters but no words", async () => {
      const result = await search({ format: "book", sort: "relevance" });
      expect(result.sort).toBe("title");
      expect(result.match).toBe("all");
      const expected = await db.rows<{ id: string }>(sql`
        select w.id from works w where exists (select 1 from editions e where e.work_id = w.id and e.format = 'book')
        order by w.sort_title, w.id limit 20`);
      expect(ids(result.hits)).toEqual(ids(expected));
    });
  });

  describe("sorting and pages", () => {
    /** Every page forward from the first, then every page back from the last. */
    async function walk(params: Partial<Record<keyof SearchParams, string>>) {
      const forward: SearchResult[] = [await search({ ...params, size: "10" })];
      for (let page = forward[0]; page?.next; ) {
        page = await search({ ...params, size: "10", after: page.next });
        forward.push(page);
      }
      const backward: SearchResult[] = [];
      for (let page = forward.at(-1); page?.previous; ) {
        page = await search({ ...params, size: "10", before: page.previous });
        backward.push(page);
      }
      return { forward, backward };
    }

    const orders = {
      title: sql`w.sort_title, w.id`,
      newest: sql`w.first_published_year desc nulls last, w.id`,
      oldest: sql`w.first_published_year asc nulls last, w.id`,
    };

    for (const sort of ["title", "newest", "oldest"] as const) {
      it(`pages through the whole catalogue by ${sort}, each work exactly once, in order, both ways`, async () => {
        const { forward, backward } = await walk({ sort });
        const seen = forward.flatMap((page) => ids(page.hits));
        const expected = ids(await db.rows<{ id: string }>(sql`select w.id from works w order by ${orders[sort]}`));
        expect(forward.length).toBe(3);
        expect(forward.every((page) => page.total === expected.length)).toBe(true);
        expect(seen).toEqual(expected);
        expect(forward[0]?.previous).toBeNull();
        // Going back lands on the same pages as going forward did.
        expect(backward.map((page) => ids(page.hits))).toEqual(
          forward
            .slice(0, -1)
            .reverse()
            .map((page) => ids(page.hits)),
        );
      });
    }

    it("pages through results by relevance: best first, each once", async () => {
      const q = "programming";
      const { forward } = await walk({ q });
      const expected = await db.rows<{ id: string; rank: number }>(sql`
        select w.id, ts_rank_cd(w.search_document, ${tsquery(q)})::float8 as rank from works w
        where w.search_document @@ ${tsquery(q)} order by 2 desc, w.id`);
      expect(forward.flatMap((page) => ids(page.hits))).toEqual(ids(expected));
      expect(expected.length).toBeGreaterThan(20);
    });

    it("puts works without a year last, whichever way years are sorted", async () => {
      for (const sort of ["newest", "oldest"] as const) {
        const { forward } = await walk({ sort });
        const years = forward.flatMap((page) => page.hits.map((h) => h.year));
        const known = years.filter((y) => y !== null);
        expect(years.slice(known.length).every((y) => y === null)).toBe(true);
        const sorted = [...known].sort((a, b) => (sort === "newest" ? b - a : a - b));
        expect(known).toEqual(sorted);
      }
    });

    it("takes page sizes from 10 to 100", async () => {
      expect((await search({ size: "100" })).hits).toHaveLength(26);
      expect((await search({ size: "10" })).hits).toHaveLength(10);
      for (const size of ["9", "101", "ten"]) expect(searchParamsSchema.safeParse({ size }).success).toBe(false);
    });
  });
});

describe("search parameters", () => {
  const id = "01a20c3c-22ab-7f6d-a94b-071bfa2aa179";

  it("round-trips cursors, and refuses one made for another order or not made here", () => {
    const cursor = { sort: "relevance" as const, key: 0.10000000149011612, id };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(decodeCursor("not-a-cursor")).toBeNull();
    // A title cursor holds text, a relevance cursor a number.
    expect(decodeCursor(encodeCursor({ sort: "title", key: 3, id }))).toBeNull();

    const titleCursor = encodeCursor({ sort: "title", key: "python", id });
    expect(searchParamsSchema.safeParse({ after: titleCursor }).success).toBe(true);
    const wrongSort = searchParamsSchema.safeParse({ q: "python", after: titleCursor });
    expect(wrongSort.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["after", "catalog.validation.cursorSort"],
    ]);
    const both = searchParamsSchema.safeParse({ after: titleCursor, before: titleCursor });
    expect(both.error?.issues.map((i) => i.path.join("."))).toEqual(["before"]);
  });

  it("refuses values outside each facet's domain", () => {
    const fields = (params: Record<string, string>) =>
      searchParamsSchema.safeParse(params).error?.issues.map((i) => i.path.join(".")) ?? [];
    expect(fields({ format: "scroll" })).toEqual(["format"]);
    expect(fields({ language: "english" })).toEqual(["language"]);
    expect(fields({ decade: "1995" })).toEqual(["decade"]);
    expect(fields({ sort: "random" })).toEqual(["sort"]);
    expect(fields({ q: "x".repeat(201) })).toEqual(["q"]);
    expect(fields({ q: "python", format: "book", language: "eng", decade: "2000", sort: "newest" })).toEqual([]);
  });
});
