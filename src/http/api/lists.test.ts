import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachEngine } from "../../../test/database.ts";
import { createApp, createTestDeps, type TestApp } from "../../../test/deps.ts";
import { loadSampleCatalogue } from "../../../test/reading.ts";
import type { Deps } from "../../compose.ts";
import { type ApiScope, follows, type Role } from "../../db/schema/index.ts";
import { createApiToken, createVerifiedUser, type SessionUser } from "../../modules/accounts/index.ts";

interface Caller {
  user: SessionUser;
  headers: Record<string, string>;
}

let people = 0;

describeEachEngine("API shelves and lists", (engine) => {
  let deps: Deps;
  let app: TestApp;
  let byTitle: Map<string, string>;
  let owner: Caller;
  let follower: Caller;
  let other: Caller;
  const anonymous: Caller["headers"] = {};

  const caller = async (role: Role = "patron", scopes: ApiScope[] = ["read", "write"]): Promise<Caller> => {
    people += 1;
    const created = await createVerifiedUser(deps, {
      email: `api-lists-${people}-${Math.random().toString(36).slice(2, 8)}@example.org`,
      password: "a long test password",
      displayName: `API reader ${people}`,
      role,
    });
    if (!created.ok) throw new Error("could not create the test person");
    const { token } = await createApiToken(deps.db, created.value.id, "test", scopes);
    return { user: created.value, headers: { authorization: `Bearer ${token}` } };
  };
  const call = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
    app.request(`/api/v1${path}`, {
      method,
      headers: body === undefined ? headers : { ...headers, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const json = async (res: Response) => (await res.json()) as Record<string, unknown> & { errors?: { field: string }[] };

  beforeAll(async () => {
    deps = await createTestDeps(engine, { jobs: false });
    app = createApp(deps);
    byTitle = new Map((await loadSampleCatalogue(deps.db)).map((w) => [w.title, w.id]));
    owner = await caller();
    follower = await caller();
    other = await caller();
    await deps.db.insert(follows).values({ followerId: follower.user.id, followeeId: owner.user.id });
  });
  afterAll(() => deps?.close());

  const id = (title: string) => {
    const found = byTitle.get(title);
    if (!found) throw new Error(`no work “${title}”`);
    return found;
  };

  describe("shelves", () => {
    it("lists the default shelves, makes custom ones, and names the field it refuses", async () => {
      const listed = await call("GET", "/shelves", owner.headers);
      expect(listed.status).toBe(200);
      expect(listed.headers.get("cache-control")).toBe("private, no-store");
      const { items } = (await listed.json()) as { items: { kind: string; name: string; visibility: string; url: string }[] };
      expect(items.map((s) => [s.kind, s.name, s.visibility])).toEqual([
        ["want-to-read", "want-to-read", "private"],
        ["reading", "reading", "private"],
        ["read", "read", "private"],
        ["stopped", "stopped", "private"],
      ]);
      expect(items[0]?.url).toMatch(/^http:\/\/circulate\.test\/shelves\/[0-9a-f-]{36}$/);

      const readOnly = await caller("patron", ["read"]);
      const refused = await call("POST", "/shelves", readOnly.headers, { name: "Nope" });
      expect(refused.status).toBe(403);
      expect(await json(refused)).toMatchObject({ scope: "write" });

      const made = await call("POST", "/shelves", owner.headers, { name: "Poetry" });
      expect(made.status).toBe(201);
      expect(await json(made)).toMatchObject({ name: "Poetry", kind: "custom", visibility: "private", itemCount: 0 });
      const twice = await call("POST", "/shelves", owner.headers, { name: "poetry" });
      expect(twice.status).toBe(422);
      expect((await json(twice)).errors).toEqual([{ field: "name", message: "You already have a shelf with this name." }]);
      const bad = await call("POST", "/shelves", owner.headers, { name: "", visibility: "everyone" });
      expect(bad.status).toBe(422);
      expect((await json(bad)).errors?.map((e) => e.field).sort()).toEqual(["name", "visibility"]);
    });

    it("moves a work between default shelves, keeps its dates, and refuses what makes no sense", async () => {
      const reader = await caller();
      const shelves = (await (await call("GET", "/shelves", reader.headers)).json()) as { items: { id: string; kind: string }[] };
      const shelf = (kind: string) => shelves.items.find((s) => s.kind === kind)?.id ?? "";
      const work = id("Python programming");

      const reading = await call("PUT", `/shelves/${shelf("reading")}/works/${work}`, reader.headers, {
        startedOn: "2026-01-02",
        progress: 25,
      });
      expect(reading.status).toBe(200);
      expect(await json(reading)).toMatchObject({
        workId: work,
        title: "Python programming",
        startedOn: "2026-01-02",
        progress: 25,
      });
      const read = await call("PUT", `/shelves/${shelf("read")}/works/${work}`, reader.headers, { finishedOn: "2026-01-30" });
      expect(await json(read)).toMatchObject({ startedOn: "2026-01-02", finishedOn: "2026-01-30", progress: 25 });
      const readingNow = await json(await call("GET", `/shelves/${shelf("reading")}`, reader.headers));
      expect(readingNow).toMatchObject({ kind: "reading", itemCount: 0, items: [] });

      const backwards = await call("PUT", `/shelves/${shelf("read")}/works/${work}`, reader.headers, { startedOn: "2026-02-15" });
      expect(backwards.status).toBe(422);
      expect((await json(backwards)).errors).toEqual([
        { field: "finishedOn", message: "The finishing date cannot come before the starting date." },
      ]);
      const tooFar = await call("PUT", `/shelves/${shelf("read")}/works/${work}`, reader.headers, { progress: 120 });
      expect((await json(tooFar)).errors?.map((e) => e.field)).toEqual(["progress"]);
      const noWork = await call(
        "PUT",
        `/shelves/${shelf("read")}/works/01a20c3c-22ab-7f6d-a94b-000000000000`,
        reader.headers,
        {},
      );
      expect(noWork.status).toBe(404);
      const notMine = await call("PUT", `/shelves/${shelf("read")}/works/${work}`, other.headers, {});
      expect(notMine.status).toBe(404);

      const rename = await call("PATCH", `/shelves/${shelf("read")}`, reader.headers, { name: "Done" });
      expect((await json(rename)).errors).toEqual([{ field: "name", message: "Default shelves keep their names." }]);
      const open = await call("PATCH", `/shelves/${shelf("read")}`, reader.headers, { visibility: "public" });
      expect(await json(open)).toMatchObject({ kind: "read", visibility: "public", itemCount: 1 });
      expect((await call("DELETE", `/shelves/${shelf("read")}`, reader.headers)).status).toBe(409);

      expect((await call("DELETE", `/shelves/${shelf("read")}/works/${work}`, reader.headers)).status).toBe(204);
      expect((await call("DELETE", `/shelves/${shelf("read")}/works/${work}`, reader.headers)).status).toBe(404);
    });

    const levels = [
      { visibility: "public", follower: 200, others: 200 },
      { visibility: "followers", follower: 200, others: 404 },
      { visibility: "private", follower: 404, others: 404 },
    ] as const;
    for (const level of levels) {
      it(`shows a ${level.visibility} shelf as the pages do`, async () => {
        const made = await json(
          await call("POST", "/shelves", owner.headers, { name: `API ${level.visibility}`, visibility: level.visibility }),
        );
        await call("PUT", `/shelves/${made.id}/works/${id("Web programming")}`, owner.headers, {});
        const mine = await call("GET", `/shelves/${made.id}`, owner.headers);
        expect(await json(mine)).toMatchObject({ owner: { id: owner.user.id }, items: [{ title: "Web programming" }] });
        expect((await call("GET", `/shelves/${made.id}`, follower.headers)).status).toBe(level.follower);
        expect((await call("GET", `/shelves/${made.id}`, other.headers)).status).toBe(level.others);
        expect((await call("GET", `/shelves/${made.id}`, anonymous)).status).toBe(level.others);
      });
    }
  });

  describe("lists", () => {
    const levels = [
      { visibility: "public", others: 200, listed: true },
      { visibility: "unlisted", others: 200, listed: false },
      { visibility: "private", others: 404, listed: false },
    ] as const;
    for (const level of levels) {
      it(`shows a ${level.visibility} list as the pages do`, async () => {
        const made = await json(
          await call("POST", "/lists", owner.headers, { title: `API ${level.visibility} list`, visibility: level.visibility }),
        );
        expect(made).toMatchObject({ visibility: level.visibility, byLibrary: false, hidden: false, itemCount: 0 });
        const added = await call("POST", `/lists/${made.id}/items`, owner.headers, {
          workId: id("Learning Python"),
          note: "First",
        });
        expect(added.status).toBe(201);
        expect(await json(added)).toMatchObject({ title: "Learning Python", note: "First", position: 1 });
        for (const headers of [follower.headers, other.headers, anonymous]) {
          const seen = await call("GET", `/lists/${made.id}`, headers);
          expect(seen.status).toBe(level.others);
          if (level.others === 200) {
            expect(await json(seen)).toMatchObject({ itemCount: 1, editors: [], permissions: { edit: false, manage: false } });
          }
        }
        const index = (await json(await call("GET", "/lists", anonymous))) as { items: { id: string }[] };
        expect(index.items.some((l) => l.id === made.id)).toBe(level.listed);
        const mine = (await json(await call("GET", "/lists?scope=mine", owner.headers))) as { items: { id: string }[] };
        expect(mine.items.some((l) => l.id === made.id)).toBe(true);
      });
    }

    it("answers a bad token with 401 and a token without the read scope with 403, even on public lists", async () => {
      const made = await json(await call("POST", "/lists", owner.headers, { title: "Open to all", visibility: "public" }));
      expect((await call("GET", `/lists/${made.id}`, { authorization: "Bearer circ_not-a-token" })).status).toBe(401);
      const writeOnly = await caller("patron", ["write"]);
      expect((await call("GET", `/lists/${made.id}`, writeOnly.headers)).status).toBe(403);
      expect((await call("GET", "/lists?scope=mine", anonymous)).status).toBe(401);
    });

    it("lets only staff publish as the library, and only the owner change or delete a list", async () => {
      const staff = await caller("staff");
      const library = await json(
        await call("POST", "/lists", staff.headers, { title: "Staff picks", visibility: "public", byLibrary: true }),
      );
      const pretend = await json(
        await call("POST", "/lists", other.headers, { title: "Pretend", visibility: "public", byLibrary: true }),
      );
      expect([library.byLibrary, pretend.byLibrary]).toEqual([true, false]);
      const index = (await json(await call("GET", "/lists", anonymous))) as { items: { id: string; byLibrary: boolean }[] };
      expect(index.items[0]).toMatchObject({ id: library.id, byLibrary: true });

      const patch = await call("PATCH", `/lists/${library.id}`, other.headers, { title: "Taken" });
      expect(patch.status).toBe(403);
      expect((await call("POST", `/lists/${library.id}/items`, other.headers, { workId: id("Design patterns") })).status).toBe(
        403,
      );
      const renamed = await call("PATCH", `/lists/${library.id}`, staff.headers, {
        title: "Staff picks for spring",
        description: "New",
      });
      expect(await json(renamed)).toMatchObject({ title: "Staff picks for spring", description: "New", byLibrary: true });
      const unknownField = await call("PATCH", `/lists/${library.id}`, staff.headers, { colour: "red" });
      expect((await json(unknownField)).errors).toEqual([{ field: "colour", message: expect.any(String) }]);
      expect((await call("DELETE", `/lists/${library.id}`, other.headers)).status).toBe(403);
      expect((await call("DELETE", `/lists/${library.id}`, staff.headers)).status).toBe(204);
      expect((await call("GET", `/lists/${library.id}`, staff.headers)).status).toBe(404);
    });

    it("adds, refuses twice and removes works; takes suggestions only where the list is open", async () => {
      const list = await json(await call("POST", "/lists", owner.headers, { title: "Suggest away", visibility: "public" }));
      const work = id("Python cookbook");
      expect((await call("POST", `/lists/${list.id}/items`, owner.headers, { workId: work })).status).toBe(201);
      expect((await call("POST", `/lists/${list.id}/items`, owner.headers, { workId: work })).status).toBe(409);
      const noSuchWork = await call("POST", `/lists/${list.id}/items`, owner.headers, {
        workId: "01a20c3c-22ab-7f6d-a94b-000000000000",
      });
      expect((await json(noSuchWork)).errors?.map((e) => e.field)).toEqual(["workId"]);

      const closed = await call("POST", `/lists/${list.id}/suggestions`, other.headers, { workId: id("Design patterns") });
      expect(closed.status).toBe(403);
      await call("PATCH", `/lists/${list.id}`, owner.headers, { openToSuggestions: true });
      const suggestion = await call("POST", `/lists/${list.id}/suggestions`, other.headers, {
        workId: id("Design patterns"),
        note: "Yes",
      });
      expect(suggestion.status).toBe(201);
      expect(await json(suggestion)).toMatchObject({
        listId: list.id,
        workId: id("Design patterns"),
        note: "Yes",
        status: "pending",
      });
      expect(
        (await call("POST", `/lists/${list.id}/suggestions`, follower.headers, { workId: id("Design patterns") })).status,
      ).toBe(409);
      expect((await call("POST", `/lists/${list.id}/suggestions`, other.headers, { workId: work })).status).toBe(409);
      const permissions = await json(await call("GET", `/lists/${list.id}`, other.headers));
      expect(permissions.permissions).toEqual({ edit: false, manage: false, suggest: true });

      expect((await call("DELETE", `/lists/${list.id}/items/${work}`, other.headers)).status).toBe(403);
      expect((await call("DELETE", `/lists/${list.id}/items/${work}`, owner.headers)).status).toBe(204);
      expect((await call("DELETE", `/lists/${list.id}/items/${work}`, owner.headers)).status).toBe(404);
    });
  });
});
