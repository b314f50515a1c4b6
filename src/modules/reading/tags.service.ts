import { and, asc, countDistinct, desc, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";
import { alias, type PgSelect } from "drizzle-orm/pg-core";
import type { Clock } from "../../clock.ts";
import type { DbOrTx } from "../../db/index.ts";
import { auditLog, tags, works, workTags } from "../../db/schema/index.ts";
import { hasRole, type PersonalDataSection, type Result } from "../accounts/index.ts";
import { refreshSearchDocuments } from "../catalog/index.ts";
import type { Reader } from "./readers.ts";
import { normalizeTag, type TagInput } from "./tags.schemas.ts";
import { findWorkTitle } from "./work-lookup.ts";

/** A tag as people see it: a merged tag is shown as the tag it was merged into. */
export interface TagRef {
  id: string;
  name: string;
  normalized: string;
}

export interface TagCount extends TagRef {
  /** How many people gave the tag publicly (to the work, or on the tag page: to any work). */
  count: number;
}

/** The tag a tagging is shown as: `tags` itself, or the tag it was merged into. */
const shownAs = alias(tags, "shown_as");
const effectiveId = sql`coalesce(${tags.mergedIntoId}, ${tags.id})`;
/** A tagging others may see: public, and neither the tag nor the tag it is shown as is blocked. */
const publicTagging = and(eq(workTags.private, false), isNull(tags.blockedAt), isNull(shownAs.blockedAt));

/** A select over `work_tags` joined with each tagging's tag and the tag it is shown as. */
function withTags<T extends PgSelect>(query: T) {
  return query.innerJoin(tags, eq(tags.id, workTags.tagId)).innerJoin(shownAs, eq(shownAs.id, effectiveId));
}

const tagCountFields = {
  id: shownAs.id,
  name: shownAs.name,
  normalized: shownAs.normalized,
  count: countDistinct(workTags.userId),
};

/** The public tags of a work, most given first. */
export async function workTagCloud(db: DbOrTx, workId: string, limit = 50): Promise<TagCount[]> {
  return withTags(db.select(tagCountFields).from(workTags).$dynamic())
    .where(and(eq(workTags.workId, workId), publicTagging))
    .groupBy(shownAs.id)
    .orderBy(desc(countDistinct(workTags.userId)), asc(shownAs.name))
    .limit(limit);
}

export interface YourTag extends TagRef {
  private: boolean;
}

/** The reader's own tags on a work, private ones included (blocked tags are shown to nobody). */
export async function yourTags(db: DbOrTx, userId: string, workId: string): Promise<YourTag[]> {
  const rows = await withTags(
    db
      .select({
        id: shownAs.id,
        name: shownAs.name,
        normalized: shownAs.normalized,
        private: workTags.private,
      })
      .from(workTags)
      .$dynamic(),
  )
    .where(and(eq(workTags.workId, workId), eq(workTags.userId, userId), isNull(tags.blockedAt), isNull(shownAs.blockedAt)))
    .orderBy(asc(shownAs.name));
  // Tagged once before a merge and once after: one tag now, public if either tagging is.
  const byId = new Map<string, YourTag>();
  for (const row of rows) {
    const seen = byId.get(row.id);
    byId.set(row.id, seen ? { ...seen, private: seen.private && row.private } : row);
  }
  return [...byId.values()];
}

/** The works whose search document shows this tag: tagged with it or with a tag merged into it. */
async function worksTaggedWith(db: DbOrTx, tagId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ workId: workTags.workId })
    .from(workTags)
    .innerJoin(tags, eq(tags.id, workTags.tagId))
    .where(or(eq(tags.id, tagId), eq(tags.mergedIntoId, tagId)));
  return rows.map((r) => r.workId);
}

/** A tag by the name in a URL or a form, however it is written; null when nobody has used it. */
export async function findTag(db: DbOrTx, name: string) {
  const [row] = await db
    .select()
    .from(tags)
    .where(eq(tags.normalized, normalizeTag(name)));
  return row ?? null;
}

async function tagById(db: DbOrTx, id: string) {
  const [row] = await db.select().from(tags).where(eq(tags.id, id));
  return row ?? null;
}

/**
 * Tags a work in the reader's words. A tag merged into another is given as that one; a blocked tag cannot
 * be given. A child's tags are private: nobody else may read a child's words.
 */
export async function addTag(
  db: DbOrTx,
  clock: Clock,
  reader: Reader,
  workId: string,
  input: TagInput,
): Promise<Result<{ tag: TagRef; private: boolean }, "not-found" | "blocked">> {
  if (!(await findWorkTitle(db, workId))) return { ok: false, error: "not-found" };
  const normalized = normalizeTag(input.name);
  const isPrivate = input.private || reader.child;
  return db.transaction(async (tx) => {
    await tx.insert(tags).values({ name: input.name, normalized, createdAt: clock.now() }).onConflictDoNothing();
    const [tag] = await tx.select().from(tags).where(eq(tags.normalized, normalized));
    if (!tag) throw new Error(`tag ${normalized} vanished after insert`);
    const target = tag.mergedIntoId ? await tagById(tx, tag.mergedIntoId) : tag;
    if (!target || tag.blockedAt || target.blockedAt) return { ok: false as const, error: "blocked" as const };
    await tx
      .insert(workTags)
      .values({ workId, tagId: target.id, userId: reader.id, private: isPrivate, createdAt: clock.now() })
      .onConflictDoUpdate({ target: [workTags.workId, workTags.tagId, workTags.userId], set: { private: isPrivate } });
    await refreshSearchDocuments(tx, [workId]);
    return {
      ok: true as const,
      value: { tag: { id: target.id, name: target.name, normalized: target.normalized }, private: isPrivate },
    };
  });
}

/** Takes the reader's tag (as shown, so also a tagging made before a merge) off a work; false when there was none. */
export async function removeTag(db: DbOrTx, userId: string, workId: string, tagId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const merged = tx
      .select({ id: tags.id })
      .from(tags)
      .where(or(eq(tags.id, tagId), eq(tags.mergedIntoId, tagId)));
    const removed = await tx
      .delete(workTags)
      .where(and(eq(workTags.workId, workId), eq(workTags.userId, userId), inArray(workTags.tagId, merged)))
      .returning({ workId: workTags.workId });
    if (removed.length) await refreshSearchDocuments(tx, [workId]);
    return removed.length > 0;
  });
}

export interface TaggedWork {
  id: string;
  title: string;
  subtitle: string;
  /** How many people gave the tag to this work. */
  count: number;
}

export type TagPage =
  | { kind: "tag"; tag: TagRef & { blocked: boolean }; works: TaggedWork[]; related: TagCount[] }
  /** The tag was merged into another: its page is that tag's page. */
  | { kind: "merged"; into: TagRef };

/**
 * A tag's page: the works people tagged with it publicly, and the tags given most often to those works.
 * A blocked tag's page, or that of a tag nobody gave publicly, is only for staff; for others it does not exist.
 */
export async function tagPage(db: DbOrTx, name: string, reader: Reader | null, limit = 100): Promise<TagPage | null> {
  const tag = await findTag(db, name);
  if (!tag) return null;
  if (tag.mergedIntoId) {
    const into = await tagById(db, tag.mergedIntoId);
    return into ? { kind: "merged", into: { id: into.id, name: into.name, normalized: into.normalized } } : null;
  }
  const blocked = tag.blockedAt !== null;
  if (blocked && !hasRole(reader, "staff")) return null;
  const tagged = await withTags(
    db
      .select({
        id: works.id,
        title: works.title,
        subtitle: works.subtitle,
        count: countDistinct(workTags.userId),
      })
      .from(workTags)
      .$dynamic(),
  )
    .innerJoin(works, eq(works.id, workTags.workId))
    .where(and(eq(shownAs.id, tag.id), eq(workTags.private, false), isNull(tags.blockedAt)))
    .groupBy(works.id)
    .orderBy(desc(countDistinct(workTags.userId)), asc(works.sortTitle))
    .limit(limit);
  // A tag given only privately does not exist for others: even its name could say something about someone.
  if (tagged.length === 0 && !hasRole(reader, "staff")) return null;
  const related = tagged.length
    ? await withTags(
        db
          .select({ ...tagCountFields, count: countDistinct(workTags.workId) })
          .from(workTags)
          .$dynamic(),
      )
        .where(
          and(
            inArray(
              workTags.workId,
              tagged.map((w) => w.id),
            ),
            ne(shownAs.id, tag.id),
            publicTagging,
          ),
        )
        .groupBy(shownAs.id)
        .orderBy(desc(countDistinct(workTags.workId)), asc(shownAs.name))
        .limit(30)
    : [];
  return {
    kind: "tag",
    tag: { id: tag.id, name: tag.name, normalized: tag.normalized, blocked },
    works: tagged,
    related,
  };
}

/**
 * Moderation and staff: blocks a tag (shown nowhere, counted nowhere, found by no search, given by nobody)
 * or unblocks it. False when there is no such tag. Callers pass a transaction, so the flag and the
 * rebuilt search documents change together.
 */
export async function setTagBlocked(db: DbOrTx, clock: Clock, tagId: string, blocked: boolean): Promise<boolean> {
  const rows = await db
    .update(tags)
    .set({ blockedAt: blocked ? clock.now() : null })
    .where(eq(tags.id, tagId))
    .returning({ id: tags.id });
  if (rows.length) await refreshSearchDocuments(db, await worksTaggedWith(db, tagId));
  return rows.length > 0;
}

/** Staff block or unblock a tag from its page; recorded in the audit log. */
export async function blockTag(
  db: DbOrTx,
  clock: Clock,
  reader: Reader,
  tagId: string,
  blocked: boolean,
): Promise<Result<null, "not-found" | "forbidden">> {
  if (!hasRole(reader, "staff")) return { ok: false, error: "forbidden" };
  return db.transaction(async (tx) => {
    if (!(await setTagBlocked(tx, clock, tagId, blocked))) return { ok: false as const, error: "not-found" as const };
    await tx
      .insert(auditLog)
      .values({ actorId: reader.id, action: blocked ? "tag.block" : "tag.unblock", subject: `tag:${tagId}`, details: {} });
    return { ok: true as const, value: null };
  });
}

/**
 * Staff merge a tag into another that means the same: from then on it is shown, counted and found as that
 * one, and adding it adds the other. Tags merged into the merged tag follow it, so a merge is never a chain.
 */
export async function mergeTag(
  db: DbOrTx,
  clock: Clock,
  reader: Reader,
  tagId: string,
  intoName: string,
): Promise<Result<TagRef, "not-found" | "forbidden" | "target-not-found" | "same-tag">> {
  if (!hasRole(reader, "staff")) return { ok: false, error: "forbidden" };
  return db.transaction(async (tx) => {
    const source = await tagById(tx, tagId);
    if (!source) return { ok: false as const, error: "not-found" as const };
    const named = await findTag(tx, intoName);
    const target = named?.mergedIntoId ? await tagById(tx, named.mergedIntoId) : named;
    if (!target) return { ok: false as const, error: "target-not-found" as const };
    // Already that tag, or already merged into it.
    if (target.id === source.id || target.id === source.mergedIntoId) return { ok: false as const, error: "same-tag" as const };
    const affected = await worksTaggedWith(tx, source.id);
    await tx
      .update(tags)
      .set({ mergedIntoId: target.id })
      .where(or(eq(tags.id, source.id), eq(tags.mergedIntoId, source.id)));
    await tx.insert(auditLog).values({
      actorId: reader.id,
      action: "tag.merge",
      subject: `tag:${source.id}`,
      details: { from: source.normalized, into: target.normalized, at: clock.now().toISOString() },
    });
    await refreshSearchDocuments(tx, affected);
    return { ok: true as const, value: { id: target.id, name: target.name, normalized: target.normalized } };
  });
}

/** What moderators see of a reported tag. */
export async function tagForModeration(db: DbOrTx, tagId: string) {
  const tag = await tagById(db, tagId);
  if (!tag) return null;
  const [used] = await withTags(
    db
      .select({ count: countDistinct(workTags.workId) })
      .from(workTags)
      .$dynamic(),
  ).where(and(eq(shownAs.id, tag.mergedIntoId ?? tag.id), eq(workTags.private, false)));
  return { id: tag.id, name: tag.name, normalized: tag.normalized, blockedAt: tag.blockedAt, publicWorks: used?.count ?? 0 };
}

/**
 * Taggings leave with the account (the foreign key cascades); the works' search documents are rebuilt
 * first, in the same transaction, so a deleted patron's public tags stop finding works at once.
 */
export const taggingsData: PersonalDataSection = {
  name: "tags",
  export: (db, userId) =>
    db
      .select({
        workId: workTags.workId,
        work: works.title,
        tag: tags.name,
        private: workTags.private,
        createdAt: workTags.createdAt,
      })
      .from(workTags)
      .innerJoin(tags, eq(tags.id, workTags.tagId))
      .innerJoin(works, eq(works.id, workTags.workId))
      .where(eq(workTags.userId, userId)),
  async erase(db, userId) {
    const removed = await db.delete(workTags).where(eq(workTags.userId, userId)).returning({ workId: workTags.workId });
    await refreshSearchDocuments(db, [...new Set(removed.map((r) => r.workId))]);
  },
};
