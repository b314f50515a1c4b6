// Brings a patron's reading history from Goodreads or the StoryGraph into their shelves: each row is matched
// to a work of this catalogue by ISBN, then by title and first author, and put on the default shelf its
// status names, with the date it was read and the patron's rating. What cannot be matched is reported.
import { inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import { editions, works } from "../../db/schema/index.ts";
import type { Result } from "../accounts/index.ts";
import { normalizeForKey, normalizeIsbn } from "../catalog/index.ts";
import { rateWork } from "./ratings.service.ts";
import {
  type HistoryEntry,
  type HistoryFileError,
  type HistoryProblem,
  type HistorySource,
  parseReadingHistory,
} from "./reading-history.parse.ts";
import { workSummaries } from "./shelves.queries.ts";
import type { DefaultShelfKind } from "./shelves.schemas.ts";
import { type ReadingContext, shelveOnDefault } from "./shelves.service.ts";

interface RowIdentity {
  row: number;
  title: string;
  author: string;
}

export interface ImportedRow extends RowIdentity {
  workId: string;
  workTitle: string;
  shelf: DefaultShelfKind;
  matchedBy: "isbn" | "title";
  rated: boolean;
}

export interface HistoryReport {
  source: HistorySource;
  imported: ImportedRow[];
  /** Rows whose book this catalogue does not seem to hold. */
  unmatched: RowIdentity[];
  /** Rows that could not be read. */
  problems: (RowIdentity & { problem: HistoryProblem })[];
}

/** The words of a name in any order, without dates: "Hunt, Andrew, 1964-" and "Andrew Hunt" share {andrew, hunt}. */
const nameWords = (name: string) =>
  normalizeForKey(name)
    .split(" ")
    .filter((w) => w && !/^\d+$/.test(w));

/** Whether the export's author is one of the work's contributors: every word of it appears in one name. */
function sameAuthor(author: string, contributors: string[]): boolean {
  const wanted = nameWords(author);
  if (wanted.length === 0) return false;
  return contributors.some((name) => {
    const words = new Set(nameWords(name));
    return wanted.every((w) => words.has(w));
  });
}

/**
 * Titles as exports write them ("Dune (Dune Chronicles, #1)", "Sapiens: A Brief History of Humankind") to the
 * catalogue's key of a title, which keeps the subtitle apart: the whole title, and the part before the colon.
 */
function titleKeys(title: string): string[] {
  const bare = title.replace(/\s*\([^()]*#[^()]*\)\s*$/, "").trim();
  const main = bare.split(/\s*[:;]\s/)[0] ?? bare;
  return [...new Set([normalizeForKey(bare), normalizeForKey(main)])].filter(Boolean);
}

/** Works of the catalogue for each entry: by any of its ISBNs, else by title and first author. */
async function matchEntries(db: DbOrTx, entries: HistoryEntry[]): Promise<Map<number, { workId: string; by: "isbn" | "title" }>> {
  const isbnsOf = new Map(entries.map((e) => [e.row, e.isbns.flatMap((raw) => normalizeIsbn(raw)?.isbn13 ?? [])] as const));
  const allIsbns = [...new Set([...isbnsOf.values()].flat())];
  const byIsbn = new Map<string, string>();
  if (allIsbns.length) {
    const rows = await db
      .select({ isbn13: editions.isbn13, workId: editions.workId })
      .from(editions)
      .where(inArray(editions.isbn13, allIsbns));
    for (const r of rows) if (r.isbn13 && !byIsbn.has(r.isbn13)) byIsbn.set(r.isbn13, r.workId);
  }

  const matches = new Map<number, { workId: string; by: "isbn" | "title" }>();
  const rest: HistoryEntry[] = [];
  for (const entry of entries) {
    const workId = (isbnsOf.get(entry.row) ?? []).map((isbn) => byIsbn.get(isbn)).find(Boolean);
    if (workId) matches.set(entry.row, { workId, by: "isbn" });
    else rest.push(entry);
  }
  if (rest.length === 0) return matches;

  // The title half of the catalogue's work key ("title|first contributor") is the normalised title.
  const keys = [...new Set(rest.flatMap((e) => titleKeys(e.title)))];
  const candidates = await db
    .select({ id: works.id, titleKey: sql<string>`split_part(${works.workKey}, '|', 1)` })
    .from(works)
    .where(inArray(sql`split_part(${works.workKey}, '|', 1)`, keys));
  const summaries = await workSummaries(
    db,
    candidates.map((c) => c.id),
  );
  for (const entry of rest) {
    const wanted = titleKeys(entry.title);
    const sameTitle = candidates.filter((c) => wanted.includes(c.titleKey));
    // Without an author, a title is trusted only when exactly one work bears it.
    const found = entry.author
      ? sameTitle.find((c) => sameAuthor(entry.author, summaries.get(c.id)?.contributors ?? []))
      : sameTitle.length === 1
        ? sameTitle[0]
        : undefined;
    if (found) matches.set(entry.row, { workId: found.id, by: "title" });
  }
  return matches;
}

export async function importReadingHistory(
  ctx: ReadingContext,
  userId: string,
  text: string,
): Promise<Result<HistoryReport, HistoryFileError>> {
  const parsed = parseReadingHistory(text);
  if (!parsed.ok) return parsed;
  const { source, rows } = parsed.value;
  const report: HistoryReport = { source, imported: [], unmatched: [], problems: [] };
  const entries: HistoryEntry[] = [];
  for (const row of rows) {
    if (row.ok) entries.push(row.entry);
    else report.problems.push({ row: row.row, title: row.title, author: row.author, problem: row.problem });
  }
  const matches = await matchEntries(ctx.db, entries);
  const titles = await workSummaries(
    ctx.db,
    [...matches.values()].map((m) => m.workId),
  );
  for (const entry of entries) {
    const identity = { row: entry.row, title: entry.title, author: entry.author };
    const match = matches.get(entry.row);
    if (!match) {
      report.unmatched.push(identity);
      continue;
    }
    // Only the date the export knows is written: dates the patron already gave here are kept.
    const shelved = await shelveOnDefault(
      ctx,
      userId,
      entry.shelf,
      match.workId,
      entry.finishedOn ? { finishedOn: entry.finishedOn } : {},
    );
    if (!shelved.ok) {
      // A finish date before a start date the patron entered here: the row is reported, the shelf left as it was.
      report.problems.push({ ...identity, problem: "bad-date" });
      continue;
    }
    const rated = entry.halfStars !== null && (await rateWork(ctx.db, ctx.clock, userId, match.workId, entry.halfStars)).ok;
    report.imported.push({
      ...identity,
      workId: match.workId,
      workTitle: titles.get(match.workId)?.title ?? entry.title,
      shelf: entry.shelf,
      matchedBy: match.by,
      rated,
    });
  }
  report.problems.sort((a, b) => a.row - b.row);
  return { ok: true, value: report };
}
