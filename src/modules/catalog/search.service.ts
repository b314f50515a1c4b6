// Catalogue search as patrons and API clients see it: full-text search in the reader's language; when that
// finds nothing, the same search with each word replaced by the closest catalogue word, then titles and names
// that merely look alike; "did you mean" when little is found; facet counts; keyset pages with opaque cursors.
import type { DbOrTx } from "../../db/index.ts";
import type { ContributorRole, Format } from "../../db/schema/index.ts";
import type { Locale } from "../../i18n/index.ts";
import { normalizeForKey } from "./catalog-record.ts";
import {
  closestWords,
  countAndFacets,
  type Facets,
  type HitRow,
  lowerTrigramThreshold,
  type PageRequest,
  pageOfHits,
  type TextMatch,
} from "./search.queries.ts";
import { encodeCursor, type SearchRequest, type SortOrder } from "./search.schemas.ts";

/** The stemming of the reader's language, used beside the unstemmed 'simple' parse of the same words. */
const READER_CONFIGS: Record<Locale, string> = { en: "english", es: "spanish" };
/** Below this many results a search also offers the words it may have meant. */
const FEW_RESULTS = 3;
/** Shorter words have too few trigrams to be matched to anything reliably. */
const MIN_CORRECTABLE = 3;
const MAX_CORRECTED_WORDS = 8;

export interface SearchHit {
  id: string;
  title: string;
  subtitle: string;
  year: number | null;
  language: string;
  contributors: { name: string; role: ContributorRole }[];
  formats: Format[];
}

/**
 * How the words found what was found: "all" without words; "fulltext" as typed; "corrected" when nothing
 * matched as typed but did once each word was replaced by the closest catalogue word; "approximate" when
 * even that found nothing and titles and names that merely look like the words are shown.
 */
export const SEARCH_MATCHES = ["all", "fulltext", "corrected", "approximate"] as const;
export type SearchMatch = (typeof SEARCH_MATCHES)[number];

export interface SearchResult {
  q: string;
  sort: SortOrder;
  match: SearchMatch;
  /** The words searched for instead of q, when the match is "corrected". */
  correctedTo: string | null;
  /** Closer catalogue words for a search that found little, offered rather than applied. */
  didYouMean: string | null;
  total: number;
  hits: SearchHit[];
  facets: Facets;
  /** Cursors for the neighbouring pages (`after` and `before`), null at either end. */
  next: string | null;
  previous: string | null;
}

export type { FacetCount, Facets } from "./search.queries.ts";

/** Lower-case, accents removed, split on anything but letters and digits. */
const wordsOf = (q: string) => normalizeForKey(q).split(" ").filter(Boolean);

export async function searchCatalog(db: DbOrTx, request: SearchRequest, locale: Locale): Promise<SearchResult> {
  const words = wordsOf(request.q);
  // One transaction: the trigram threshold is set for it alone, and count and page see the same catalogue.
  return db.transaction(async (tx) => {
    const summarize = (text: TextMatch) => countAndFacets(tx, text, request.filters);
    const respond = async (
      match: SearchMatch,
      text: TextMatch,
      summary: Awaited<ReturnType<typeof summarize>>,
      hints: { correctedTo?: string; didYouMean?: string | null } = {},
    ): Promise<SearchResult> => ({
      q: request.q,
      sort: request.sort,
      match,
      correctedTo: hints.correctedTo ?? null,
      didYouMean: hints.didYouMean ?? null,
      ...summary,
      ...(await readPage(tx, text, request)),
    });

    if (words.length === 0) {
      const all: TextMatch = { kind: "all" };
      return respond("all", all, await summarize(all));
    }
    await lowerTrigramThreshold(tx);
    const config = READER_CONFIGS[locale];
    const typed: TextMatch = { kind: "fulltext", q: request.q, config };
    const typedSummary = await summarize(typed);
    const correction = typedSummary.total < FEW_RESULTS ? await correctedQuery(tx, words) : null;
    if (typedSummary.total > 0) return respond("fulltext", typed, typedSummary, { didYouMean: correction });
    if (correction) {
      const fixed: TextMatch = { kind: "fulltext", q: correction, config };
      const fixedSummary = await summarize(fixed);
      if (fixedSummary.total > 0) return respond("corrected", fixed, fixedSummary, { correctedTo: correction });
    }
    const approximate: TextMatch = { kind: "approximate", q: request.q };
    return respond("approximate", approximate, await summarize(approximate));
  });
}

async function readPage(tx: DbOrTx, match: TextMatch, request: SearchRequest) {
  const cursor: PageRequest["cursor"] = request.before
    ? { at: request.before, direction: "backward" }
    : request.after
      ? { at: request.after, direction: "forward" }
      : undefined;
  // One row more than the page says whether the page has a neighbour in the direction of travel.
  const rows = await pageOfHits(tx, match, request.filters, { sort: request.sort, cursor, limit: request.size + 1 });
  const beyond = rows.length > request.size;
  const page = rows.slice(0, request.size);
  const backward = cursor?.direction === "backward";
  if (backward) page.reverse(); // read nearest-first, shown in order
  const cursorAt = (row: HitRow | undefined) => (row ? encodeCursor({ sort: request.sort, key: row.sortKey, id: row.id }) : null);
  // An empty page (a stale cursor past either end) has no neighbours to point at.
  return {
    hits: page.map(toHit),
    previous: (backward ? beyond : cursor !== undefined) ? cursorAt(page[0]) : null,
    next: backward || beyond ? cursorAt(page.at(-1)) : null,
  };
}

const toHit = ({ sortKey: _sortKey, ...hit }: HitRow): SearchHit => hit;

async function correctedQuery(tx: DbOrTx, words: string[]): Promise<string | null> {
  const correctable = words.filter((w) => w.length >= MIN_CORRECTABLE).slice(0, MAX_CORRECTED_WORDS);
  const closest = await closestWords(tx, correctable);
  const replacement = new Map(correctable.map((w, i) => [w, closest[i] ?? w]));
  const corrected = words.map((w) => replacement.get(w) ?? w).join(" ");
  return corrected === words.join(" ") ? null : corrected;
}
