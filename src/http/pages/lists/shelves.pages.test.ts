import { and, eq, inArray } from "drizzle-orm";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachEngine } from "../../../../test/database.ts";
import { createApp, createTestDeps, type TestApp } from "../../../../test/deps.ts";
import { signedInClient, TestClient } from "../../../../test/http.ts";
import { loadSampleCatalogue } from "../../../../test/reading.ts";
import type { Deps } from "../../../compose.ts";
import { follows, listEditors, listItems, listSuggestions, lists, shelves, users } from "../../../db/schema/index.ts";
import { DELETION_GRACE_DAYS, executeAccountDeletion, requestAccountDeletion } from "../../../modules/accounts/index.ts";

type Signed = Awaited<ReturnType<typeof signedInClient>>;

describeEachEngine("shelf pages", (engine) => {
  let deps: Deps;
  let app: TestApp;
  let byTitle: Map<string, string>;
  let owner: Signed;
  let follower: Signed;
  let other: Signed;
  let visitor: TestClient;

  beforeAll(async () => {
    deps = await createTestDeps(engine, { jobs: true });
    app = createApp(deps);
    byTitle = new Map((await loadSampleCatalogue(deps.db)).map((w) => [w.title, w.id]));
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
  const redirectedId = (res: Response) => {
    const found = res.headers.get("location")?.match(/[0-9a-f-]{36}/)?.[0];
    if (res.status !== 303 || !found) throw new Error(`expected a redirect, got ${res.status}`);
    return found;
  };
  const shelve = (client: TestClient, title: string, fields: Record<string, string | string[]>) =>
    client.postForm(`/works/${id(title)}/shelve`, { startedOn: "", finishedOn: "", progress: "", ...fields });
  const defaultShelfId = async (userId: string, kind: "want-to-read" | "reading" | "read" | "stopped") => {
    const [row] = await deps.db
      .select({ id: shelves.id })
      .from(shelves)
      .where(and(eq(shelves.userId, userId), eq(shelves.kind, kind)));
    if (!row) throw new Error(`no ${kind} shelf`);
    return row.id;
  };

  describe("each visibility, as the owner, a follower, another patron and a visitor see it", () => {
    const cases = [
      { visibility: "public", follower: 200, others: 200 },
      { visibility: "followers", follower: 200, others: 404 },
      { visibility: "private", follower: 404, others: 404 },
    ] as const;
    for (const expected of cases) {
      it(`a ${expected.visibility} shelf`, async () => {
        const shelfId = redirectedId(
          await owner.client.postForm("/shelves", { name: `Shelf for ${expected.visibility}`, visibility: expected.visibility }),
        );
        expect((await shelve(owner.client, "ANSI Common Lisp", { status: "want-to-read", shelf: shelfId })).status).toBe(303);
        const mine = await owner.client.get(`/shelves/${shelfId}`);
        expect(mine.status).toBe(200);
        const html = await mine.text();
        expect(html).toContain(`<h1>Shelf for ${expected.visibility}</h1>`);
        expect(html).toContain("ANSI Common Lisp");

        const seen = async (client: TestClient) => {
          const res = await client.get(`/shelves/${shelfId}`);
          if (res.status === 200) expect(await res.text()).toContain("A shelf of Olive Owner");
          return res.status;
        };
        expect(await seen(follower.client)).toBe(expected.follower);
        expect(await seen(other.client)).toBe(expected.others);
        expect(await seen(visitor)).toBe(expected.others);
      });
    }
  });

  it("keeps a work on one reading shelf, moving it with its dates, and on custom shelves besides", async () => {
    const reader = await signedInClient(app, deps);
    const custom = redirectedId(await reader.client.postForm("/shelves", { name: "Favourites", visibility: "private" }));
    const lent = redirectedId(await reader.client.postForm("/shelves", { name: "Lent out", visibility: "private" }));
    expect(
      (
        await shelve(reader.client, "Learning Python", {
          status: "reading",
          startedOn: "2026-01-05",
          progress: "30",
          shelf: [custom, lent],
        })
      ).status,
    ).toBe(303);
    // Both custom shelves were ticked: the form sends the field twice.
    expect(await (await reader.client.get(`/shelves/${lent}`)).text()).toContain("Learning Python");
    const moved = await shelve(reader.client, "Learning Python", {
      status: "read",
      startedOn: "2026-01-05",
      finishedOn: "2026-02-01",
      progress: "100",
      shelf: custom,
    });
    expect(moved.status).toBe(303);
    expect(moved.headers.get("location")).toBe(`/works/${id("Learning Python")}`);

    const reading = await (await reader.client.get(`/shelves/${await defaultShelfId(reader.user.id, "reading")}`)).text();
    expect(reading).not.toContain("Learning Python");
    const read = await (await reader.client.get(`/shelves/${await defaultShelfId(reader.user.id, "read")}`)).text();
    expect(read).toContain("Learning Python");
    expect(read).toContain("Started January 5, 2026 · Finished February 1, 2026 · 100% read");
    expect(await (await reader.client.get(`/shelves/${custom}`)).text()).toContain("Learning Python");

    const form = await (await reader.client.get(`/works/${id("Learning Python")}/shelve`)).text();
    expect(form).toMatch(/id="shelve-status-read" name="status" value="read" checked/);
    expect(form).toContain(`id="shelve-custom-${custom}" name="shelf" value="${custom}" checked`);
    expect(form).toContain(`id="shelve-custom-${lent}" name="shelf" value="${lent}"/>`);
    expect(await (await reader.client.get(`/shelves/${lent}`)).text()).not.toContain("Learning Python");
    expect(form).toContain('value="2026-01-05"');

    const overview = await (await reader.client.get("/shelves")).text();
    expect(overview).toMatch(/>Read<\/a><\/h3><p class="muted">1 book · Only me/);
    expect(overview).toMatch(/>Reading<\/a><\/h3><p class="muted">0 books · Only me/);

    expect((await reader.client.postForm(`/works/${id("Learning Python")}/unshelve`, {})).status).toBe(303);
    expect(await (await reader.client.get(`/shelves/${custom}`)).text()).not.toContain("Learning Python");
  });

  it("re-shows the shelving form with each problem beside its field and what was typed kept", async () => {
    const res = await shelve(owner.client, "Design patterns", {
      status: "read",
      startedOn: "2026-02-10",
      finishedOn: "2026-02-01",
      progress: "150",
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('<a href="#field-shelve-progress">Enter a whole number from 0 to 100.</a>');
    expect(html).toContain('<a href="#field-shelve-finishedOn">The finishing date cannot come before the starting date.</a>');
    expect(html).toContain('value="2026-02-10"');
    expect(html).toMatch(/id="shelve-status-read" name="status" value="read" checked/);
    expect(html).toContain(`name="return" value="/works/${id("Design patterns")}/shelve"`);
  });

  it("lets the owner change dates, take works off, rename, open and delete custom shelves", async () => {
    const reader = await signedInClient(app, deps);
    const shelfId = redirectedId(await reader.client.postForm("/shelves", { name: "Holiday", visibility: "private" }));
    expect((await reader.client.postForm("/shelves", { name: "holiday", visibility: "private" })).status).toBe(422);
    await shelve(reader.client, "Python cookbook", { status: "none", shelf: shelfId });
    const page = await (await reader.client.get(`/shelves/${shelfId}`)).text();
    expect(page).toContain(`action="/shelves/${shelfId}/items/${id("Python cookbook")}"`);
    expect(page).toContain(`id="field-w${id("Python cookbook")}-startedOn"`);

    const dated = await reader.client.postForm(`/shelves/${shelfId}/items/${id("Python cookbook")}`, {
      startedOn: "2026-02-01",
      finishedOn: "",
      progress: "12",
    });
    expect(dated.status).toBe(303);
    expect(await (await reader.client.get(`/shelves/${shelfId}`)).text()).toContain("Started February 1, 2026 · 12% read");
    const badDate = await reader.client.postForm(`/shelves/${shelfId}/items/${id("Python cookbook")}`, {
      startedOn: "yesterday",
    });
    expect(badDate.status).toBe(422);
    expect(await badDate.text()).toContain("Enter a date such as 2026-03-01.");

    expect((await reader.client.postForm(`/shelves/${shelfId}`, { name: "Summer", visibility: "public" })).status).toBe(303);
    expect(await (await visitor.get(`/shelves/${shelfId}`)).text()).toContain("<h1>Summer</h1>");
    expect((await other.client.postForm(`/shelves/${shelfId}`, { name: "Mine", visibility: "public" })).status).toBe(404);

    expect((await reader.client.postForm(`/shelves/${shelfId}/items/${id("Python cookbook")}/remove`, {})).status).toBe(303);
    expect(await (await reader.client.get(`/shelves/${shelfId}`)).text()).toContain("There is nothing on this shelf yet.");

    const readShelf = await defaultShelfId(reader.user.id, "read");
    expect((await reader.client.get(`/shelves/${readShelf}/delete`)).status).toBe(404);
    expect(await (await reader.client.get(`/shelves/${shelfId}/delete`)).text()).toContain("Delete the shelf “Summer”?");
    expect((await reader.client.postForm(`/shelves/${shelfId}/delete`, {})).status).toBe(303);
    expect((await reader.client.get(`/shelves/${shelfId}`)).status).toBe(404);
  });

  it("needs a CSRF token on every shelf form and on the upload", async () => {
    await owner.client.get("/shelves"); // the default shelves are made on first use
    const shelfId = await defaultShelfId(owner.user.id, "read");
    const forged = [
      owner.client.postForm("/shelves", { name: "Forged", visibility: "public" }, { csrf: false }),
      owner.client.postForm(`/shelves/${shelfId}`, { visibility: "public" }, { csrf: false }),
      owner.client.postForm(`/works/${id("Python cookbook")}/shelve`, { status: "read" }, { csrf: "wrong" }),
      owner.client.postForm(`/works/${id("Python cookbook")}/unshelve`, {}, { csrf: false }),
    ];
    for (const res of await Promise.all(forged)) expect(res.status).toBe(403);
    const body = new FormData();
    body.append("file", new File(["Title,Exclusive Shelf\nDune,read\n"], "export.csv", { type: "text/csv" }));
    expect((await owner.client.request("/shelves/import", { method: "POST", body })).status).toBe(403);
    const overview = await (await owner.client.get("/shelves")).text();
    expect(overview).not.toContain("Forged");
    expect(overview).toMatch(/>Read<\/a><\/h3><p class="muted">[^<]* · Only me/);
  });

  describe("the reading history import", () => {
    const upload = async (client: TestClient, text: string, name = "export.csv") => {
      const body = new FormData();
      body.append("_csrf", await client.csrf("/shelves/import"));
      body.append("file", new File([text], name, { type: "text/csv" }));
      return client.request("/shelves/import", { method: "POST", body });
    };

    it("shelves a Goodreads export and lists what it could not match, each with a search", async () => {
      const reader = await signedInClient(app, deps);
      expect((await visitor.get("/shelves/import")).status).toBe(303);
      const csv = [
        "Book Id,Title,Author,Author l-f,Additional Authors,ISBN,ISBN13,My Rating,Average Rating,Exclusive Shelf,Date Read,Date Added",
        '1,"The Pragmatic Programmer","Andrew Hunt","Hunt, Andrew","","=""020161622X""","=""9780201616224""",4,4.3,read,2021/03/14,2020/01/01',
        '2,"Dune (Dune Chronicles, #1)","Frank Herbert","Herbert, Frank","","=""""","=""""",0,4.2,to-read,,2020/01/01',
        '3,"","Nobody","","","=""""","=""""",0,0,read,,2020/01/01',
      ].join("\n");
      const res = await upload(reader.client, csv);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain("<h1>Your reading history has been imported</h1>");
      expect(html).toContain("From Goodreads: 1 book shelved. 1 book not found in the catalogue. 1 row could not be read.");
      expect(html).toContain(`<a href="/works/${id("The pragmatic programmer")}">The pragmatic programmer</a>`);
      expect(html).toContain(
        '<a href="/search?q=Dune+%28Dune+Chronicles%2C+%231%29+Frank+Herbert">Search<span class="visually-hidden">: Dune (Dune Chronicles, #1)</span></a>',
      );
      expect(html).toContain("The title is empty.");
      const read = await (await reader.client.get(`/shelves/${await defaultShelfId(reader.user.id, "read")}`)).text();
      expect(read).toContain("The pragmatic programmer");
      expect(read).toContain("Finished March 14, 2021");
    });

    it("shelves a StoryGraph export, and refuses a file that is neither", async () => {
      const reader = await signedInClient(app, deps);
      const csv = [
        "Title,Authors,Contributors,ISBN/UID,Format,Read Status,Date Added,Last Date Read,Dates Read,Read Count,Star Rating,Review",
        'Python cookbook,"Alex Martelli, David Ascher",,,paperback,did-not-finish,2021/01/02,,,0,,"Too many recipes, ""sadly"""',
      ].join("\n");
      const html = await (await upload(reader.client, csv)).text();
      expect(html).toContain("From the StoryGraph: 1 book shelved.");
      expect(await (await reader.client.get(`/shelves/${await defaultShelfId(reader.user.id, "stopped")}`)).text()).toContain(
        "Python cookbook",
      );

      const wrong = await upload(reader.client, "Name,Rating\nDune,5\n");
      expect(wrong.status).toBe(422);
      expect(await wrong.text()).toContain("This does not look like an export from Goodreads or the StoryGraph");
      const none = new FormData();
      none.append("_csrf", await reader.client.csrf("/shelves/import"));
      const missing = await reader.client.request("/shelves/import", { method: "POST", body: none });
      expect(missing.status).toBe(422);
      expect(await missing.text()).toContain('<a href="#field-file">Choose the export file to upload.</a>');
    });
  });

  it("shows the record-page sections to a visitor without the forms, and to a patron with them", async () => {
    const path = `/works/${id("Python programming")}/shelve`;
    const asVisitor = await (await visitor.get(path)).text();
    expect(asVisitor).toContain("<h1>Python programming</h1>");
    expect(asVisitor).toContain("Sign in to shelve this book or add it to a list.");
    expect(asVisitor).not.toContain("shelve-heading");
    expect(asVisitor).not.toContain("addlist-heading");
    const asPatron = await (await owner.client.get(path)).text();
    expect(asPatron).toContain('<h2 id="shelve-heading">On my shelves</h2>');
    expect(asPatron).toContain('<h2 id="addlist-heading">Lists</h2>');
    expect(asPatron).toContain("Start a new list with this book");
    expect((await visitor.postForm(`/works/${id("Python programming")}/shelve`, { status: "read" })).status).toBe(303);
  });

  it("puts shelves, lists, editorships and suggestions in the data download, and deletes them with the account", async () => {
    const leaving = await signedInClient(app, deps, "patron", { displayName: "Leaving Reader" });
    const client = leaving.client;
    await shelve(client, "Core python programming", { status: "read", finishedOn: "2026-01-31" });
    const listId = redirectedId(
      await client.postForm("/lists", { title: "My leaving list", visibility: "public", workId: id("Core python programming") }),
    );
    const othersList = redirectedId(
      await owner.client.postForm("/lists", {
        title: "Olive's open list",
        visibility: "public",
        openToSuggestions: "on",
        workId: id("ANSI Common Lisp"),
      }),
    );
    await owner.client.postForm(`/lists/${othersList}/editors`, { email: leaving.user.email });
    await client.postForm(`/works/${id("Python cookbook")}/lists`, { listId: othersList, note: "Written by the leaving reader" });
    const suggestedTo = redirectedId(
      await other.client.postForm("/lists", { title: "Otto's open list", visibility: "public", openToSuggestions: "on" }),
    );
    expect(
      (await client.postForm(`/works/${id("Design patterns")}/suggest`, { listId: suggestedTo, note: "Try it" })).status,
    ).toBe(303);

    const zip = await client.get("/account/data.zip");
    expect(zip.status).toBe(200);
    const files = unzipSync(new Uint8Array(await zip.arrayBuffer()));
    const data = JSON.parse(strFromU8(files["data.json"] ?? new Uint8Array())) as Record<string, Record<string, unknown>[]>;
    expect(data.shelves?.map((s) => s.kind)).toEqual(["want-to-read", "reading", "read", "stopped"]);
    expect(data.shelf_items).toEqual([
      expect.objectContaining({ shelf: "read", title: "Core python programming", finishedOn: "2026-01-31" }),
    ]);
    expect(data.lists).toEqual([expect.objectContaining({ id: listId, title: "My leaving list", visibility: "public" })]);
    expect(data.list_items?.map((i) => [i.list, i.title, i.note])).toEqual([
      ["My leaving list", "Core python programming", ""],
      ["Olive's open list", "Python cookbook", "Written by the leaving reader"],
    ]);
    expect(data.list_editorships).toEqual([expect.objectContaining({ listId: othersList, list: "Olive's open list" })]);
    expect(data.list_suggestions).toEqual([
      expect.objectContaining({ list: "Otto's open list", title: "Design patterns", status: "pending" }),
    ]);
    for (const name of ["shelves", "shelf_items", "lists", "list_items", "list_editorships", "list_suggestions"]) {
      expect(Object.keys(files)).toContain(`${name}.csv`);
    }

    await requestAccountDeletion(deps.db, deps.jobs, deps.clock, leaving.user.id);
    const later = { now: () => new Date(Date.now() + (DELETION_GRACE_DAYS + 1) * 86400_000) };
    expect(await executeAccountDeletion(deps.db, later, leaving.user.id, deps.personalData)).toBe("deleted");
    expect(await deps.db.select().from(users).where(eq(users.id, leaving.user.id))).toEqual([]);
    expect(await deps.db.select().from(shelves).where(eq(shelves.userId, leaving.user.id))).toEqual([]);
    expect(await deps.db.select().from(lists).where(eq(lists.id, listId))).toEqual([]);
    expect(await deps.db.select().from(listEditors).where(eq(listEditors.userId, leaving.user.id))).toEqual([]);
    expect(await deps.db.select().from(listSuggestions).where(eq(listSuggestions.suggestedBy, leaving.user.id))).toEqual([]);
    // The work stays on Olive's list, but nothing the leaving reader wrote, nor their name, does.
    const kept = await deps.db
      .select({ workId: listItems.workId, note: listItems.note, addedBy: listItems.addedBy })
      .from(listItems)
      .where(and(eq(listItems.listId, othersList), inArray(listItems.workId, [id("Python cookbook")])));
    expect(kept).toEqual([{ workId: id("Python cookbook"), note: "", addedBy: null }]);
  });
});
