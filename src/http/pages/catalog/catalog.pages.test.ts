import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { SaxesParser } from "saxes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachEngine } from "../../../../test/database.ts";
import { createApp, createTestDeps, type TestApp } from "../../../../test/deps.ts";
import { signedInClient, TestClient } from "../../../../test/http.ts";
import type { Deps } from "../../../compose.ts";
import { works } from "../../../db/schema/index.ts";
import { allMessages, type MessageKey } from "../../../i18n/index.ts";
import { importCatalog, importItems } from "../../../modules/catalog/index.ts";
import { seedCatalogue } from "../../../seed/demo.ts";

/** A title that would break out of a script element, or out of an attribute, if it were not escaped. */
const HOSTILE_TITLE = `Tags </script><script>alert("x")</script> & <b>bold</b>`;
const EXTRA_CSV = [
  "Title,Authors,ISBN,Subjects,Language,Format,Year",
  `"${HOSTILE_TITLE.replace(/"/g, '""')}","O'Brien, Flann",,Satire,eng,book,1939`,
  'Cien años de soledad,"García Márquez, Gabriel",,Novela colombiana,spa,book,1967',
].join("\n");

const decode = (html: string) =>
  html
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
const mainOf = (html: string) => html.slice(html.indexOf("<main"), html.indexOf("</main>"));

/** The page-wide rules: one h1, headings in order, unique ids, no inline style or script. */
function expectWellFormedPage(html: string) {
  const levels = [...html.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
  expect(levels.filter((l) => l === 1)).toHaveLength(1);
  expect(levels.filter((level, i) => i > 0 && level > (levels[i - 1] ?? 1) + 1)).toEqual([]);
  const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
  expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  expect(html).not.toMatch(/\sstyle=|<style/);
  // The only script element a page may carry is data (JSON-LD), which is never executed.
  expect(html.match(/<script(?![^>]*type="application\/ld\+json")[^>]*>/g) ?? []).toEqual([]);
  expect(html).not.toMatch(/(src|href)="(https?:)?\/\/(?!circulate\.test)/);
}

describeEachEngine("catalogue pages", (engine) => {
  let deps: Deps;
  let app: TestApp;
  let client: TestClient;
  const workIds: Record<string, string> = {};
  beforeAll(async () => {
    deps = await createTestDeps(engine, { jobs: false });
    await seedCatalogue(deps);
    await importCatalog(deps.db, importItems("csv", [new TextEncoder().encode(EXTRA_CSV)]));
    for (const w of await deps.db.select({ id: works.id, title: works.title }).from(works)) workIds[w.title] = w.id;
    app = createApp(deps);
    client = new TestClient(app);
  });
  afterAll(() => deps?.close());

  const page = async (path: string, headers: Record<string, string> = {}) => {
    const res = await client.get(path, headers);
    return { status: res.status, html: await res.text(), res };
  };
  const id = (title: string) => {
    const found = workIds[title];
    if (!found) throw new Error(`no work titled ${title}`);
    return found;
  };

  it("has a search box in the header of every page, and the catalogue on the home page", async () => {
    for (const path of ["/", "/search", "/sign-in", `/works/${id("Learning Python")}`, "/no-such-page"]) {
      const { html } = await page(path);
      expect(html, path).toMatch(
        /<form method="get" action="\/search" role="search" class="site-search" aria-label="Catalogue search"><label for="site-search-q">Search the catalogue<\/label><input type="search" id="site-search-q" name="q"\/>/,
      );
    }
    expect((await page("/")).html).toContain('<a class="button" href="/search">Browse the catalogue</a>');
  });

  describe("search", () => {
    it("finds a record by a misspelled title word and links to it", async () => {
      const { status, html } = await page("/search?q=pragmatik");
      expect(status).toBe(200);
      expect(html).toContain("<h1>Search results for “pragmatik”</h1>");
      expect(html).toMatch(/<div role="status" class="search-summary"><p class="search-count">1 result for “pragmatic”<\/p>/);
      expect(html).toContain("Nothing matched “pragmatik”, so these are the results for “pragmatic”.");
      expect(html).toContain(`<a href="/works/${id("The pragmatic programmer")}">The pragmatic programmer</a>`);
      expectWellFormedPage(html);
    });

    it("shows contributors, year and format of each result", async () => {
      const { html } = await page("/search?q=lutz");
      expect(html).toContain(
        `<a href="/works/${id("Learning Python")}">Learning Python</a></h3><ul class="result-facts"><li>Lutz, Mark; Ascher, David</li><li>2004</li><li>Book</li></ul>`,
      );
    });

    it("offers “did you mean” as a link to the corrected search", async () => {
      const { html } = await page("/search?q=pragmatic+programmers");
      expect(html).toContain('Did you mean <a href="/search?q=pragmatic+programmer">pragmatic programmer</a>?');
    });

    it("lists facets with counts as links that narrow the results, and a link to remove each filter", async () => {
      const all = await page("/search?q=python");
      expect(all.html).toContain("15 results for “python”");
      expect(all.html).toMatch(
        /<nav aria-labelledby="facets-heading" class="facets"><h2 id="facets-heading">Refine the results<\/h2>/,
      );
      expect(all.html).toContain('<a href="/search?q=python&amp;format=book">Book (15)</a>');
      const subject = "/search?q=python&amp;subject=Internet+programming";
      expect(all.html).toContain(`<a href="${subject}">Internet programming (2)</a>`);
      expectWellFormedPage(all.html);

      const narrowed = await page(decode(subject));
      expect(narrowed.html).toContain("2 results for “python”");
      expect(narrowed.html).toContain('<a href="/search?q=python">Remove Subject: Internet programming</a>');
      expect(narrowed.html).toContain('<span class="facet-chosen" aria-current="true">Internet programming (2)</span>');
      // The search form keeps the filter when the words or the order change.
      expect(narrowed.html).toContain('<input type="hidden" name="subject" value="Internet programming"/>');
      expectWellFormedPage(narrowed.html);
    });

    it("names languages and decades in the reader's words", async () => {
      const en = await page("/search");
      expect(en.html).toContain('<a href="/search?language=spa">Spanish (1)</a>');
      expect(en.html).toContain('<a href="/search?language=und">Language not recorded (1)</a>');
      expect(en.html).toContain('<a href="/search?decade=1930">1930s (1)</a>');
      const es = await page("/search", { "accept-language": "es" });
      expect(es.html).toContain('<a href="/search?language=spa">español (1)</a>');
      expect(es.html).toContain('<a href="/search?decade=1930">Década de 1930 (1)</a>');
    });

    it("says clearly when nothing is found, with suggestions", async () => {
      const none = await page("/search?q=xyzzyq");
      expect(none.status).toBe(200);
      expect(none.html).toContain("0 results for “xyzzyq”");
      expect(none.html).toContain("Nothing in the catalogue matches this search.");
      expect(none.html).toContain('<a href="/search">browse the whole catalogue.</a>');
      expect(none.html).not.toContain("without the filters");
      expectWellFormedPage(none.html);
      const filtered = await page("/search?q=python&format=music");
      expect(filtered.html).toContain('<a href="/search?q=python">search again without the filters you chose;</a>');
      expectWellFormedPage(filtered.html);
    });

    it("browses the whole catalogue by title in pages, forward and back", async () => {
      const first = await page("/search");
      expect(first.html).toContain("<h1>Browse the catalogue</h1>");
      expect(first.html).toContain("26 works");
      expect(first.html).not.toContain('rel="prev"');
      const next = decode(first.html.match(/<a href="([^"]+)" rel="next">Next page<\/a>/)?.[1] ?? "");
      expect(next).toMatch(/^\/search\?after=/);
      const second = await page(next);
      const linksOf = (html: string) => [...mainOf(html).matchAll(/<a href="\/works\/([^"]+)">/g)].map((m) => m[1]);
      expect(linksOf(first.html)).toHaveLength(20);
      expect(linksOf(second.html)).toHaveLength(6);
      expect(new Set([...linksOf(first.html), ...linksOf(second.html)]).size).toBe(26);
      const previous = decode(second.html.match(/<a href="([^"]+)" rel="prev">Previous page<\/a>/)?.[1] ?? "");
      expect(linksOf((await page(previous)).html)).toEqual(linksOf(first.html));
    });

    it("offers only the orders that make sense, keeping the one chosen", async () => {
      const browsing = await page("/search?sort=newest");
      expect(browsing.html).not.toContain('value="relevance"');
      expect(browsing.html).toContain('<option value="newest" selected="">Newest first</option>');
      expect((await page("/search?q=python")).html).toContain('<option value="relevance" selected="">Best match</option>');
    });

    it("answers 400 and names each setting it could not use", async () => {
      const { status, html } = await page("/search?q=python&decade=1995&format=scroll");
      expect(status).toBe(400);
      expect(html).toContain("Decade: Use the first year of a decade, such as 1990");
      expect(html).toContain("Format: Use one of: book, ebook");
      expect(html).toContain('value="python"');
      expectWellFormedPage(html);
    });
  });

  describe("record page", () => {
    it("shows the bibliographic details, editions and works like it", async () => {
      const workId = id("The pragmatic programmer");
      const record = await page(`/works/${workId}`);
      const main = mainOf(record.html);
      expect(record.status).toBe(200);
      expect(record.html).toContain("<title>The pragmatic programmer · Circulate Library</title>");
      expect(main).toContain("<h1>The pragmatic programmer</h1>");
      expect(main).toContain('<p class="work-subtitle">from journeyman to master</p>');
      expect(main).toContain('<p class="work-by">Hunt, Andrew (author); Thomas, David (author)</p>');
      expect(main).toContain('<a href="/search?q=Hunt%2C+Andrew">Hunt, Andrew</a> (author)');
      expect(main).toContain("<dt>Language</dt><dd>English</dd>");
      expect(main).toContain("<dt>First published</dt><dd>2000</dd>");
      expect(main).toContain('<a href="/search?subject=Computer+programming">Computer programming</a>');
      expect(main).toContain('<caption id="editions-caption">Editions of The pragmatic programmer in the library</caption>');
      expect(main).toMatch(/<td>Book<\/td><td>Addison-Wesley<\/td><td>2000<\/td><td>xxiv, 321 p<\/td><td>9780201616224<\/td>/);
      expect(main).toContain('<h2 id="work-related">More like this</h2>');
      expect(main).toContain(`<a href="/works/${id("Introduction to algorithms")}">Introduction to algorithms</a>`);
      expect(main).toContain(`<img class="work-cover" src="/works/${workId}/cover.svg" alt="Cover of The pragmatic programmer"`);
      expect(main).not.toContain("Find it in our catalogue");
      expectWellFormedPage(record.html);
    });

    it("carries schema.org Book data that parses as JSON, even for a title that tries to close the script", async () => {
      const workId = id(HOSTILE_TITLE);
      const { html } = await page(`/works/${workId}`);
      const scripts = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? "");
      expect(scripts).toHaveLength(1);
      expect(scripts[0]).not.toContain("<");
      const data = JSON.parse(scripts[0] ?? "");
      expect(data).toMatchObject({
        "@context": "https://schema.org",
        "@type": "Book",
        "@id": `http://circulate.test/works/${workId}`,
        name: HOSTILE_TITLE,
        author: [{ "@type": "Person", name: "O'Brien, Flann" }],
        inLanguage: "en",
        datePublished: "1939",
        image: `http://circulate.test/works/${workId}/cover.svg`,
      });
      expect(html).not.toContain("<script>alert");
      expect(html).toContain(
        `<h1>Tags &lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;</h1>`,
      );
      expectWellFormedPage(html);
    });

    it("builds the “find it in our catalogue” link from the template the library set", async () => {
      const admin = (await signedInClient(app, deps, "admin")).client;
      const save = (catalogLinkTemplate: string) =>
        admin.postForm(
          "/admin/settings",
          { libraryName: "Circulate Library", timeZone: "UTC", defaultLocale: "en", contactEmail: "", catalogLinkTemplate },
          { csrfFrom: "/admin/settings" },
        );
      const refused = await save("opac.example.org/search?isbn={isbn}");
      expect(refused.status).toBe(422);
      expect(await refused.text()).toMatch(/id="field-catalogLinkTemplate-error"[^>]*>Enter an address starting with https:\/\//);

      expect((await save("https://opac.example.org/search?isbn={isbn}&title={title}")).status).toBe(303);
      const { html } = await page(`/works/${id("Learning Python")}`);
      expect(html).toContain(
        '<a class="button" href="https://opac.example.org/search?isbn=9780596002817&amp;title=Learning%20Python">Find it in our catalogue</a>',
      );
      // Without an ISBN there is nothing the template could find: no link rather than a broken one.
      expect((await page(`/works/${id("Cien años de soledad")}`)).html).not.toContain("Find it in our catalogue");
      expect((await save("")).status).toBe(303);
    });

    it("serves a placeholder cover: valid SVG with a title and an accessible name", async () => {
      const res = await app.request(`/works/${id(HOSTILE_TITLE)}/cover.svg`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
      const svg = await res.text();
      const parser = new SaxesParser({ xmlns: true });
      const elements: string[] = [];
      let title = "";
      let inTitle = false;
      let rootRole: string | undefined;
      parser.on("opentag", (tag) => {
        elements.push(tag.local);
        if (elements.length === 1) rootRole = tag.attributes.role?.value;
        inTitle = tag.local === "title";
      });
      parser.on("text", (text) => {
        if (inTitle) title += text;
      });
      parser.on("closetag", () => {
        inTitle = false;
      });
      parser.write(svg).close(); // throws on anything that is not well-formed XML
      expect(elements[0]).toBe("svg");
      expect(rootRole).toBe("img");
      expect(title).toBe(`Cover of ${HOSTILE_TITLE} by O'Brien, Flann`);
      expect(svg).not.toMatch(/\sstyle=|<script|href=/);

      const es = await app.request(`/works/${id("Learning Python")}/cover.svg`, { headers: { "accept-language": "es" } });
      expect(await es.text()).toContain('<title id="cover-title">Cubierta de Learning Python, de Lutz, Mark</title>');
    });

    it("shows an uploaded cover from the data folder, and nothing from outside it", async () => {
      const workId = id("Python cookbook");
      mkdirSync(path.join(deps.config.dataDir, "uploads", "covers"), { recursive: true });
      const png = Buffer.from("89504e470d0a1a0a", "hex");
      writeFileSync(path.join(deps.config.dataDir, "uploads", "covers", "cookbook.png"), png);
      await deps.db.update(works).set({ coverPath: "uploads/covers/cookbook.png" }).where(eq(works.id, workId));
      expect((await page(`/works/${workId}`)).html).toContain(`src="/works/${workId}/cover"`);
      const cover = await app.request(`/works/${workId}/cover`);
      expect(cover.headers.get("content-type")).toBe("image/png");
      expect(Buffer.from(await cover.arrayBuffer())).toEqual(png);

      await deps.db.update(works).set({ coverPath: "../../../etc/passwd.png" }).where(eq(works.id, workId));
      expect((await app.request(`/works/${workId}/cover`)).status).toBe(404);
      await deps.db.update(works).set({ coverPath: null }).where(eq(works.id, workId));
      expect((await app.request(`/works/${workId}/cover`)).status).toBe(404);
    });

    it("answers 404 for an unknown or malformed id", async () => {
      for (const path of ["/works/01a20c3c-22ab-7f6d-a94b-000000000000", "/works/not-an-id", "/works/not-an-id/cover.svg"]) {
        const res = await page(path);
        expect(res.status, path).toBe(404);
        expect(res.html, path).toContain("<h1>Page not found</h1>");
      }
    });
  });

  describe("languages", () => {
    const catalogueKeys = (Object.keys(allMessages("en")) as MessageKey[]).filter((k) => k.startsWith("catalog."));

    it("shows the pages in Spanish, with no English catalogue text left", async () => {
      const es = allMessages("es");
      const en = allMessages("en");
      // Whole English strings that differ in Spanish; short ones ("Format") could occur in titles.
      const english = catalogueKeys
        .map((k) => en[k])
        .filter((text, i) => !/\{/.test(text) && text !== es[catalogueKeys[i] as MessageKey] && text.length > 12);
      const pages = [
        "/search?q=python",
        "/search?q=python&subject=Internet+programming",
        "/search?q=xyzzyq&format=music",
        "/search?q=pragmatic+programmers",
        `/works/${id("Learning Python")}`,
        "/",
      ];
      for (const path of pages) {
        const { html } = await page(path, { "accept-language": "es" });
        const text = decode(html);
        expect(text, path).toContain('<html lang="es"');
        expect(
          english.filter((s) => text.includes(s)),
          path,
        ).toEqual([]);
        expect(text, path).not.toMatch(/catalog\.[a-z]/);
      }
      const record = await page(`/works/${id("Learning Python")}`, { "accept-language": "es" });
      expect(record.html).toContain("<dt>Idioma</dt><dd>inglés</dd>");
      expect(record.html).toContain('<h2 id="work-editions">Ediciones</h2>');
      expect(record.html).toContain("Lutz, Mark (autor)");
      const search = await page("/search?q=python", { "accept-language": "es" });
      expect(search.html).toContain("<h1>Resultados de la búsqueda de «python»</h1>");
      expect(search.html).toContain("15 resultados para «python»");
      expect(search.html).toContain('<a href="/search?q=python&amp;format=book">Libro (15)</a>');
    });

    it("uses no catalogue key that the catalogues lack, in English either", async () => {
      for (const path of ["/search?q=python", "/search?q=xyzzyq", `/works/${id("Learning Python")}`, "/search?decade=5"]) {
        expect((await page(path)).html, path).not.toMatch(/catalog\.[a-z]/);
      }
    });
  });
});
