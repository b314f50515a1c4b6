// Shelves: the four default shelves every patron has (made on first use), custom shelves, reading dates
// and progress, and who may see a shelf. A work sits on at most one default shelf: shelving it on
// another moves it, keeping its dates.
import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Clock } from "../../clock.ts";
import type { DbOrTx } from "../../db/index.ts";
import { type ShelfKind, shelfItems, shelves, users } from "../../db/schema/index.ts";
import type { Result, SessionUser } from "../accounts/index.ts";
import { isUnder13 } from "./readers.ts";
import { isFollower, type ShelfItemView, shelfItemViews } from "./shelves.queries.ts";
import {
  DEFAULT_SHELF_KINDS,
  type DefaultShelfKind,
  type ShelfInput,
  type ShelfItemInput,
  type ShelfPatch,
} from "./shelves.schemas.ts";
import { findWorkTitle } from "./work-lookup.ts";

export interface ReadingContext {
  db: DbOrTx;
  clock: Clock;
}

/** Who is looking: a signed-in person, or null for a visitor. */
export type Viewer = Pick<SessionUser, "id" | "role"> | null;

export type Shelf = typeof shelves.$inferSelect;
export interface ShelfSummary extends Shelf {
  itemCount: number;
}

const ok = <T>(value: T) => ({ ok: true as const, value });
const fail = <E extends string>(error: E) => ({ ok: false as const, error });

/**
 * DESIGN, privacy principle 5: a child under 13 writes nothing others can see, so their shelf names and
 * list texts stay private.
 */
export async function isChild(ctx: ReadingContext, userId: string): Promise<boolean> {
  const [row] = await ctx.db.select({ birthDate: users.birthDate }).from(users).where(eq(users.id, userId));
  return isUnder13(row?.birthDate ?? null, ctx.clock.now());
}

/** Custom shelves sort after the four defaults, in the order they were made. */
const CUSTOM_POSITION = 10;

/** Default shelves are stored under their kind as name; pages show a translated name instead. */
export async function ensureDefaultShelves(db: DbOrTx, userId: string): Promise<void> {
  await db
    .insert(shelves)
    .values(DEFAULT_SHELF_KINDS.map((kind, position) => ({ userId, name: kind, kind, position })))
    .onConflictDoNothing();
}

const itemCount = sql<number>`(select count(*)::int from shelf_items si where si.shelf_id = ${shelves.id})`;

/** Every shelf of one person, defaults first, with how many works each holds. */
export async function myShelves(db: DbOrTx, userId: string): Promise<ShelfSummary[]> {
  await ensureDefaultShelves(db, userId);
  return db
    .select({
      id: shelves.id,
      userId: shelves.userId,
      name: shelves.name,
      kind: shelves.kind,
      visibility: shelves.visibility,
      position: shelves.position,
      createdAt: shelves.createdAt,
      itemCount,
    })
    .from(shelves)
    .where(eq(shelves.userId, userId))
    .orderBy(asc(shelves.position), asc(shelves.createdAt), asc(shelves.name));
}

async function ownShelf(db: DbOrTx, userId: string, shelfId: string): Promise<Shelf | undefined> {
  const [shelf] = await db
    .select()
    .from(shelves)
    .where(and(eq(shelves.id, shelfId), eq(shelves.userId, userId)));
  return shelf;
}

async function defaultShelf(db: DbOrTx, userId: string, kind: DefaultShelfKind): Promise<Shelf> {
  await ensureDefaultShelves(db, userId);
  const [shelf] = await db
    .select()
    .from(shelves)
    .where(and(eq(shelves.userId, userId), eq(shelves.kind, kind)));
  if (!shelf) throw new Error(`${userId} has no ${kind} shelf although it was just ensured`);
  return shelf;
}

/** Names are compared without case: "Read" next to the default "read" would be two shelves nobody can tell apart. */
async function nameTaken(db: DbOrTx, userId: string, name: string, exceptId?: string): Promise<boolean> {
  const rows = await db
    .select({ id: shelves.id })
    .from(shelves)
    .where(
      and(
        eq(shelves.userId, userId),
        sql`lower(${shelves.name}) = lower(${name})`,
        exceptId ? ne(shelves.id, exceptId) : undefined,
      ),
    );
  return rows.length > 0;
}

export async function createShelf(
  ctx: ReadingContext,
  userId: string,
  input: ShelfInput,
): Promise<Result<Shelf, "name-taken" | "child-private">> {
  const { db } = ctx;
  if (input.visibility !== "private" && (await isChild(ctx, userId))) return fail("child-private");
  // Defaults first, so that a custom shelf can never take one of their names.
  await ensureDefaultShelves(db, userId);
  if (await nameTaken(db, userId, input.name)) return fail("name-taken");
  const [shelf] = await db
    .insert(shelves)
    .values({ userId, name: input.name, visibility: input.visibility, kind: "custom", position: CUSTOM_POSITION })
    .returning();
  if (!shelf) throw new Error("insert returned no shelf");
  return ok(shelf);
}

export async function updateShelf(
  ctx: ReadingContext,
  userId: string,
  shelfId: string,
  patch: ShelfPatch,
): Promise<Result<Shelf, "not-found" | "name-taken" | "default-shelf" | "child-private">> {
  const { db } = ctx;
  const shelf = await ownShelf(db, userId, shelfId);
  if (!shelf) return fail("not-found");
  if (patch.visibility !== undefined && patch.visibility !== "private" && (await isChild(ctx, userId))) {
    return fail("child-private");
  }
  if (patch.name !== undefined && shelf.kind !== "custom") return fail("default-shelf");
  if (patch.name !== undefined && (await nameTaken(db, userId, patch.name, shelf.id))) return fail("name-taken");
  const changes = {
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.visibility !== undefined ? { visibility: patch.visibility } : {}),
  };
  if (Object.keys(changes).length === 0) return ok(shelf);
  const [saved] = await db.update(shelves).set(changes).where(eq(shelves.id, shelf.id)).returning();
  return saved ? ok(saved) : fail("not-found");
}

export async function deleteShelf(
  db: DbOrTx,
  userId: string,
  shelfId: string,
): Promise<Result<Shelf, "not-found" | "default-shelf">> {
  const shelf = await ownShelf(db, userId, shelfId);
  if (!shelf) return fail("not-found");
  if (shelf.kind !== "custom") return fail("default-shelf");
  await db.delete(shelves).where(eq(shelves.id, shelf.id));
  return ok(shelf);
}

export interface ShelfOwner {
  id: string;
  displayName: string;
}

/**
 * The one visibility rule for shelves: the owner always; otherwise public to anyone, followers to people who
 * follow the owner, private to nobody. A profile hidden by a moderator hides its shelves from everyone else.
 */
async function canViewShelf(db: DbOrTx, viewer: Viewer, shelf: Shelf, ownerHidden: boolean): Promise<boolean> {
  if (viewer?.id === shelf.userId) return true;
  if (ownerHidden) return false;
  if (shelf.visibility === "public") return true;
  if (shelf.visibility === "followers") return !!viewer && (await isFollower(db, viewer.id, shelf.userId));
  return false;
}

export interface ShelfPage {
  shelf: ShelfSummary;
  owner: ShelfOwner;
  isOwner: boolean;
  items: ShelfItemView[];
}

/** A shelf as this viewer may see it; not-found both when it does not exist and when it is not theirs to see. */
export async function viewShelf(db: DbOrTx, viewer: Viewer, shelfId: string): Promise<Result<ShelfPage, "not-found">> {
  const [row] = await db
    .select({ shelf: shelves, ownerName: users.displayName, ownerHidden: users.profileHiddenAt })
    .from(shelves)
    .innerJoin(users, eq(users.id, shelves.userId))
    .where(eq(shelves.id, shelfId));
  if (!row || !(await canViewShelf(db, viewer, row.shelf, !!row.ownerHidden))) return fail("not-found");
  const items = await shelfItemViews(db, row.shelf.id);
  return ok({
    shelf: { ...row.shelf, itemCount: items.length },
    owner: { id: row.shelf.userId, displayName: row.ownerName },
    isOwner: viewer?.id === row.shelf.userId,
    items,
  });
}

export type ShelfItem = typeof shelfItems.$inferSelect;
export type ShelveError = "not-found" | "work-not-found" | "date-order";

/** Fields left undefined keep their current value (or the value the work had on the default shelf it leaves). */
export type ShelfItemChanges = Partial<ShelfItemInput>;

/** Must run inside a transaction: it may move the work off another default shelf first. */
async function shelveIn(
  tx: DbOrTx,
  clock: Clock,
  shelf: Shelf,
  workId: string,
  changes: ShelfItemChanges,
): Promise<Result<ShelfItem, ShelveError>> {
  if (!(await findWorkTitle(tx, workId))) return fail("work-not-found");
  const [current] = await tx
    .select()
    .from(shelfItems)
    .where(and(eq(shelfItems.shelfId, shelf.id), eq(shelfItems.workId, workId)));
  const leaving =
    shelf.kind === "custom"
      ? []
      : await tx
          .select({ item: shelfItems })
          .from(shelfItems)
          .innerJoin(shelves, eq(shelves.id, shelfItems.shelfId))
          .where(
            and(
              eq(shelves.userId, shelf.userId),
              ne(shelves.kind, "custom"),
              ne(shelves.id, shelf.id),
              eq(shelfItems.workId, workId),
            ),
          );
  const previous = current ?? leaving[0]?.item;
  const values = {
    startedOn: changes.startedOn !== undefined ? changes.startedOn : (previous?.startedOn ?? null),
    finishedOn: changes.finishedOn !== undefined ? changes.finishedOn : (previous?.finishedOn ?? null),
    progress: changes.progress !== undefined ? changes.progress : (previous?.progress ?? null),
  };
  if (values.startedOn && values.finishedOn && values.startedOn > values.finishedOn) return fail("date-order");
  if (leaving.length > 0) {
    await tx.delete(shelfItems).where(
      and(
        eq(shelfItems.workId, workId),
        inArray(
          shelfItems.shelfId,
          leaving.map((l) => l.item.shelfId),
        ),
      ),
    );
  }
  const [saved] = await tx
    .insert(shelfItems)
    .values({ shelfId: shelf.id, workId, ...values, addedAt: clock.now() })
    .onConflictDoUpdate({ target: [shelfItems.shelfId, shelfItems.workId], set: values })
    .returning();
  if (!saved) throw new Error("upsert returned no shelf item");
  return ok(saved);
}

/** Puts a work on one of the person's shelves, or changes its dates and progress there. */
export async function shelveWork(
  ctx: ReadingContext,
  userId: string,
  shelfId: string,
  workId: string,
  changes: ShelfItemChanges,
): Promise<Result<ShelfItem, ShelveError>> {
  return ctx.db.transaction(async (tx) => {
    const shelf = await ownShelf(tx, userId, shelfId);
    if (!shelf) return fail("not-found");
    return shelveIn(tx, ctx.clock, shelf, workId, changes);
  });
}

/** Puts a work on the default shelf of this kind (moving it from another), for the import and the record page. */
export async function shelveOnDefault(
  ctx: ReadingContext,
  userId: string,
  kind: DefaultShelfKind,
  workId: string,
  changes: ShelfItemChanges,
): Promise<Result<ShelfItem, ShelveError>> {
  return ctx.db.transaction(async (tx) => shelveIn(tx, ctx.clock, await defaultShelf(tx, userId, kind), workId, changes));
}

export async function removeFromShelf(
  db: DbOrTx,
  userId: string,
  shelfId: string,
  workId: string,
): Promise<Result<null, "not-found">> {
  const shelf = await ownShelf(db, userId, shelfId);
  if (!shelf) return fail("not-found");
  const removed = await db
    .delete(shelfItems)
    .where(and(eq(shelfItems.shelfId, shelf.id), eq(shelfItems.workId, workId)))
    .returning({ workId: shelfItems.workId });
  return removed.length ? ok(null) : fail("not-found");
}

const userShelfIds = (db: DbOrTx, userId: string, kinds: "default" | "custom" | "all") =>
  db
    .select({ id: shelves.id })
    .from(shelves)
    .where(
      and(
        eq(shelves.userId, userId),
        kinds === "default" ? ne(shelves.kind, "custom") : kinds === "custom" ? eq(shelves.kind, "custom") : undefined,
      ),
    );

/** Takes a work off every shelf of the person. */
export async function removeFromAllShelves(db: DbOrTx, userId: string, workId: string): Promise<number> {
  const removed = await db
    .delete(shelfItems)
    .where(and(eq(shelfItems.workId, workId), inArray(shelfItems.shelfId, userShelfIds(db, userId, "all"))))
    .returning({ shelfId: shelfItems.shelfId });
  return removed.length;
}

export interface WorkShelving {
  /** The default shelf the work is on, with its dates; null when it is on none. */
  status: {
    kind: DefaultShelfKind;
    shelfId: string;
    startedOn: string | null;
    finishedOn: string | null;
    progress: number | null;
  } | null;
  shelves: ShelfSummary[];
  /** Ids of the custom shelves that hold the work. */
  customShelfIds: string[];
}

const isDefaultKind = (kind: ShelfKind): kind is DefaultShelfKind => kind !== "custom";

/** Where one work is among the person's shelves, for the record page's shelving form. */
export async function workShelving(db: DbOrTx, userId: string, workId: string): Promise<WorkShelving> {
  const all = await myShelves(db, userId);
  const items = await db
    .select()
    .from(shelfItems)
    .where(
      and(
        eq(shelfItems.workId, workId),
        inArray(
          shelfItems.shelfId,
          all.map((s) => s.id),
        ),
      ),
    );
  const byId = new Map(all.map((s) => [s.id, s]));
  let status: WorkShelving["status"] = null;
  const customShelfIds: string[] = [];
  for (const item of items) {
    const shelf = byId.get(item.shelfId);
    if (!shelf) continue;
    if (isDefaultKind(shelf.kind)) {
      status = {
        kind: shelf.kind,
        shelfId: shelf.id,
        startedOn: item.startedOn,
        finishedOn: item.finishedOn,
        progress: item.progress,
      };
    } else customShelfIds.push(shelf.id);
  }
  return { status, shelves: all, customShelfIds };
}

export interface ShelvingChoice {
  /** The default shelf to put the work on, or null to take it off the default shelves. */
  status: DefaultShelfKind | null;
  dates: ShelfItemInput;
  /** The custom shelves that should hold the work; the others are cleared of it. */
  customShelfIds: string[];
}

/** The record page's one form: reading status with dates, and membership of custom shelves, saved together. */
export async function saveShelving(
  ctx: ReadingContext,
  userId: string,
  workId: string,
  choice: ShelvingChoice,
): Promise<Result<WorkShelving, ShelveError>> {
  if (!(await findWorkTitle(ctx.db, workId))) return fail("work-not-found");
  const saved = await ctx.db.transaction(async (tx): Promise<Result<null, ShelveError>> => {
    if (choice.status) {
      const result = await shelveIn(tx, ctx.clock, await defaultShelf(tx, userId, choice.status), workId, choice.dates);
      if (!result.ok) return result;
    } else {
      await tx
        .delete(shelfItems)
        .where(and(eq(shelfItems.workId, workId), inArray(shelfItems.shelfId, userShelfIds(tx, userId, "default"))));
    }
    const custom = (await userShelfIds(tx, userId, "custom")).map((s) => s.id);
    const wanted = custom.filter((id) => choice.customShelfIds.includes(id));
    const unwanted = custom.filter((id) => !wanted.includes(id));
    if (unwanted.length) {
      await tx.delete(shelfItems).where(and(eq(shelfItems.workId, workId), inArray(shelfItems.shelfId, unwanted)));
    }
    if (wanted.length) {
      await tx
        .insert(shelfItems)
        .values(wanted.map((shelfId) => ({ shelfId, workId, addedAt: ctx.clock.now() })))
        .onConflictDoNothing();
    }
    return ok(null);
  });
  if (!saved.ok) return saved;
  return ok(await workShelving(ctx.db, userId, workId));
}
