import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";

/**
 * Rebuilds the search document of the given works: title (weight A) stemmed in the work's own language
 * and also unstemmed, contributors and series (B), subjects (C), patrons' public tags (D, unstemmed: they
 * are in any language, and a merged tag counts as the tag it was merged into; private and blocked tags are
 * never searchable). Accents are removed on both sides of the match. Called after anything that changes
 * what a work is found by, tags included.
 */
export async function refreshSearchDocuments(db: DbOrTx, workIds: string[]) {
  if (workIds.length === 0) return;
  await db.execute(sql`
    update works w set search_document =
        setweight(to_tsvector(w.search_config::regconfig, unaccent(w.title || ' ' || w.subtitle)), 'A')
      || setweight(to_tsvector('simple', unaccent(w.title || ' ' || w.subtitle)), 'A')
      || setweight(to_tsvector('simple', unaccent(coalesce(names.text, '') || ' ' || w.series_title)), 'B')
      || setweight(to_tsvector(w.search_config::regconfig, unaccent(array_to_string(w.subjects, ' '))), 'C')
      || setweight(to_tsvector('simple', unaccent(coalesce(names.tags, ''))), 'D')
    from (
      select w2.id, (select string_agg(c.name, ' ') from work_contributors wc join contributors c on c.id = wc.contributor_id
                      where wc.work_id = w2.id) as text,
             (select string_agg(distinct shown.name, ' ') from work_tags wt join tags t on t.id = wt.tag_id
                join tags shown on shown.id = coalesce(t.merged_into_id, t.id)
                where wt.work_id = w2.id and not wt.private and t.blocked_at is null and shown.blocked_at is null) as tags
      from works w2 where w2.id in ${workIds}
    ) names
    where w.id = names.id`);
}
