// The SQL of catalogue search: which works match (full text, or trigram similarity as a fallback), the
// facet counts of everything that matched, one keyset page of it, and the words a misspelling was closest to.
import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import type { ContributorRole, Format } from "../../db/schema/index.ts";
import type { Cursor, FacetName, SearchFilters, SortOrder } from "./search.schemas.ts";

/** How the words of a search select works. */
export type TextMatch =
  | { kind: "all" }
  /** Full-text search, the words parsed in both the unstemmed and the reader's language configuration. */
  | { kind: "fulltext"; q: string; config: string }
  /** Titles and contributor names that look like the words (pg_trgm), for when full text finds nothing. */
  | { kind: "approximate"; q: string };

/** How far apart a misspelling and the word it stands for may be (pg_trgm word similarity, 0..1). */
export const SIMILARITY_THRESHOLD = 0.3;

/**
 * The `<%` operator uses pg_trgm's threshold setting (and then the trigram indexes); it is lowered for
 * the current transaction only, so nothing else on the connection sees it.
 */
export async function lowerTrigramThreshold(tx: DbOrTx) {
  await tx.execute(sql`select set_config('pg_trgm.word_similarity_threshold', ${String(SIMILARITY_THRESHOLD)}, true)`);
}

interface MatchSql {
  /** Joined to `works w`. */
  join: SQL;
  where: SQL;
  score: SQL;
}

function matchSql(match: TextMatch): MatchSql {
  switch (match.kind) {
    case "all":
      return { join: sql``, where: sql`true`, score: sql`0::float8` };
    case "fulltext":
      return {
        join: sql`cross join (select websearch_to_tsquery('simple', unaccent(${match.q}))
                     || websearch_to_tsquery(${match.config}::regconfig, unaccent(${match.q})) as query) tq`,
        where: sql`w.search_document @@ tq.query`,
        score: sql`ts_rank_cd(w.search_document, tq.query)::float8`,
      };
    case "approximate":
      return {
        join: sql`join (
          select id, max(similarity)::float8 as score from (
            select w2.id, word_similarity(unaccent(${match.q}), w2.title) as similarity
              from works w2 where unaccent(${match.q}) <% w2.title
            union all
            select wc.work_id, word_similarity(unaccent(${match.q}), c.name)
              from contributors c join work_contributors wc on wc.contributor_id = c.id
              where unaccent(${match.q}) <% c.name
          ) candidates group by id
        ) fz on fz.id = w.id`,
        where: sql`true`,
        score: sql`fz.score`,
      };
  }
}

interface FacetDefinition {
  /** The condition a chosen value puts on `works w`, or undefined when the facet is not filtered. */
  condition(filters: SearchFilters): SQL | undefined;
  /** Rows (facet, value, count) over the `matched` works. */
  counts: SQL;
}

/**
 * Facets as data: each one filters and counts. The rating facet reads the reading module's ratings table
 * (half stars, 1–10) as a read model: bands are cumulative ("4 stars and up" includes the 5-star works).
 */
const FACETS: Record<FacetName, FacetDefinition> = {
  format: {
    condition: ({ format }) =>
      format === undefined
        ? undefined
        : sql`exists (select 1 from editions fe where fe.work_id = w.id and fe.format = ${format})`,
    // A work counts once per format it has an edition in.
    counts: sql`select 'format' as facet, e.format as value, count(distinct e.work_id)::int as count
      from editions e join matched m on m.id = e.work_id group by e.format`,
  },
  language: {
    condition: ({ language }) => (language === undefined ? undefined : sql`w.language = ${language}`),
    counts: sql`select 'language', m.language, count(*)::int from matched m group by m.language`,
  },
  subject: {
    // @> rather than = any(): the form a GIN index on subjects can serve.
    condition: ({ subject }) => (subject === undefined ? undefined : sql`w.subjects @> array[${subject}]::text[]`),
    // Each work's subjects made distinct before counting: cheaper than count(distinct), which sorts every pair.
    counts: sql`(select 'subject', s.subject, count(*)::int
      from matched m cross join lateral (select distinct unnest(m.subjects)) as s(subject)
      group by s.subject order by 3 desc, 2 limit 10)`,
  },
  rating: {
    condition: ({ rating }) =>
      rating === undefined ? undefined : sql`(select avg(r.half_stars) from ratings r where r.work_id = w.id) >= ${rating * 2}`,
    counts: sql`select 'rating', b.band::text, count(*)::int
      from (select m.id, avg(r.half_stars) / 2.0 as stars from matched m join ratings r on r.work_id = m.id group by m.id) a
      join (values (1), (2), (3), (4)) as b(band) on a.stars >= b.band
      group by b.band`,
  },
  decade: {
    condition: ({ decade }) =>
      decade === undefined ? undefined : sql`w.first_published_year between ${decade} and ${decade + 9}`,
    counts: sql`select 'decade', (m.first_published_year / 10 * 10)::text, count(*)::int from matched m
      where m.first_published_year is not null group by m.first_published_year / 10 * 10`,
  },
};

function filtersSql(filters: SearchFilters): SQL {
  const conditions = Object.values(FACETS).flatMap((f) => f.condition(filters) ?? []);
  return conditions.length ? sql.join(conditions, sql` and `) : sql`true`;
}

export interface FacetCount {
  value: string;
  count: number;
}
export type Facets = Record<FacetName, FacetCount[]>;

/** How many works match, and the facet counts over all of them (not just one page). */
export async function countAndFacets(db: DbOrTx, match: TextMatch, filters: SearchFilters) {
  const m = matchSql(match);
  const rows = await selectRows<{ facet: FacetName | "total"; value: string; count: number }>(
    db,
    sql`
    with matched as (
      select w.id, w.language, w.subjects, w.first_published_year from works w ${m.join}
      where ${m.where} and ${filtersSql(filters)}
    )
    select 'total' as facet, '' as value, count(*)::int as count from matched
    union all ${sql.join(
      Object.values(FACETS).map((f) => f.counts),
      sql` union all `,
    )}`,
  );
  const facets: Facets = { format: [], language: [], subject: [], decade: [], rating: [] };
  let total = 0;
  for (const row of rows) {
    if (row.facet === "total") total = row.count;
    else facets[row.facet].push({ value: row.value, count: row.count });
  }
  const byCount = (a: FacetCount, b: FacetCount) => b.count - a.count || a.value.localeCompare(b.value);
  facets.format.sort(byCount);
  facets.language.sort(byCount);
  facets.subject.sort(byCount);
  facets.decade.sort((a, b) => Number(a.value) - Number(b.value));
  facets.rating.sort((a, b) => Number(b.value) - Number(a.value));
  return { total, facets };
}

/** Unknown years sort after the known ones, whichever way the years go. */
const YEAR_UNKNOWN = { newest: -1, oldest: 10_000 } as const;

interface SortSql {
  key: SQL;
  direction: "asc" | "desc";
  /** The cast a cursor's key needs to compare with `key`. */
  cast: SQL;
}

function sortSql(sort: SortOrder, score: SQL): SortSql {
  switch (sort) {
    case "relevance":
      return { key: score, direction: "desc", cast: sql`float8` };
    case "title":
      return { key: sql`w.sort_title`, direction: "asc", cast: sql`text` };
    case "newest":
      return { key: sql`coalesce(w.first_published_year, ${YEAR_UNKNOWN.newest})`, direction: "desc", cast: sql`int` };
    case "oldest":
      return { key: sql`coalesce(w.first_published_year, ${YEAR_UNKNOWN.oldest})`, direction: "asc", cast: sql`int` };
  }
}

export interface PageRequest {
  sort: SortOrder;
  /** Rows after this one (forward) or before it (backward); neither: the first page. */
  cursor?: { at: Cursor; direction: "forward" | "backward" } | undefined;
  limit: number;
}

export interface HitRow {
  id: string;
  title: string;
  subtitle: string;
  year: number | null;
  language: string;
  sortKey: number | string;
  contributors: { name: string; role: ContributorRole }[];
  formats: Format[];
}

/**
 * One page in keyset order: the sort key, then the id to break ties (ascending either way). Going backward
 * reads the same order reversed; the caller turns the rows round again.
 */
export async function pageOfHits(db: DbOrTx, match: TextMatch, filters: SearchFilters, page: PageRequest): Promise<HitRow[]> {
  const m = matchSql(match);
  const s = sortSql(page.sort, m.score);
  const backward = page.cursor?.direction === "backward";
  const keyDirection = (s.direction === "asc") !== backward ? sql`asc` : sql`desc`;
  const idDirection = backward ? sql`desc` : sql`asc`;
  const seek = page.cursor ? seekSql(s, page.cursor.at, backward) : sql`true`;
  return selectRows<HitRow>(
    db,
    sql`
    select p.id, p.title, p.subtitle, p.year, p.language, p.sort_key as "sortKey",
      ${contributorsJson(sql`p.id`)} as contributors,
      (select coalesce(json_agg(distinct e.format), '[]'::json) from editions e where e.work_id = p.id) as formats
    from (
      select w.id, w.title, w.subtitle, w.first_published_year as year, w.language, ${s.key} as sort_key
      from works w ${m.join}
      where ${m.where} and ${filtersSql(filters)} and ${seek}
      order by sort_key ${keyDirection}, w.id ${idDirection}
      limit ${page.limit}
    ) p
    order by p.sort_key ${keyDirection}, p.id ${idDirection}`,
  );
}

/** Rows strictly beyond the cursor in the direction of travel. */
function seekSql(s: SortSql, at: Cursor, backward: boolean): SQL {
  const key = sql`(${at.key})::${s.cast}`;
  const beyond = (s.direction === "asc") !== backward ? sql`>` : sql`<`;
  const idBeyond = backward ? sql`<` : sql`>`;
  return sql`(${s.key} ${beyond} ${key} or (${s.key} = ${key} and w.id ${idBeyond} ${at.id}))`;
}

/** A work's contributors as JSON [{name, role}], in catalogue order. */
export const contributorsJson = (workId: SQL) => sql`(
  select coalesce(json_agg(json_build_object('name', c.name, 'role', wc.role) order by wc.position, c.name), '[]'::json)
  from work_contributors wc join contributors c on c.id = wc.contributor_id where wc.work_id = ${workId})`;

/**
 * For each word: itself when the unstemmed part of the search documents (titles, names, series, tags) has
 * it as typed (a stem would pass "programer" for "programming"); otherwise the closest word of any title or
 * contributor name; null when nothing is close enough. Needs lowerTrigramThreshold in the same transaction.
 */
export async function closestWords(db: DbOrTx, words: string[]): Promise<(string | null)[]> {
  if (words.length === 0) return [];
  const list = sql.join(
    words.map((word, i) => sql`(${i}, ${word})`),
    sql`, `,
  );
  const rows = await selectRows<{ pos: number; word: string | null }>(
    db,
    sql`
      select q.pos::int as pos, coalesce(known.word, near.word) as word
      from (values ${list}) as q(pos, word)
      left join lateral (
        select q.word as word
        where exists (select 1 from works w where w.search_document @@ plainto_tsquery('simple', q.word))
      ) known on true
      left join lateral (
        select token as word from (
          select regexp_split_to_table(lower(unaccent(w.title)), '[[:space:][:punct:]]+') as token
            from works w where q.word <% w.title
          union
          select regexp_split_to_table(lower(unaccent(c.name)), '[[:space:][:punct:]]+')
            from contributors c where q.word <% c.name
        ) tokens
        where known.word is null and length(token) >= 3 and similarity(token, q.word) >= ${SIMILARITY_THRESHOLD}
        order by similarity(token, q.word) desc, token
        limit 1
      ) near on true`,
  );
  const found = new Map(rows.map((r) => [r.pos, r.word]));
  return words.map((_, i) => found.get(i) ?? null);
}

/** The rows of a raw query: db.execute answers an array on postgres-js and { rows } on PGlite. */
export async function selectRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
