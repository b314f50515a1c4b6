import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachEngine } from "../../../test/database.ts";
import { fixedClock, loadSampleCatalogue, person } from "../../../test/reading.ts";
import type { Database } from "../../db/index.ts";
import { listItems, lists, users } from "../../db/schema/index.ts";
import type { Reader } from "./index.ts";
import {
  addListItem,
  createList,
  decideListSuggestion,
  deleteList,
  findListCard,
  inviteListEditor,
  type List,
  type ListInput,
  listInput,
  listsContainingWork,
  listsOf,
  moveListItem,
  publicLists,
  type ReadingContext,
  removeListEditor,
  removeListItem,
  suggestListItem,
  updateList,
  updateListItemNote,
  viewList,
  viewListSuggestions,
} from "./index.ts";

describeEachEngine("lists", (engine) => {
  let database: Database;
  let ctx: ReadingContext;
  let workIds: string[];
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    ctx = { db: database.db, clock: fixedClock };
    workIds = (await loadSampleCatalogue(database.db)).map((w) => w.id);
  });
  afterAll(() => database?.close());

  const work = (i: number) => {
    const id = workIds[i];
    if (!id) throw new Error(`no sample work ${i}`);
    return id;
  };
  const make = async (owner: Reader, fields: Partial<ListInput> = {}): Promise<List> => {
    const made = await createList(ctx, owner, listInput.parse({ title: "A list", ...fields }));
    if (!made.ok) throw new Error(made.error);
    return made.value;
  };
  const titles = async (viewer: Reader, listId: string) => {
    const page = await viewList(ctx.db, viewer, listId);
    return page.ok ? page.value.items.map((i) => i.work.id) : null;
  };

  it("keeps works in the order the editors choose, with live counts", async () => {
    const owner = await person(ctx.db);
    const list = await make(owner, { visibility: "public" });
    for (const i of [0, 1, 2]) expect((await addListItem(ctx, owner, list.id, { workId: work(i), note: "" })).ok).toBe(true);
    expect(await addListItem(ctx, owner, list.id, { workId: work(1), note: "" })).toEqual({
      ok: false,
      error: "already-on-list",
    });
    expect(await titles(owner, list.id)).toEqual([work(0), work(1), work(2)]);

    expect((await moveListItem(ctx, owner, list.id, work(2), "up")).ok).toBe(true);
    expect(await titles(owner, list.id)).toEqual([work(0), work(2), work(1)]);
    expect((await moveListItem(ctx, owner, list.id, work(0), "up")).ok).toBe(true);
    expect((await moveListItem(ctx, owner, list.id, work(1), "down")).ok).toBe(true);
    expect(await titles(owner, list.id)).toEqual([work(0), work(2), work(1)]);

    expect((await removeListItem(ctx, owner, list.id, work(0))).ok).toBe(true);
    expect((await addListItem(ctx, owner, list.id, { workId: work(3), note: "Last" })).ok).toBe(true);
    expect((await moveListItem(ctx, owner, list.id, work(3), "up")).ok).toBe(true);
    expect(await titles(owner, list.id)).toEqual([work(2), work(3), work(1)]);
    const positions = await ctx.db.select({ p: listItems.position }).from(listItems).where(eq(listItems.listId, list.id));
    expect(positions.map((r) => r.p).sort()).toEqual([1, 2, 3]);

    const card = (await publicLists(ctx.db, { limit: 100, offset: 0 })).items.find((l) => l.id === list.id);
    expect(card?.itemCount).toBe(3);
    expect(await moveListItem(ctx, owner, list.id, work(9), "up")).toEqual({ ok: false, error: "item-not-found" });
  });

  it("lets invited co-editors change the works but not the list, and lets them leave", async () => {
    const owner = await person(ctx.db);
    const list = await make(owner, { visibility: "private" });
    const [editor] = await ctx.db
      .select()
      .from(users)
      .where(eq(users.id, (await person(ctx.db)).id));
    if (!editor) throw new Error("no editor");
    const asEditor: Reader = { id: editor.id, role: "patron", child: false };
    const stranger = await person(ctx.db);

    expect(await addListItem(ctx, asEditor, list.id, { workId: work(0), note: "" })).toEqual({ ok: false, error: "not-found" });
    const invited = await inviteListEditor(ctx, owner, list.id, ` ${editor.email.toUpperCase()} `);
    expect(invited).toEqual({ ok: true, value: { id: editor.id, displayName: editor.displayName } });
    expect(await inviteListEditor(ctx, owner, list.id, editor.email)).toEqual({ ok: false, error: "already-editor" });
    expect(await inviteListEditor(ctx, owner, list.id, "nobody@example.org")).toEqual({ ok: false, error: "no-such-person" });
    expect(await inviteListEditor(ctx, asEditor, list.id, "x@example.org")).toEqual({ ok: false, error: "forbidden" });

    expect((await addListItem(ctx, asEditor, list.id, { workId: work(0), note: "From the editor" })).ok).toBe(true);
    expect((await updateListItemNote(ctx, asEditor, list.id, work(0), "Changed")).ok).toBe(true);
    expect(await updateList(ctx, asEditor, list.id, { title: "Mine" })).toEqual({ ok: false, error: "forbidden" });
    expect(await deleteList(ctx, asEditor, list.id)).toEqual({ ok: false, error: "forbidden" });
    expect((await listsOf(ctx.db, asEditor.id)).map((l) => [l.id, l.role])).toEqual([[list.id, "editor"]]);
    const page = await viewList(ctx.db, asEditor, list.id);
    expect(page.ok && page.value.access).toMatchObject({ canView: true, canEdit: true, canManage: false, canSuggest: false });

    expect(await viewList(ctx.db, stranger, list.id)).toEqual({ ok: false, error: "not-found" });
    expect(await removeListEditor(ctx, stranger, list.id, asEditor.id)).toEqual({ ok: false, error: "not-found" });
    expect((await removeListEditor(ctx, asEditor, list.id, asEditor.id)).ok).toBe(true);
    expect(await viewList(ctx.db, asEditor, list.id)).toEqual({ ok: false, error: "not-found" });
  });

  it("takes suggestions on open lists; approving adds the work with the suggester's note", async () => {
    const owner = await person(ctx.db);
    const reader = await person(ctx.db, { displayName: "Suggesting reader" });
    const closed = await make(owner, { visibility: "public" });
    expect(await suggestListItem(ctx, reader, closed.id, { workId: work(4), note: "" })).toEqual({ ok: false, error: "closed" });

    const open = await make(owner, { visibility: "public", openToSuggestions: true });
    await addListItem(ctx, owner, open.id, { workId: work(0), note: "" });
    expect(await suggestListItem(ctx, owner, open.id, { workId: work(4), note: "" })).toEqual({ ok: false, error: "closed" });
    expect(await suggestListItem(ctx, reader, open.id, { workId: work(0), note: "" })).toEqual({
      ok: false,
      error: "already-on-list",
    });
    const first = await suggestListItem(ctx, reader, open.id, { workId: work(4), note: "A classic" });
    const second = await suggestListItem(ctx, reader, open.id, { workId: work(5), note: "" });
    if (!first.ok || !second.ok) throw new Error("suggestions refused");
    expect(await suggestListItem(ctx, await person(ctx.db), open.id, { workId: work(4), note: "" })).toEqual({
      ok: false,
      error: "already-suggested",
    });

    const before = await viewListSuggestions(ctx.db, owner, open.id);
    expect(before.ok && before.value.pending.map((s) => [s.work.id, s.note, s.suggestedBy.displayName])).toEqual([
      [work(4), "A classic", "Suggesting reader"],
      [work(5), "", "Suggesting reader"],
    ]);
    const listPage = await viewList(ctx.db, owner, open.id);
    expect(listPage.ok && listPage.value.pendingSuggestions).toBe(2);

    expect(await decideListSuggestion(ctx, reader, open.id, first.value.id, "approve")).toEqual({
      ok: false,
      error: "forbidden",
    });
    expect((await decideListSuggestion(ctx, owner, open.id, first.value.id, "approve")).ok).toBe(true);
    expect((await decideListSuggestion(ctx, owner, open.id, second.value.id, "decline")).ok).toBe(true);
    expect(await decideListSuggestion(ctx, owner, open.id, second.value.id, "approve")).toEqual({
      ok: false,
      error: "suggestion-not-found",
    });
    const after = await viewList(ctx.db, owner, open.id);
    expect(after.ok && after.value.items.map((i) => [i.work.id, i.note])).toEqual([
      [work(0), ""],
      [work(4), "A classic"],
    ]);
    const added = await ctx.db
      .select({ by: listItems.addedBy })
      .from(listItems)
      .where(eq(listItems.workId, work(4)));
    expect(added).toEqual([{ by: reader.id }]);
    const mine = await viewListSuggestions(ctx.db, reader, open.id);
    expect(mine.ok && mine.value.mine.map((s) => s.status)).toEqual(["approved", "declined"]);
    expect(mine.ok && mine.value.pending).toEqual([]);
  });

  it("marks staff lists published as the library, never a patron's, and shows the library's first", async () => {
    const staff = await person(ctx.db, { role: "staff" });
    const patron = await person(ctx.db);
    const patronList = await make(patron, { visibility: "public", byLibrary: true, title: "Patron picks" });
    const staffOwn = await make(staff, { visibility: "public", byLibrary: false, title: "Sam's own" });
    const library = await make(staff, { visibility: "public", byLibrary: true, title: "Staff picks" });
    expect([patronList.byLibrary, staffOwn.byLibrary, library.byLibrary]).toEqual([false, false, true]);
    expect((await updateList(ctx, patron, patronList.id, { byLibrary: true })).ok).toBe(true);
    expect((await findListCard(ctx.db, patronList.id))?.byLibrary).toBe(false);
    for (const [owner, list] of [
      [patron, patronList],
      [staff, staffOwn],
      [staff, library],
    ] as const) {
      await addListItem(ctx, owner, list.id, { workId: work(6), note: "" });
    }
    const containing = await listsContainingWork(ctx.db, work(6));
    expect(containing[0]?.id).toBe(library.id);
    expect(containing.map((l) => l.id).sort()).toEqual([patronList.id, staffOwn.id, library.id].sort());
    const listed = await publicLists(ctx.db, { limit: 100, offset: 0 });
    expect(listed.items.findIndex((l) => !l.byLibrary)).toBeGreaterThan(listed.items.findIndex((l) => l.id === library.id));

    // Someone who is no longer staff cannot keep a list speaking as the library.
    const demoted = { ...staff, role: "patron" as const };
    const saved = await updateList(ctx, demoted, library.id, { title: "Staff picks, again" });
    expect(saved.ok && saved.value.byLibrary).toBe(false);
  });

  it("hides a hidden list from everyone but its owner and moderators, and lists only public lists", async () => {
    const owner = await person(ctx.db);
    const moderator = await person(ctx.db, { role: "moderator" });
    const stranger = await person(ctx.db);
    const unlisted = await make(owner, { visibility: "unlisted" });
    const hidden = await make(owner, { visibility: "public" });
    await ctx.db.update(lists).set({ hiddenAt: fixedClock.now() }).where(eq(lists.id, hidden.id));
    const ids = (await publicLists(ctx.db, { limit: 1000, offset: 0 })).items.map((l) => l.id);
    expect(ids).not.toContain(unlisted.id);
    expect(ids).not.toContain(hidden.id);
    expect((await viewList(ctx.db, stranger, unlisted.id)).ok).toBe(true);
    expect((await viewList(ctx.db, null, unlisted.id)).ok).toBe(true);

    const asOwner = await viewList(ctx.db, owner, hidden.id);
    expect(asOwner.ok && asOwner.value.access).toMatchObject({ hidden: true, canView: true });
    expect((await viewList(ctx.db, moderator, hidden.id)).ok).toBe(true);
    expect(await viewList(ctx.db, stranger, hidden.id)).toEqual({ ok: false, error: "not-found" });
    expect(await viewList(ctx.db, null, hidden.id)).toEqual({ ok: false, error: "not-found" });
  });

  it("keeps what a child writes private: their lists, and notes on lists others read", async () => {
    const child = await person(ctx.db, { birthDate: "2015-09-01" });
    expect(await createList(ctx, child, listInput.parse({ title: "Mine", visibility: "public" }))).toEqual({
      ok: false,
      error: "child-private",
    });
    const own = await make(child);
    expect((await addListItem(ctx, child, own.id, { workId: work(0), note: "My favourite" })).ok).toBe(true);
    expect(await updateList(ctx, child, own.id, { visibility: "unlisted" })).toEqual({ ok: false, error: "child-private" });

    const grownUp = await person(ctx.db);
    const open = await make(grownUp, { visibility: "public", openToSuggestions: true });
    expect(await suggestListItem(ctx, child, open.id, { workId: work(1), note: "Read it!" })).toEqual({
      ok: false,
      error: "child-note",
    });
    expect((await suggestListItem(ctx, child, open.id, { workId: work(1), note: "" })).ok).toBe(true);
  });
});
