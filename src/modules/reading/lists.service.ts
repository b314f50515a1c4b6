// Lists: ordered works with notes, public, unlisted or private; edited by their owner and invited
// co-editors; open to suggestions that the owner approves. Staff may publish a list as the library's.
// One rule (listAccess) decides who may see, edit and manage a list, for the pages and the API alike.
import { and, asc, desc, eq, inArray, isNull, ne, notExists, notInArray, or, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import { listEditors, listItems, listSuggestions, lists, users } from "../../db/schema/index.ts";
import { hasRole, type Result } from "../accounts/index.ts";
import type { ListInput, ListItemInput, ListPatch, MoveDirection, SuggestionDecision } from "./lists.schemas.ts";
import { type WorkSummary, workSummaries } from "./shelves.queries.ts";
import { isChild, type ReadingContext, type Viewer } from "./shelves.service.ts";
import { findWorkTitle } from "./work-lookup.ts";

export type List = typeof lists.$inferSelect;
export type ListItem = typeof listItems.$inferSelect;
export type ListSuggestion = typeof listSuggestions.$inferSelect;

const ok = <T>(value: T) => ({ ok: true as const, value });
const fail = <E extends string>(error: E) => ({ ok: false as const, error });

export interface ListAccess {
  isOwner: boolean;
  isEditor: boolean;
  /** Set by a moderator: only the owner (who sees it marked) and moderators may see the list. */
  hidden: boolean;
  canView: boolean;
  /** Add, annotate, order and remove works. */
  canEdit: boolean;
  /** Title, visibility, editors, suggestions, deletion. */
  canManage: boolean;
  canSuggest: boolean;
}

async function isListEditor(db: DbOrTx, listId: string, userId: string): Promise<boolean> {
  const rows = await db
    .select({ userId: listEditors.userId })
    .from(listEditors)
    .where(and(eq(listEditors.listId, listId), eq(listEditors.userId, userId)));
  return rows.length > 0;
}

type AccessFields = Pick<List, "id" | "ownerId" | "visibility" | "hiddenAt" | "openToSuggestions">;

/** The one rule for who may do what with a list. Unlisted lists are seen by anyone with the link. */
export async function listAccess(db: DbOrTx, viewer: Viewer, list: AccessFields): Promise<ListAccess> {
  const isOwner = viewer?.id === list.ownerId;
  const isEditor = !!viewer && !isOwner && (await isListEditor(db, list.id, viewer.id));
  const hidden = !!list.hiddenAt;
  const canView = isOwner || (hidden ? hasRole(viewer, "moderator") : isEditor || list.visibility !== "private");
  return {
    isOwner,
    isEditor,
    hidden,
    canView,
    canEdit: isOwner || (isEditor && !hidden),
    canManage: isOwner,
    canSuggest: !!viewer && canView && !hidden && !isOwner && !isEditor && list.openToSuggestions,
  };
}

export interface ListCard {
  id: string;
  ownerId: string;
  ownerName: string;
  title: string;
  description: string;
  visibility: List["visibility"];
  byLibrary: boolean;
  openToSuggestions: boolean;
  hiddenAt: Date | null;
  itemCount: number;
  createdAt: Date;
  updatedAt: Date;
}

const cardColumns = {
  id: lists.id,
  ownerId: lists.ownerId,
  ownerName: users.displayName,
  title: lists.title,
  description: lists.description,
  visibility: lists.visibility,
  byLibrary: lists.byLibrary,
  openToSuggestions: lists.openToSuggestions,
  hiddenAt: lists.hiddenAt,
  itemCount: sql<number>`(select count(*)::int from list_items li where li.list_id = ${lists.id})`,
  createdAt: lists.createdAt,
  updatedAt: lists.updatedAt,
};

const cards = (db: DbOrTx, where: SQL | undefined) =>
  db.select(cardColumns).from(lists).innerJoin(users, eq(users.id, lists.ownerId)).where(where);

/** Listed for everyone: public and not hidden. */
const listedPublicly = and(eq(lists.visibility, "public"), isNull(lists.hiddenAt));
/** The library's own lists come first wherever lists are shown together. */
const libraryFirst = [desc(lists.byLibrary), desc(lists.updatedAt), asc(lists.id)];

export async function findListCard(db: DbOrTx, listId: string): Promise<ListCard | undefined> {
  const [card] = await cards(db, eq(lists.id, listId));
  return card;
}

export async function publicLists(
  db: DbOrTx,
  page: { limit: number; offset: number },
): Promise<{ total: number; items: ListCard[] }> {
  const [total] = await db.select({ n: sql<number>`count(*)::int` }).from(lists).where(listedPublicly);
  const items = await cards(db, listedPublicly)
    .orderBy(...libraryFirst)
    .limit(page.limit)
    .offset(page.offset);
  return { total: total?.n ?? 0, items };
}

/** The lists a person owns or co-edits, most recently changed first. */
export async function listsOf(db: DbOrTx, userId: string): Promise<(ListCard & { role: "owner" | "editor" })[]> {
  const editing = db.select({ listId: listEditors.listId }).from(listEditors).where(eq(listEditors.userId, userId));
  const rows = await cards(db, or(eq(lists.ownerId, userId), and(inArray(lists.id, editing), isNull(lists.hiddenAt))))
    .orderBy(desc(lists.updatedAt), asc(lists.id))
    .limit(200);
  return rows.map((r) => ({ ...r, role: r.ownerId === userId ? ("owner" as const) : ("editor" as const) }));
}

const containsWork = (workId: string) =>
  sql`exists (select 1 from list_items li where li.list_id = ${lists.id} and li.work_id = ${workId})`;

/** Public lists holding this work, the library's first. */
export async function listsContainingWork(db: DbOrTx, workId: string, limit = 20): Promise<ListCard[]> {
  return cards(db, and(listedPublicly, containsWork(workId)))
    .orderBy(...libraryFirst)
    .limit(limit);
}

/** The lists this person may add the work to, and whether each already holds it. */
export async function editableListsFor(
  db: DbOrTx,
  userId: string,
  workId: string,
): Promise<{ id: string; title: string; hasWork: boolean }[]> {
  const mine = await listsOf(db, userId);
  if (mine.length === 0) return [];
  const holding = await db
    .select({ listId: listItems.listId })
    .from(listItems)
    .where(
      and(
        eq(listItems.workId, workId),
        inArray(
          listItems.listId,
          mine.map((l) => l.id),
        ),
      ),
    );
  const has = new Set(holding.map((h) => h.listId));
  return mine.map((l) => ({ id: l.id, title: l.title, hasWork: has.has(l.id) }));
}

/** Public lists open to suggestions that this person could suggest the work to. */
export async function suggestableListsFor(db: DbOrTx, userId: string, workId: string, limit = 50): Promise<ListCard[]> {
  const pending = db
    .select({ id: listSuggestions.id })
    .from(listSuggestions)
    .where(and(eq(listSuggestions.listId, lists.id), eq(listSuggestions.workId, workId), eq(listSuggestions.status, "pending")));
  const editing = db.select({ listId: listEditors.listId }).from(listEditors).where(eq(listEditors.userId, userId));
  return cards(
    db,
    and(
      listedPublicly,
      eq(lists.openToSuggestions, true),
      ne(lists.ownerId, userId),
      notInArray(lists.id, editing),
      sql`not ${containsWork(workId)}`,
      notExists(pending),
    ),
  )
    .orderBy(...libraryFirst)
    .limit(limit);
}

export interface ListItemView {
  work: WorkSummary;
  note: string;
  position: number;
  addedAt: Date;
}

export interface Person {
  id: string;
  displayName: string;
}

export interface ListPage {
  list: ListCard;
  access: ListAccess;
  /** In the list's order. */
  items: ListItemView[];
  /** Shown to those who edit the list. */
  editors: Person[];
  /** Waiting for the owner's decision; counted for the owner only. */
  pendingSuggestions: number;
}

async function itemViews(db: DbOrTx, listId: string): Promise<ListItemView[]> {
  const rows = await db
    .select({ workId: listItems.workId, note: listItems.note, position: listItems.position, addedAt: listItems.addedAt })
    .from(listItems)
    .where(eq(listItems.listId, listId))
    .orderBy(asc(listItems.position), asc(listItems.addedAt), asc(listItems.workId));
  const works = await workSummaries(
    db,
    rows.map((r) => r.workId),
  );
  return rows.flatMap(({ workId, ...item }) => {
    const work = works.get(workId);
    return work ? [{ ...item, work }] : [];
  });
}

export async function listEditorsOf(db: DbOrTx, listId: string): Promise<Person[]> {
  return db
    .select({ id: users.id, displayName: users.displayName })
    .from(listEditors)
    .innerJoin(users, eq(users.id, listEditors.userId))
    .where(eq(listEditors.listId, listId))
    .orderBy(asc(users.displayName), asc(users.id));
}

async function pendingCount(db: DbOrTx, listId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(listSuggestions)
    .where(and(eq(listSuggestions.listId, listId), eq(listSuggestions.status, "pending")));
  return row?.n ?? 0;
}

/** A list as this viewer may see it; not-found both when it does not exist and when it is not theirs to see. */
export async function viewList(db: DbOrTx, viewer: Viewer, listId: string): Promise<Result<ListPage, "not-found">> {
  const list = await findListCard(db, listId);
  if (!list) return fail("not-found");
  const access = await listAccess(db, viewer, list);
  if (!access.canView) return fail("not-found");
  return ok({
    list,
    access,
    items: await itemViews(db, list.id),
    editors: access.canEdit ? await listEditorsOf(db, list.id) : [],
    pendingSuggestions: access.canManage ? await pendingCount(db, list.id) : 0,
  });
}

type ActionError = "not-found" | "forbidden";

/** Loads a list for a change: not-found when the person may not even see it, forbidden when they may not do this. */
async function listFor(
  db: DbOrTx,
  actor: NonNullable<Viewer>,
  listId: string,
  needs: "canEdit" | "canManage",
): Promise<Result<{ list: List; access: ListAccess }, ActionError>> {
  const [list] = await db.select().from(lists).where(eq(lists.id, listId));
  if (!list) return fail("not-found");
  const access = await listAccess(db, actor, list);
  if (!access.canView) return fail("not-found");
  return access[needs] ? ok({ list, access }) : fail("forbidden");
}

const touch = (ctx: ReadingContext, db: DbOrTx, listId: string) =>
  db.update(lists).set({ updatedAt: ctx.clock.now() }).where(eq(lists.id, listId));

/** Only staff speak as the library; anyone else's list is a patron's, whatever the form said. */
const asLibrary = (actor: NonNullable<Viewer>, wanted: boolean | undefined) => !!wanted && hasRole(actor, "staff");

/** A child's words stay private (see isChild): their lists, and their notes on lists others see. */
async function childWritesForOthers(ctx: ReadingContext, actor: NonNullable<Viewer>, seenByOthers: boolean) {
  return seenByOthers && (await isChild(ctx, actor.id));
}

export async function createList(
  ctx: ReadingContext,
  actor: NonNullable<Viewer>,
  input: ListInput,
): Promise<Result<List, "child-private">> {
  if (await childWritesForOthers(ctx, actor, input.visibility !== "private")) return fail("child-private");
  const now = ctx.clock.now();
  const [list] = await ctx.db
    .insert(lists)
    .values({ ...input, ownerId: actor.id, byLibrary: asLibrary(actor, input.byLibrary), createdAt: now, updatedAt: now })
    .returning();
  if (!list) throw new Error("insert returned no list");
  return ok(list);
}

export async function updateList(
  ctx: ReadingContext,
  actor: NonNullable<Viewer>,
  listId: string,
  patch: ListPatch,
): Promise<Result<List, ActionError | "child-private">> {
  const found = await listFor(ctx.db, actor, listId, "canManage");
  if (!found.ok) return found;
  const visibility = patch.visibility ?? found.value.list.visibility;
  if (await childWritesForOthers(ctx, actor, visibility !== "private")) return fail("child-private");
  const { byLibrary, ...rest } = patch;
  const [saved] = await ctx.db
    .update(lists)
    .set({
      ...rest,
      // A person who is no longer staff cannot keep a list speaking as the library.
      byLibrary: byLibrary === undefined ? found.value.list.byLibrary && hasRole(actor, "staff") : asLibrary(actor, byLibrary),
      updatedAt: ctx.clock.now(),
    })
    .where(eq(lists.id, listId))
    .returning();
  return saved ? ok(saved) : fail("not-found");
}

export async function deleteList(
  ctx: ReadingContext,
  actor: NonNullable<Viewer>,
  listId: string,
): Promise<Result<List, ActionError>> {
  const found = await listFor(ctx.db, actor, listId, "canManage");
  if (!found.ok) return found;
  await ctx.db.delete(lists).where(eq(lists.id, listId));
  return ok(found.value.list);
}

export type AddItemError = ActionError | "work-not-found" | "already-on-list" | "child-note";

async function insertItem(db: DbOrTx, listId: string, workId: string, note: string, addedBy: string, now: Date) {
  const [item] = await db
    .insert(listItems)
    .values({
      listId,
      workId,
      note,
      addedBy,
      addedAt: now,
      position: sql`(select coalesce(max(position), 0) + 1 from list_items where list_id = ${listId})`,
    })
    .onConflictDoNothing()
    .returning();
  return item;
}

/** Adds a work at the end of the list. */
export async function addListItem(
  ctx: ReadingContext,
  actor: NonNullable<Viewer>,
  listId: string,
  input: ListItemInput,
): Promise<Result<ListItem, AddItemError>> {
  const found = await listFor(ctx.db, actor, listId, "canEdit");
  if (!found.ok) return found;
  if (!(await findWorkTitle(ctx.db, input.workId))) return fail("work-not-found");
  if (await childWritesForOthers(ctx, actor, !!input.note && found.value.list.visibility !== "private"))
    return fail("child-note");
  const item = await insertItem(ctx.db, listId, input.workId, input.note, actor.id, ctx.clock.now());
  if (!item) return fail("already-on-list");
  await touch(ctx, ctx.db, listId);
  return ok(item);
}

export type ItemError = ActionError | "item-not-found";

export async function updateListItemNote(
  ctx: ReadingContext,
  actor: NonNullable<Viewer>,
  listId: string,
  workId: string,
  note: string,
): Promise<Result<ListItem, ItemError | "child-note">> {
  const found = await listFor(ctx.db, actor, listId, "canEdit");
  if (!found.ok) return found;
  if (await childWritesForOthers(ctx, actor, !!note && found.value.list.visibility !== "private")) return fail("child-note");
  const [item] = await ctx.db
    .update(listItems)
    .set({ note })
    .where(and(eq(listItems.listId, listId), eq(listItems.workId, workId)))
    .returning();
  if (!item) return fail("item-not-found");
  await touch(ctx, ctx.db, listId);
  return ok(item);
}

export async function removeListItem(
  ctx: ReadingContext,
  actor: NonNullable<Viewer>,
  listId: string,
  workId: string,
): Promise<Result<ListItem, ItemError>> {
  const found = await listFor(ctx.db, actor, listId, "canEdit");
  if (!found.ok) return found;
  const [item] = await ctx.db
    .delete(listItems)
    .where(and(eq(listItems.listId, listId), eq(listItems.workId, workId)))
    .returning();
  if (!item) return fail("item-not-found");
  await touch(ctx, ctx.db, listId);
  return ok(item);
}

/** Swaps a work with its neighbour; positions are renumbered 1..n so that gaps and ties never stall a move. */
export async function moveListItem(
  ctx: ReadingContext,
  actor: NonNullable<Viewer>,
  listId: string,
  workId: string,
  direction: MoveDirection,
): Promise<Result<null, ItemError>> {
  const found = await listFor(ctx.db, actor, listId, "canEdit");
  if (!found.ok) return found;
  return ctx.db.transaction(async (tx) => {
    const rows = await tx
      .select({ workId: listItems.workId, position: listItems.position })
      .from(listItems)
      .where(eq(listItems.listId, listId))
      .orderBy(asc(listItems.position), asc(listItems.addedAt), asc(listItems.workId))
      .for("update");
    const from = rows.findIndex((r) => r.workId === workId);
    if (from < 0) return fail("item-not-found");
    const to = direction === "up" ? from - 1 : from + 1;
    if (to < 0 || to >= rows.length) return ok(null);
    const order = rows.map((r) => r.workId);
    order.splice(to, 0, ...order.splice(from, 1));
    const positions = new Map(rows.map((r) => [r.workId, r.position]));
    for (const [index, id] of order.entries()) {
      if (positions.get(id) === index + 1) continue;
      await tx
        .update(listItems)
        .set({ position: index + 1 })
        .where(and(eq(listItems.listId, listId), eq(listItems.workId, id)));
    }
    await touch(ctx, tx, listId);
    return ok(null);
  });
}

export type InviteError = ActionError | "no-such-person" | "is-owner" | "already-editor";

export async function inviteListEditor(
  ctx: ReadingContext,
  actor: NonNullable<Viewer>,
  listId: string,
  email: string,
): Promise<Result<Person, InviteError>> {
  const found = await listFor(ctx.db, actor, listId, "canManage");
  if (!found.ok) return found;
  const [person] = await ctx.db
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(eq(users.email, email.trim().toLowerCase()));
  if (!person) return fail("no-such-person");
  if (person.id === found.value.list.ownerId) return fail("is-owner");
  const added = await ctx.db
    .insert(listEditors)
    .values({ listId, userId: person.id, createdAt: ctx.clock.now() })
    .onConflictDoNothing()
    .returning();
  return added.length ? ok(person) : fail("already-editor");
}

/** The owner removes a co-editor, or a co-editor leaves. */
export async function removeListEditor(
  ctx: ReadingContext,
  actor: NonNullable<Viewer>,
  listId: string,
  editorId: string,
): Promise<Result<null, ActionError | "editor-not-found">> {
  const found = await listFor(ctx.db, actor, listId, actor.id === editorId ? "canEdit" : "canManage");
  if (!found.ok) return found;
  const removed = await ctx.db
    .delete(listEditors)
    .where(and(eq(listEditors.listId, listId), eq(listEditors.userId, editorId)))
    .returning();
  return removed.length ? ok(null) : fail("editor-not-found");
}

export type SuggestError = "not-found" | "closed" | "work-not-found" | "already-on-list" | "already-suggested" | "child-note";

export async function suggestListItem(
  ctx: ReadingContext,
  actor: NonNullable<Viewer>,
  listId: string,
  input: ListItemInput,
): Promise<Result<ListSuggestion, SuggestError>> {
  const [list] = await ctx.db.select().from(lists).where(eq(lists.id, listId));
  if (!list) return fail("not-found");
  const access = await listAccess(ctx.db, actor, list);
  if (!access.canView) return fail("not-found");
  if (!access.canSuggest) return fail("closed");
  if (!(await findWorkTitle(ctx.db, input.workId))) return fail("work-not-found");
  // The owner reads the note: a child may suggest, but without one.
  if (await childWritesForOthers(ctx, actor, !!input.note)) return fail("child-note");
  const onList = await ctx.db
    .select({ workId: listItems.workId })
    .from(listItems)
    .where(and(eq(listItems.listId, listId), eq(listItems.workId, input.workId)));
  if (onList.length) return fail("already-on-list");
  const waiting = await ctx.db
    .select({ id: listSuggestions.id })
    .from(listSuggestions)
    .where(
      and(eq(listSuggestions.listId, listId), eq(listSuggestions.workId, input.workId), eq(listSuggestions.status, "pending")),
    );
  if (waiting.length) return fail("already-suggested");
  const [suggestion] = await ctx.db
    .insert(listSuggestions)
    .values({ listId, workId: input.workId, note: input.note, suggestedBy: actor.id, createdAt: ctx.clock.now() })
    .returning();
  if (!suggestion) throw new Error("insert returned no suggestion");
  return ok(suggestion);
}

/** Approving puts the work at the end of the list, with the suggester's note, as added by them. */
export async function decideListSuggestion(
  ctx: ReadingContext,
  actor: NonNullable<Viewer>,
  listId: string,
  suggestionId: string,
  decision: SuggestionDecision,
): Promise<Result<ListSuggestion, ActionError | "suggestion-not-found">> {
  const found = await listFor(ctx.db, actor, listId, "canManage");
  if (!found.ok) return found;
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const [decided] = await tx
      .update(listSuggestions)
      .set({ status: decision === "approve" ? "approved" : "declined", decidedAt: now })
      .where(and(eq(listSuggestions.id, suggestionId), eq(listSuggestions.listId, listId), eq(listSuggestions.status, "pending")))
      .returning();
    if (!decided) return fail("suggestion-not-found");
    if (decision === "approve") {
      await insertItem(tx, listId, decided.workId, decided.note, decided.suggestedBy, now);
      await touch(ctx, tx, listId);
    }
    return ok(decided);
  });
}

export interface SuggestionView {
  id: string;
  work: WorkSummary;
  note: string;
  status: ListSuggestion["status"];
  suggestedBy: Person;
  createdAt: Date;
  decidedAt: Date | null;
}

async function suggestionViews(db: DbOrTx, where: SQL | undefined, limit: number): Promise<SuggestionView[]> {
  const rows = await db
    .select({
      id: listSuggestions.id,
      workId: listSuggestions.workId,
      note: listSuggestions.note,
      status: listSuggestions.status,
      createdAt: listSuggestions.createdAt,
      decidedAt: listSuggestions.decidedAt,
      suggesterId: users.id,
      suggesterName: users.displayName,
    })
    .from(listSuggestions)
    .innerJoin(users, eq(users.id, listSuggestions.suggestedBy))
    .where(where)
    .orderBy(asc(listSuggestions.createdAt), asc(listSuggestions.id))
    .limit(limit);
  const works = await workSummaries(
    db,
    rows.map((r) => r.workId),
  );
  return rows.flatMap(({ workId, suggesterId, suggesterName, ...s }) => {
    const work = works.get(workId);
    return work ? [{ ...s, work, suggestedBy: { id: suggesterId, displayName: suggesterName } }] : [];
  });
}

export interface SuggestionsPage {
  list: ListCard;
  access: ListAccess;
  /** For the owner: every suggestion waiting for a decision, oldest first. */
  pending: SuggestionView[];
  /** The viewer's own suggestions to this list, whatever became of them. */
  mine: SuggestionView[];
}

export async function viewListSuggestions(
  db: DbOrTx,
  viewer: NonNullable<Viewer>,
  listId: string,
): Promise<Result<SuggestionsPage, "not-found">> {
  const list = await findListCard(db, listId);
  if (!list) return fail("not-found");
  const access = await listAccess(db, viewer, list);
  if (!access.canView) return fail("not-found");
  const pending = access.canManage
    ? await suggestionViews(db, and(eq(listSuggestions.listId, listId), eq(listSuggestions.status, "pending")), 500)
    : [];
  const mine = await suggestionViews(
    db,
    and(eq(listSuggestions.listId, listId), eq(listSuggestions.suggestedBy, viewer.id)),
    200,
  );
  return ok({ list, access, pending, mine });
}
