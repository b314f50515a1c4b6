import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";

/**
 * Rebuilds the search document of the given works: title (weight A) stemmed in the work's own language
 * and also unstemmed, contributors and series (B), subjects (C). Accents are removed on both sides of
 * the match. Called after anything that changes what a work is found by.
 */
export async function refreshSearchDocuments(db: DbOrTx, workIds: string[]) {
  if (workIds.length === 0) return;
  await db.execute(sql`
    update works w set search_document =
        setweight(to_tsvector(w.search_config::regconfig, unaccent(w.title || ' ' || w.subtitle)), 'A')
      || setweight(to_tsvector('simple', unaccent(w.title || ' ' || w.subtitle)), 'A')
      || setweight(to_tsvector('simple', unaccent(coalesce(names.text, '') || ' ' || w.series_title)), 'B')
      || setweight(to_tsvector(w.search_config::regconfig, unaccent(array_to_string(w.subjects, ' '))), 'C')
    from (
      select w2.id, (select string_agg(c.name, ' ') from work_contributors wc join contributors c on c.id = wc.contributor_id
                      where wc.work_id = w2.id) as text
      from works w2 where w2.id in ${workIds}
    ) names
    where w.id = names.id`);
}
