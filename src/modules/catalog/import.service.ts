// Loads catalogue records in batches: each batch is one transaction that matches every record to an
// existing edition (control number, then ISBN, then content fingerprint), inserts what is new, updates
// what changed, and writes nothing for what is unchanged. Bad records never stop the rest.
import { eq, inArray, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import { contributors, editions, workContributors, works } from "../../db/schema/index.ts";
import {
  type CatalogRecord,
  contentHash,
  normalizeForKey,
  searchConfigFor,
  sortTitle,
  sourceKey,
  workKey,
} from "./catalog-record.ts";
import type { BadRecord } from "./marc/record.ts";
import { refreshSearchDocuments } from "./search-document.queries.ts";

export type ImportItem = { ok: true; position: number; record: CatalogRecord; source: unknown } | ({ ok: false } & BadRecord);

export interface ImportCounts {
  processed: number;
  imported: number;
  updated: number;
  unchanged: number;
  failed: number;
}

export interface ImportReport extends ImportCounts {
  problems: BadRecord[];
}

const BATCH = 500;

export async function importCatalog(
  db: DbOrTx,
  items: AsyncIterable<ImportItem>,
  onProgress: (counts: ImportCounts, newProblems: BadRecord[]) => Promise<void> | void = () => {},
): Promise<ImportReport> {
  const report: ImportReport = { processed: 0, imported: 0, updated: 0, unchanged: 0, failed: 0, problems: [] };
  let batch: Extract<ImportItem, { ok: true }>[] = [];
  let batchProblems: BadRecord[] = [];
  const flush = async () => {
    if (batch.length) {
      const result = await applyBatch(db, batch);
      report.imported += result.imported;
      report.updated += result.updated;
      report.unchanged += result.unchanged;
      report.processed += batch.length;
      batch = [];
    }
    await onProgress({ ...report }, batchProblems);
    batchProblems = [];
  };
  for await (const item of items) {
    if (item.ok) {
      batch.push(item);
    } else {
      const { ok: _ok, ...problem } = item;
      report.problems.push(problem);
      batchProblems.push(problem);
      report.failed += 1;
      report.processed += 1;
    }
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  return report;
}

type Good = Extract<ImportItem, { ok: true }>;

async function applyBatch(db: DbOrTx, batch: Good[]) {
  return db.transaction(async (tx) => {
    const counts = { imported: 0, updated: 0, unchanged: 0 };
    const controlNumbers = batch.flatMap((b) => (b.record.controlNumber ? [b.record.controlNumber] : []));
    const isbns = batch.flatMap((b) => b.record.isbns.map((i) => i.isbn13));
    const keys = batch.map((b) => sourceKey(b.record));
    const conditions = [inArray(editions.sourceKey, keys)];
    if (controlNumbers.length) conditions.push(inArray(editions.controlNumber, controlNumbers));
    if (isbns.length) conditions.push(inArray(editions.isbn13, isbns));
    const existing = await tx
      .select({
        id: editions.id,
        workId: editions.workId,
        sourceKey: editions.sourceKey,
        controlNumber: editions.controlNumber,
        isbn13: editions.isbn13,
        contentHash: editions.contentHash,
      })
      .from(editions)
      .where(or(...conditions));
    const byControl = new Map(existing.filter((e) => e.controlNumber).map((e) => [e.controlNumber, e]));
    const byIsbn = new Map(existing.filter((e) => e.isbn13).map((e) => [e.isbn13, e]));
    const byKey = new Map(existing.map((e) => [e.sourceKey, e]));

    // Decide what each record is; a record repeated within the batch counts once, the last one wins.
    type Plan = { item: Good; hash: string; key: string; existing?: (typeof existing)[number] };
    const plans = new Map<string, Plan>();
    for (const item of batch) {
      const r = item.record;
      const match =
        (r.controlNumber ? byControl.get(r.controlNumber) : undefined) ??
        r.isbns.map((i) => byIsbn.get(i.isbn13)).find(Boolean) ??
        byKey.get(sourceKey(r));
      const key = match?.sourceKey ?? sourceKey(r);
      if (plans.has(key)) counts.unchanged += 1;
      plans.set(key, { item, hash: contentHash(r), key, existing: match });
    }
    const changed = [...plans.values()].filter((p) => p.existing?.contentHash !== p.hash);
    counts.unchanged += plans.size - changed.length;
    if (changed.length === 0) return counts;

    const contributorIds = await upsertContributors(
      tx,
      changed.flatMap((p) => p.item.record.contributors.map((c) => c.name)),
    );
    const workIds = await worksFor(tx, changed);
    const touchedWorks = new Set<string>();

    const fresh = changed.filter((p) => !p.existing);
    if (fresh.length) {
      await tx
        .insert(editions)
        .values(fresh.map((p) => ({ ...editionValues(p.item, p.hash, p.key), workId: workIds.get(p) as string })));
      counts.imported += fresh.length;
    }
    for (const p of changed.filter((x) => x.existing)) {
      const workId = p.existing?.workId as string;
      await tx
        .update(editions)
        .set({ ...editionValues(p.item, p.hash, p.key), updatedAt: new Date() })
        .where(eq(editions.id, p.existing?.id as string));
      await tx
        .update(works)
        .set({ ...workValues(p.item.record), updatedAt: new Date() })
        .where(eq(works.id, workId));
      counts.updated += 1;
      touchedWorks.add(workId);
    }
    for (const p of fresh) touchedWorks.add(workIds.get(p) as string);

    // Contributors of a touched work are those of the editions just written.
    const links = new Map<
      string,
      { workId: string; contributorId: string; role: (typeof workContributors.$inferInsert)["role"]; position: number }
    >();
    for (const p of changed) {
      const workId = p.existing?.workId ?? (workIds.get(p) as string);
      p.item.record.contributors.forEach((c, position) => {
        const contributorId = contributorIds.get(c.name) as string;
        links.set(`${workId}|${contributorId}|${c.role}`, { workId, contributorId, role: c.role, position });
      });
    }
    await tx.delete(workContributors).where(inArray(workContributors.workId, [...touchedWorks]));
    if (links.size)
      await tx
        .insert(workContributors)
        .values([...links.values()])
        .onConflictDoNothing();
    await refreshSearchDocuments(tx, [...touchedWorks]);
    return counts;
  });
}

function editionValues(item: Good, hash: string, key: string) {
  const r = item.record;
  return {
    sourceKey: key,
    controlNumber: r.controlNumber,
    isbn13: r.isbns[0]?.isbn13 ?? null,
    isbn10: r.isbns[0]?.isbn10 ?? null,
    format: r.format,
    title: r.subtitle ? `${r.title}: ${r.subtitle}` : r.title,
    editionStatement: r.editionStatement,
    publisher: r.publisher,
    publishedYear: r.publishedYear,
    extent: r.extent,
    language: r.language,
    source: item.source as object,
    contentHash: hash,
  };
}

function workValues(r: CatalogRecord) {
  return {
    title: r.title,
    subtitle: r.subtitle,
    sortTitle: sortTitle(r),
    seriesTitle: r.seriesTitle,
    summary: r.summary,
    language: r.language,
    searchConfig: searchConfigFor(r.language),
    subjects: r.subjects,
    firstPublishedYear: r.publishedYear,
  };
}

async function upsertContributors(tx: DbOrTx, names: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(names)];
  if (unique.length === 0) return new Map();
  await tx
    .insert(contributors)
    .values(unique.map((name) => ({ name, sortName: normalizeForKey(name) })))
    .onConflictDoNothing({ target: contributors.name });
  const rows = await tx
    .select({ id: contributors.id, name: contributors.name })
    .from(contributors)
    .where(inArray(contributors.name, unique));
  return new Map(rows.map((r) => [r.name, r.id]));
}

/** The work each new edition belongs to: an existing work with the same key, or a new one. */
async function worksFor(tx: DbOrTx, plans: { item: Good; existing?: unknown }[]): Promise<Map<object, string>> {
  const fresh = plans.filter((p) => !p.existing);
  const out = new Map<object, string>();
  if (fresh.length === 0) return out;
  const keys = [...new Set(fresh.map((p) => workKey(p.item.record)))];
  const found = await tx.select({ id: works.id, workKey: works.workKey }).from(works).where(inArray(works.workKey, keys));
  const byKey = new Map(found.map((w) => [w.workKey, w.id]));
  const missing = new Map<string, CatalogRecord>();
  for (const p of fresh) {
    const key = workKey(p.item.record);
    if (!byKey.has(key) && !missing.has(key)) missing.set(key, p.item.record);
  }
  if (missing.size) {
    const created = await tx
      .insert(works)
      .values([...missing].map(([key, r]) => ({ workKey: key, ...workValues(r) })))
      .returning({ id: works.id, workKey: works.workKey });
    for (const w of created) byKey.set(w.workKey, w.id);
  }
  for (const p of fresh) out.set(p, byKey.get(workKey(p.item.record)) as string);
  return out;
}

/** How big the catalogue is, for dashboards and reports. */
export async function catalogCounts(db: DbOrTx) {
  const [row] = await db
    .select({
      works: sql<number>`(select count(*)::int from works)`,
      editions: sql<number>`(select count(*)::int from editions)`,
      contributors: sql<number>`(select count(*)::int from contributors)`,
    })
    .from(sql`(select 1) as one`);
  return { works: Number(row?.works ?? 0), editions: Number(row?.editions ?? 0), contributors: Number(row?.contributors ?? 0) };
}
