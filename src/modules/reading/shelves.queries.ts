// Reads shared by shelves, lists and the reading-history import: what a work is called and who made it,
// the items of one shelf, and whether one person follows another.
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import { contributors, follows, shelfItems, workContributors, works } from "../../db/schema/index.ts";

export interface WorkSummary {
  id: string;
  title: string;
  /** Contributor names in the catalogue's order (authors as the record lists them). */
  contributors: string[];
}

/** Titles and contributors of these works, keyed by id; unknown ids are left out. */
export async function workSummaries(db: DbOrTx, ids: readonly string[]): Promise<Map<string, WorkSummary>> {
  const unique = [...new Set(ids)];
  const out = new Map<string, WorkSummary>();
  if (unique.length === 0) return out;
  const rows = await db.select({ id: works.id, title: works.title }).from(works).where(inArray(works.id, unique));
  for (const r of rows) out.set(r.id, { ...r, contributors: [] });
  const people = await db
    .select({ workId: workContributors.workId, name: contributors.name })
    .from(workContributors)
    .innerJoin(contributors, eq(contributors.id, workContributors.contributorId))
    .where(inArray(workContributors.workId, unique))
    .orderBy(asc(workContributors.workId), asc(workContributors.position), asc(contributors.name));
  for (const p of people) {
    const work = out.get(p.workId);
    if (work && !work.contributors.includes(p.name)) work.contributors.push(p.name);
  }
  return out;
}

export interface ShelfItemView {
  work: WorkSummary;
  startedOn: string | null;
  finishedOn: string | null;
  progress: number | null;
  addedAt: Date;
}

/** The works on a shelf, most recently added first. */
export async function shelfItemViews(db: DbOrTx, shelfId: string): Promise<ShelfItemView[]> {
  const rows = await db
    .select({
      workId: shelfItems.workId,
      startedOn: shelfItems.startedOn,
      finishedOn: shelfItems.finishedOn,
      progress: shelfItems.progress,
      addedAt: shelfItems.addedAt,
    })
    .from(shelfItems)
    .where(eq(shelfItems.shelfId, shelfId))
    .orderBy(desc(shelfItems.addedAt), asc(shelfItems.workId));
  const summaries = await workSummaries(
    db,
    rows.map((r) => r.workId),
  );
  return rows.flatMap(({ workId, ...item }) => {
    const work = summaries.get(workId);
    return work ? [{ ...item, work }] : [];
  });
}

export async function isFollower(db: DbOrTx, followerId: string, followeeId: string): Promise<boolean> {
  const rows = await db
    .select({ followerId: follows.followerId })
    .from(follows)
    .where(and(eq(follows.followerId, followerId), eq(follows.followeeId, followeeId)));
  return rows.length > 0;
}
