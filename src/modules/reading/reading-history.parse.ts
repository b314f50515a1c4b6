// Reads a patron's reading history from the CSV export of Goodreads or of The StoryGraph, recognised by
// their header rows, into one shape: what the book is, which default shelf it belongs on, when it was read.
import { parse } from "csv-parse/sync";
import type { Result } from "../accounts/index.ts";
import type { DefaultShelfKind } from "./shelves.schemas.ts";

export const HISTORY_SOURCES = ["goodreads", "storygraph"] as const;
export type HistorySource = (typeof HISTORY_SOURCES)[number];

export interface HistoryEntry {
  /** The row as a spreadsheet numbers it (the header is row 1); a cell may hold line breaks, so this is not the file's line. */
  row: number;
  title: string;
  /** The first author, as the export writes it ("Andrew Hunt"). */
  author: string;
  /** ISBN-looking values in the order to try them (ISBN-13 first). */
  isbns: string[];
  shelf: DefaultShelfKind;
  finishedOn: string | null;
  /** The patron's own rating in half stars (1–10), or null when the row has none. */
  halfStars: number | null;
}

export const HISTORY_PROBLEMS = ["no-title", "unknown-shelf", "bad-date", "bad-rating"] as const;
export type HistoryProblem = (typeof HISTORY_PROBLEMS)[number];

export type HistoryRow =
  | { ok: true; entry: HistoryEntry }
  | { ok: false; row: number; title: string; author: string; problem: HistoryProblem };

export type HistoryFileError = "unreadable" | "unknown-format" | "empty";

/** Both services' shelf names, and the names people commonly give an exclusive "did not finish" shelf. */
const SHELVES: Record<string, DefaultShelfKind> = {
  read: "read",
  "currently-reading": "reading",
  paused: "reading",
  "to-read": "want-to-read",
  "did-not-finish": "stopped",
  dnf: "stopped",
  abandoned: "stopped",
};

interface Columns {
  title: string;
  author: string;
  isbns: string[];
  shelf: string;
  finished: string;
  rating: string;
}

const COLUMNS: Record<HistorySource, Columns> = {
  goodreads: {
    title: "Title",
    author: "Author",
    isbns: ["ISBN13", "ISBN"],
    shelf: "Exclusive Shelf",
    finished: "Date Read",
    rating: "My Rating",
  },
  storygraph: {
    title: "Title",
    author: "Authors",
    isbns: ["ISBN/UID"],
    shelf: "Read Status",
    finished: "Last Date Read",
    rating: "Star Rating",
  },
};

function detectSource(header: string[]): HistorySource | null {
  if (header.includes("Exclusive Shelf") && header.includes("Title")) return "goodreads";
  if (header.includes("Read Status") && header.includes("Title")) return "storygraph";
  return null;
}

/** Goodreads writes ISBNs as spreadsheet formulas (="0201616224") so that spreadsheets keep the leading zero. */
const unformula = (value: string) =>
  value
    .trim()
    .replace(/^="(.*)"$/s, "$1")
    .trim();

/** "2021/03/14" or "2021-03-14", checked to be a real day; "" is no date, anything else is a problem. */
function isoDay(value: string): string | null | "bad" {
  const text = value.trim();
  if (!text) return null;
  const m = text.match(/^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/);
  if (!m) return "bad";
  const [, y, mo, d] = m;
  const iso = `${y}-${mo?.padStart(2, "0")}-${d?.padStart(2, "0")}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? "bad" : iso;
}

/**
 * Stars (Goodreads: whole stars, 0 meaning unrated; the StoryGraph: quarter stars) to the nearest half star.
 * "" and 0 are no rating.
 */
function halfStarsOf(value: string): number | null | "bad" {
  const text = value.trim();
  if (!text) return null;
  const stars = Number(text);
  if (!Number.isFinite(stars) || stars < 0 || stars > 5) return "bad";
  return stars === 0 ? null : Math.max(1, Math.round(stars * 2));
}

function readRow(source: HistorySource, row: number, record: Record<string, string | undefined>): HistoryRow {
  const columns = COLUMNS[source];
  const get = (name: string) => record[name]?.trim() ?? "";
  const title = get(columns.title);
  // The StoryGraph lists every author in one cell, separated by commas; the first is enough to match.
  const author = source === "storygraph" ? (get(columns.author).split(",")[0]?.trim() ?? "") : get(columns.author);
  if (!title) return { ok: false, row, title, author, problem: "no-title" };
  const shelf = SHELVES[get(columns.shelf).toLowerCase()];
  if (!shelf) return { ok: false, row, title, author, problem: "unknown-shelf" };
  const finished = shelf === "read" ? isoDay(get(columns.finished)) : null;
  if (finished === "bad") return { ok: false, row, title, author, problem: "bad-date" };
  const halfStars = halfStarsOf(get(columns.rating));
  if (halfStars === "bad") return { ok: false, row, title, author, problem: "bad-rating" };
  const isbns = columns.isbns.map((name) => unformula(get(name))).filter(Boolean);
  return { ok: true, entry: { row, title, author, isbns, shelf, finishedOn: finished, halfStars } };
}

/** Parses the whole export; each row is an entry or a problem with its row number, so one bad row never stops the rest. */
export function parseReadingHistory(text: string): Result<{ source: HistorySource; rows: HistoryRow[] }, HistoryFileError> {
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      relax_column_count: true,
      // Goodreads has written ISBNs both as "=""0201616224""" and, unquoted, as ="0201616224".
      relax_quotes: true,
      skip_empty_lines: true,
    });
  } catch {
    return { ok: false, error: "unreadable" };
  }
  const [head, ...body] = records;
  if (!head) return { ok: false, error: "empty" };
  const header = head.map((h) => h.trim());
  const source = detectSource(header);
  if (!source) return { ok: false, error: "unknown-format" };
  if (body.length === 0) return { ok: false, error: "empty" };
  const rows = body.map((record, index) =>
    readRow(source, index + 2, Object.fromEntries(header.map((name, i) => [name, record[i]]))),
  );
  return { ok: true, value: { source, rows } };
}
