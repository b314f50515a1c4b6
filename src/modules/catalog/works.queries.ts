// The record page's read model: one work with its contributors and editions, and the works most like it.
import { asc, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import { type ContributorRole, contributors, editions, type Format, workContributors, works } from "../../db/schema/index.ts";
import { contributorsJson, selectRows } from "./search.queries.ts";

export interface WorkEdition {
  id: string;
  format: Format;
  title: string;
  editionStatement: string;
  publisher: string;
  publishedYear: number | null;
  extent: string;
  isbn13: string | null;
  isbn10: string | null;
  controlNumber: string | null;
}

export interface WorkDetail {
  id: string;
  title: string;
  subtitle: string;
  summary: string;
  seriesTitle: string;
  language: string;
  subjects: string[];
  firstPublishedYear: number | null;
  coverPath: string | null;
  updatedAt: Date;
  contributors: { name: string; role: ContributorRole }[];
  /** Newest first; editions without a year last. */
  editions: WorkEdition[];
}

export async function findWork(db: DbOrTx, id: string): Promise<WorkDetail | null> {
  const [work] = await db
    .select({
      id: works.id,
      title: works.title,
      subtitle: works.subtitle,
      summary: works.summary,
      seriesTitle: works.seriesTitle,
      language: works.language,
      subjects: works.subjects,
      firstPublishedYear: works.firstPublishedYear,
      coverPath: works.coverPath,
      updatedAt: works.updatedAt,
    })
    .from(works)
    .where(eq(works.id, id));
  if (!work) return null;
  const people = await db
    .select({ name: contributors.name, role: workContributors.role })
    .from(workContributors)
    .innerJoin(contributors, eq(contributors.id, workContributors.contributorId))
    .where(eq(workContributors.workId, id))
    .orderBy(asc(workContributors.position), asc(contributors.name));
  const editionRows = await db
    .select({
      id: editions.id,
      format: editions.format,
      title: editions.title,
      editionStatement: editions.editionStatement,
      publisher: editions.publisher,
      publishedYear: editions.publishedYear,
      extent: editions.extent,
      isbn13: editions.isbn13,
      isbn10: editions.isbn10,
      controlNumber: editions.controlNumber,
    })
    .from(editions)
    .where(eq(editions.workId, id))
    .orderBy(sql`${editions.publishedYear} desc nulls last`, desc(editions.id));
  return { ...work, contributors: people, editions: editionRows };
}

export interface RelatedWork {
  id: string;
  title: string;
  year: number | null;
  contributors: { name: string; role: ContributorRole }[];
}

/** A shared contributor says more about likeness than one shared subject heading does. */
const CONTRIBUTOR_WEIGHT = 2;
/**
 * At most this many works sharing a subject (or a contributor) are scored. Broad headings ("Fiction") are
 * shared by a large part of a catalogue; scoring them all made the record page cost a scan of the catalogue.
 */
const CANDIDATES = 500;

/** "More like this": the works sharing most subjects and contributors with this one, best first. */
export async function similarWorks(db: DbOrTx, id: string, limit = 6): Promise<RelatedWork[]> {
  return selectRows<RelatedWork>(
    db,
    sql`
    with me as (select id, subjects from works where id = ${id}),
    shared_people as (
      select work_id, count(distinct contributor_id)::int as n
      from (
        select other.work_id, other.contributor_id
        from work_contributors mine join work_contributors other on other.contributor_id = mine.contributor_id
        where mine.work_id = ${id} and other.work_id <> ${id}
        limit ${CANDIDATES}
      ) pairs
      group by work_id
    ),
    shared_subjects as (
      select c.id as work_id, cardinality(array(select unnest(c.subjects) intersect select unnest(me.subjects)))::int as n
      from me, lateral (
        select w.id, w.subjects from works w where w.subjects && me.subjects and w.id <> me.id limit ${CANDIDATES}
      ) c
    ),
    scored as (
      select coalesce(s.work_id, p.work_id) as work_id,
        coalesce(s.n, 0) + ${CONTRIBUTOR_WEIGHT} * coalesce(p.n, 0) as score
      from shared_subjects s full join shared_people p on p.work_id = s.work_id
    )
    select w.id, w.title, w.first_published_year as year, ${contributorsJson(sql`w.id`)} as contributors
    from scored join works w on w.id = scored.work_id
    order by scored.score desc, w.sort_title, w.id
    limit ${limit}`,
  );
}
