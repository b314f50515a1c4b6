import { parse as parseCsv } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import { SaxesParser } from "saxes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachEngine } from "../../../../test/database.ts";
import { createApp, createTestDeps, type TestApp } from "../../../../test/deps.ts";
import { signedInClient, TestClient } from "../../../../test/http.ts";
import { loadSampleCatalogue } from "../../../../test/reading.ts";
import type { Clock } from "../../../clock.ts";
import type { Deps } from "../../../compose.ts";
import { follows, listSuggestions, lists, works } from "../../../db/schema/index.ts";
import { DEFAULT_SETTINGS } from "../../../modules/accounts/index.ts";
import { importCatalog, importItems } from "../../../modules/catalog/index.ts";

/** A title that needs every kind of XML escaping, and that CSV must quote. */
const HOSTILE = `Tom & Jerry <"Best"> 'of', all`;

/** A clock that moves on a second at every reading, so that items added one after another have distinct times. */
function tickingClock(): Clock {
  let at = Date.now();
  return {
    now: () => {
      at += 1000;
      return new Date(at);
    },
  };
}

interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/** A strict parse (saxes throws on anything that is not well-formed, namespaced XML) into a small tree. */
function parseXml(xml: string): XmlNode {
  const parser = new SaxesParser({ xmlns: true });
  const root: XmlNode = { name: "#document", attributes: {}, children: [], text: "" };
  const stack = [root];
  parser.on("opentag", (tag) => {
    const node: XmlNode = {
      name: tag.name,
      attributes: Object.fromEntries(Object.entries(tag.attributes).map(([k, a]) => [k, a.value])),
      children: [],
      text: "",
    };
    stack.at(-1)?.children.push(node);
    stack.push(node);
  });
  parser.on("text", (text) => {
    const current = stack.at(-1);
    if (current) current.text += text;
  });
  parser.on("closetag", () => void stack.pop());
  parser.write(xml).close();
  const [top] = root.children;
  if (!top) throw new Error("no root element");
  return top;
}
const child = (node: XmlNode | undefined, name: string) => node?.children.find((c) => c.name === name);
const childrenNamed = (node: XmlNode | undefined, name: string) => node?.children.filter((c) => c.name === name) ?? [];

describeEachEngine("list pages", (engine) => {
  let deps: Deps;
  let app: TestApp;
  let byTitle: Map<string, string>;
  let owner: Awaited<ReturnType<typeof signedInClient>>;
  let follower: Awaited<ReturnType<typeof signedInClient>>;
  let other: Awaited<ReturnType<typeof signedInClient>>;
  let visitor: TestClient;

  beforeAll(async () => {
    deps = await createTestDeps(engine, { jobs: false, clock: tickingClock() });
    app = createApp(deps);
    await loadSampleCatalogue(deps.db);
    const csv = `Title,Authors\n"${HOSTILE.replace(/"/g, '""')}","O'Brien & Sons"\n`;
    await importCatalog(deps.db, importItems("csv", [new TextEncoder().encode(csv)]));
    byTitle = new Map((await deps.db.select({ id: works.id, title: works.title }).from(works)).map((w) => [w.title, w.id]));
    owner = await signedInClient(app, deps, "patron", { displayName: "Olive Owner" });
    follower = await signedInClient(app, deps, "patron", { displayName: "Fern Follower" });
    other = await signedInClient(app, deps, "patron", { displayName: "Otto Other" });
    visitor = new TestClient(app);
    await deps.db.insert(follows).values({ followerId: follower.user.id, followeeId: owner.user.id });
  });
  afterAll(() => deps?.close());

  const id = (title: string) => {
    const found = byTitle.get(title);
    if (!found) throw new Error(`no work “${title}”`);
    return found;
  };
  const locationId = (res: Response) => {
    const location = res.headers.get("location") ?? "";
    const found = location.match(/[0-9a-f-]{36}/)?.[0];
    if (res.status !== 303 || !found) throw new Error(`expected a redirect to a new resource, got ${res.status} ${location}`);
    return found;
  };
  /** Makes a list through the record page's "new list" form, with the work on it. */
  const newList = async (client: TestClient, fields: Record<string, string>, workTitle?: string) =>
    locationId(await client.postForm("/lists", { ...fields, ...(workTitle ? { workId: id(workTitle) } : {}) }));
  const addToList = (client: TestClient, listId: string, workTitle: string, note = "") =>
    client.postForm(`/works/${id(workTitle)}/lists`, { listId, note, return: `/works/${id(workTitle)}` });
  const status = async (client: TestClient, path: string) => (await client.get(path)).status;

  describe("each visibility, as the owner, a follower, another patron and a visitor see it", () => {
    const cases = [
      { visibility: "public", others: 200, listed: true, feeds: 200 },
      { visibility: "unlisted", others: 200, listed: false, feeds: 200 },
      { visibility: "private", others: 404, listed: false, feeds: 404 },
    ] as const;
    for (const { visibility, others, listed, feeds } of cases) {
      it(`a ${visibility} list`, async () => {
        const title = `A ${visibility} list`;
        const listId = await newList(owner.client, { title, visibility }, "Learning Python");
        const page = await owner.client.get(`/lists/${listId}`);
        expect(page.status).toBe(200);
        const html = await page.text();
        expect(html).toContain(`<h1>${title}</h1>`);
        expect(html).toContain("Learning Python");
        expect(html).toContain("Made by a patron: Olive Owner");

        for (const client of [follower.client, other.client, visitor]) {
          const res = await client.get(`/lists/${listId}`);
          expect(res.status).toBe(others);
          if (others === 200) expect(await res.text()).toContain("Learning Python");
          expect(await status(client, `/lists/${listId}.csv`)).toBe(others);
        }
        expect(await status(owner.client, `/lists/${listId}.csv`)).toBe(200);
        for (const feed of ["rss", "atom"]) {
          expect(await status(visitor, `/lists/${listId}.${feed}`)).toBe(feeds);
          expect(await status(owner.client, `/lists/${listId}.${feed}`)).toBe(feeds);
        }
        expect((await (await visitor.get("/lists")).text()).includes(title)).toBe(listed);
        expect((await (await visitor.get(`/works/${id("Learning Python")}/shelve`)).text()).includes(title)).toBe(listed);
        expect((await (await owner.client.get("/lists")).text()).includes(title)).toBe(true);
      });
    }

    it("a list hidden by a moderator: its owner sees it marked, moderators see it, nobody else does", async () => {
      const listId = await newList(owner.client, { title: "Soon hidden", visibility: "public" }, "Design patterns");
      await deps.db.update(lists).set({ hiddenAt: new Date() }).where(eq(lists.id, listId));
      const mine = await (await owner.client.get(`/lists/${listId}`)).text();
      expect(mine).toContain("The moderators have hidden this list.");
      const moderator = await signedInClient(app, deps, "moderator");
      expect(await (await moderator.client.get(`/lists/${listId}`)).text()).toContain("This list is hidden.");
      for (const client of [follower.client, other.client, visitor]) expect(await status(client, `/lists/${listId}`)).toBe(404);
      expect(await status(visitor, `/lists/${listId}.rss`)).toBe(404);
      expect(await (await visitor.get("/lists")).text()).not.toContain("Soon hidden");
    });
  });

  it("orders works with move buttons that need no script", async () => {
    const listId = await newList(owner.client, { title: "Ordered", visibility: "public" });
    for (const title of ["ANSI Common Lisp", "Design patterns", "Python cookbook"]) {
      expect((await addToList(owner.client, listId, title)).status).toBe(303);
    }
    const order = async () => {
      const html = await (await visitor.get(`/lists/${listId}`)).text();
      return ["ANSI Common Lisp", "Design patterns", "Python cookbook"].sort((a, b) => html.indexOf(a) - html.indexOf(b));
    };
    expect(await order()).toEqual(["ANSI Common Lisp", "Design patterns", "Python cookbook"]);
    const html = await (await owner.client.get(`/lists/${listId}`)).text();
    expect(html).toContain(`action="/lists/${listId}/items/${id("Python cookbook")}/move"`);
    expect(html).toMatch(/Move up<span class="visually-hidden">: Python cookbook<\/span>/);

    const move = await owner.client.postForm(`/lists/${listId}/items/${id("Python cookbook")}/move`, { direction: "up" });
    expect(move.status).toBe(303);
    expect(move.headers.get("location")).toBe(`/lists/${listId}#work-${id("Python cookbook")}`);
    expect(
      await owner.client.postForm(`/lists/${listId}/items/${id("ANSI Common Lisp")}/move`, { direction: "down" }),
    ).toHaveProperty("status", 303);
    expect(await order()).toEqual(["Python cookbook", "ANSI Common Lisp", "Design patterns"]);
    // Someone who may only look cannot reorder.
    expect(
      (await other.client.postForm(`/lists/${listId}/items/${id("Design patterns")}/move`, { direction: "up" })).status,
    ).toBe(404);
    expect(await order()).toEqual(["Python cookbook", "ANSI Common Lisp", "Design patterns"]);
    const counted = await (await visitor.get("/lists")).text();
    expect(counted).toMatch(/>Ordered<\/a>[\s\S]*?Made by a patron: Olive Owner[\s\S]*?3 books/);
  });

  it("lets an invited co-editor add and annotate works, and the owner approve a patron's suggestion", async () => {
    const listId = await newList(
      owner.client,
      { title: "Together", visibility: "public", openToSuggestions: "on" },
      "Learning Python",
    );
    const notYet = await addToList(other.client, listId, "Python cookbook");
    expect(notYet.status).toBe(422);
    expect(await notYet.text()).toContain("Choose one of the lists offered.");

    const invite = await owner.client.postForm(`/lists/${listId}/editors`, { email: other.user.email.toUpperCase() });
    expect(invite.status).toBe(303);
    const unknown = await owner.client.postForm(`/lists/${listId}/editors`, { email: "nobody@example.org" });
    expect(unknown.status).toBe(422);
    expect(await unknown.text()).toContain("No patron of the library has this email address.");

    expect((await addToList(other.client, listId, "Python cookbook", "Recipes, with “quotes”")).status).toBe(303);
    const note = await other.client.postForm(`/lists/${listId}/items/${id("Learning Python")}`, { note: "Start here" });
    expect(note.status).toBe(303);
    const asEditor = await (await other.client.get(`/lists/${listId}`)).text();
    expect(asEditor).toContain("Co-editors");
    expect(asEditor).toContain("Stop editing this list");
    expect(asEditor).not.toContain("List settings");
    expect((await other.client.postForm(`/lists/${listId}`, { title: "Taken over", visibility: "public" })).status).toBe(404);

    // A third patron suggests from the record page; the owner approves on the suggestions page.
    const suggestion = await follower.client.postForm(`/works/${id("Design patterns")}/suggest`, {
      listId,
      note: "A must",
      return: `/works/${id("Design patterns")}`,
    });
    expect(suggestion.status).toBe(303);
    expect(suggestion.headers.get("location")).toBe(`/works/${id("Design patterns")}`);
    const again = await follower.client.postForm(`/works/${id("Design patterns")}/suggest`, { listId, note: "" });
    expect(again.status).toBe(422);
    expect(await again.text()).toContain("Someone has already suggested this book to that list.");
    expect(await (await owner.client.get(`/lists/${listId}`)).text()).toContain("1 suggestion is waiting for you.");
    const review = await (await owner.client.get(`/lists/${listId}/suggestions`)).text();
    expect(review).toContain("Suggested by Fern Follower");
    expect(review).toContain("A must");
    const [row] = await deps.db
      .select({ id: listSuggestions.id })
      .from(listSuggestions)
      .where(eq(listSuggestions.listId, listId));
    if (!row) throw new Error("no suggestion stored");
    expect((await other.client.postForm(`/lists/${listId}/suggestions/${row.id}`, { decision: "approve" })).status).toBe(404);
    expect((await owner.client.postForm(`/lists/${listId}/suggestions/${row.id}`, { decision: "approve" })).status).toBe(303);
    const after = await (await visitor.get(`/lists/${listId}`)).text();
    expect(after).toContain("Design patterns");
    expect(after).toContain("A must");
    expect(after).toContain("Start here");
    expect(await (await follower.client.get(`/lists/${listId}/suggestions`)).text()).toContain("Added to the list");

    expect((await other.client.postForm(`/lists/${listId}/editors/${other.user.id}/remove`, {})).status).toBe(303);
    expect((await addToList(other.client, listId, "ANSI Common Lisp")).status).toBe(422);
  });

  it("marks the library's lists as the library's and a patron's as a patron's, the library's first", async () => {
    const staff = await signedInClient(app, deps, "staff", { displayName: "Sam Staff" });
    expect(await (await staff.client.get("/lists/new")).text()).toContain("Publish as the library");
    expect(await (await owner.client.get("/lists/new")).text()).not.toContain("Publish as the library");
    const patronList = await newList(owner.client, {
      title: "Olive's pretend library list",
      visibility: "public",
      byLibrary: "on",
    });
    const libraryList = await newList(staff.client, { title: "Staff picks", visibility: "public", byLibrary: "on" });
    const staffOwn = await newList(staff.client, { title: "Sam's own picks", visibility: "public" });
    expect(await (await visitor.get(`/lists/${libraryList}`)).text()).toContain(
      `<span class="badge badge-library">From the library: ${DEFAULT_SETTINGS.libraryName}</span>`,
    );
    expect(await (await visitor.get(`/lists/${patronList}`)).text()).toContain("Made by a patron: Olive Owner");
    expect(await (await visitor.get(`/lists/${staffOwn}`)).text()).toContain("Made by a patron: Sam Staff");
    const index = await (await visitor.get("/lists")).text();
    expect(index.indexOf("Staff picks")).toBeLessThan(index.indexOf("Olive&#39;s pretend library list"));
    expect(index.indexOf("Staff picks")).toBeLessThan(index.indexOf("Sam&#39;s own picks"));
  });

  it("exports a list as CSV, in its order, with its notes", async () => {
    const listId = await newList(owner.client, { title: "For the spreadsheet", visibility: "unlisted" }, HOSTILE);
    await addToList(owner.client, listId, "The pragmatic programmer", 'Read it twice, "slowly"\nthen again');
    const res = await visitor.get(`/lists/${listId}.csv`);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="list-${listId}.csv"`);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const rows = parseCsv(await res.text(), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.position, r.title, r.contributors, r.note, r.url])).toEqual([
      ["1", HOSTILE, "O'Brien & Sons", "", `http://circulate.test/works/${id(HOSTILE)}`],
      [
        "2",
        "The pragmatic programmer",
        "Hunt, Andrew; Thomas, David",
        'Read it twice, "slowly"\nthen again',
        `http://circulate.test/works/${id("The pragmatic programmer")}`,
      ],
    ]);
  });

  it("serves RSS 2.0 and Atom feeds that parse as XML, escape every title and list the newest first", async () => {
    const listId = await newList(owner.client, { title: HOSTILE, description: "Cats & <mice>", visibility: "public" }, HOSTILE);
    await addToList(owner.client, listId, "Learning Python", "Note with <b>tags</b> & ampersands");
    const page = await (await visitor.get(`/lists/${listId}`)).text();
    const head = page.slice(0, page.indexOf("</head>"));
    expect(head).toMatch(
      new RegExp(
        `<link rel="alternate" type="application/rss\\+xml" title="[^"]+" href="http://circulate.test/lists/${listId}.rss"`,
      ),
    );
    expect(head).toMatch(
      new RegExp(
        `<link rel="alternate" type="application/atom\\+xml" title="[^"]+" href="http://circulate.test/lists/${listId}.atom"`,
      ),
    );

    const rssResponse = await visitor.get(`/lists/${listId}.rss`);
    expect(rssResponse.headers.get("content-type")).toBe("application/rss+xml; charset=utf-8");
    const rssText = await rssResponse.text();
    expect(rssText).toContain("<title>Tom &amp; Jerry &lt;&quot;Best&quot;&gt; &apos;of&apos;, all</title>");
    const rss = parseXml(rssText);
    expect([rss.name, rss.attributes.version]).toEqual(["rss", "2.0"]);
    const channel = child(rss, "channel");
    expect(child(channel, "title")?.text).toBe(HOSTILE);
    expect(child(channel, "description")?.text).toBe("Cats & <mice>");
    expect(child(channel, "link")?.text).toBe(`http://circulate.test/lists/${listId}`);
    const rssItems = childrenNamed(channel, "item");
    expect(rssItems.map((i) => child(i, "title")?.text)).toEqual(["Learning Python", HOSTILE]);
    expect(rssItems.map((i) => child(i, "link")?.text)).toEqual([
      `http://circulate.test/works/${id("Learning Python")}`,
      `http://circulate.test/works/${id(HOSTILE)}`,
    ]);
    expect(child(rssItems[0], "description")?.text).toBe("By Lutz, Mark; Ascher, David\n\nNote with <b>tags</b> & ampersands");
    expect(rssItems.every((i) => !Number.isNaN(Date.parse(child(i, "pubDate")?.text ?? "")))).toBe(true);

    const atomResponse = await visitor.get(`/lists/${listId}.atom`);
    expect(atomResponse.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    const atom = parseXml(await atomResponse.text());
    expect(atom.name).toBe("feed");
    expect(atom.attributes.xmlns).toBe("http://www.w3.org/2005/Atom");
    expect(child(atom, "title")?.text).toBe(HOSTILE);
    expect(child(child(atom, "author"), "name")?.text).toBe("Olive Owner");
    expect(childrenNamed(atom, "link").map((l) => [l.attributes.rel, l.attributes.href])).toEqual([
      ["alternate", `http://circulate.test/lists/${listId}`],
      ["self", `http://circulate.test/lists/${listId}.atom`],
    ]);
    const entries = childrenNamed(atom, "entry");
    expect(entries.map((e) => child(e, "title")?.text)).toEqual(["Learning Python", HOSTILE]);
    expect(entries.map((e) => child(e, "id")?.text)).toEqual([
      `http://circulate.test/lists/${listId}#work-${id("Learning Python")}`,
      `http://circulate.test/lists/${listId}#work-${id(HOSTILE)}`,
    ]);
    const updated = entries.map((e) => Date.parse(child(e, "updated")?.text ?? ""));
    expect(updated[0]).toBeGreaterThan(updated[1] ?? Number.POSITIVE_INFINITY);
    expect(Date.parse(child(atom, "updated")?.text ?? "")).toBeGreaterThanOrEqual(updated[0] ?? 0);
  });

  it("needs a CSRF token on every list form", async () => {
    const listId = await newList(owner.client, { title: "Guarded", visibility: "public" }, "Learning Python");
    const forged = [
      owner.client.postForm("/lists", { title: "Forged", visibility: "public" }, { csrf: false }),
      owner.client.postForm(`/lists/${listId}`, { title: "Forged", visibility: "public" }, { csrf: false }),
      owner.client.postForm(`/lists/${listId}/delete`, {}, { csrf: false }),
      owner.client.postForm(`/lists/${listId}/items/${id("Learning Python")}/remove`, {}, { csrf: false }),
      owner.client.postForm(`/lists/${listId}/editors`, { email: other.user.email }, { csrf: "not-the-token" }),
      owner.client.postForm(`/works/${id("Design patterns")}/lists`, { listId, note: "" }, { csrf: false }),
    ];
    for (const res of await Promise.all(forged)) expect(res.status).toBe(403);
    const page = await (await visitor.get(`/lists/${listId}`)).text();
    expect(page).toContain("<h1>Guarded</h1>");
    expect(page).toContain("Learning Python");
    expect(page).not.toContain("Design patterns");
  });

  it("limits invitations per person, since each one tells whether an address has an account", async () => {
    const inviter = await signedInClient(app, deps);
    const listId = await newList(inviter.client, { title: "Invitations", visibility: "private" });
    const token = await inviter.client.csrf(`/lists/${listId}`);
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      statuses.push(
        (await inviter.client.postForm(`/lists/${listId}/editors`, { email: `guess${i}@example.org` }, { csrf: token })).status,
      );
    }
    expect(statuses.slice(0, 20).every((s) => s === 422)).toBe(true);
    expect(statuses[20]).toBe(429);
  });

  it("re-shows a list form with the problem beside the field and the text kept", async () => {
    const res = await owner.client.postForm("/lists", { title: "  ", description: "Kept text", visibility: "public" });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('<a href="#field-title">Give the list a title.</a>');
    expect(html).toContain(">Kept text</textarea>");
    expect(html).toMatch(/id="visibility-public" name="visibility" value="public" checked/);
  });

  it("renders the list pages in Spanish", async () => {
    const listId = await newList(owner.client, { title: "Para leer", visibility: "public" }, "Learning Python");
    const html = await (await visitor.get(`/lists/${listId}`, { "accept-language": "es" })).text();
    expect(html).toContain("Creada por un usuario: Olive Owner");
    expect(html).toContain("1 libro");
    expect(html).toContain("Descargar en CSV");
  });
});
