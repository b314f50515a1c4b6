// A generated catalogue for the record-page and search benchmarks: works with authors, editions and search
// documents, readers, and their ratings and reviews (nine ratings for every review). Built with set-based
// SQL so that 100,000 works and 500,000 ratings and reviews take a minute or two, not an hour.
import { sql } from "drizzle-orm";
import type { Database } from "../src/db/index.ts";
import { refreshSearchDocuments } from "../src/modules/catalog/index.ts";
import { SUBJECTS, WORDS } from "./marc-writer.ts";

const arrayLiteral = (items: string[]) => `array[${items.map((w) => `'${w.replace(/'/g, "''")}'`).join(",")}]`;

export async function generateCatalogue(database: Database, works: number, ratingsAndReviews: number, log: (m: string) => void) {
  const started = Date.now();
  const authors = Math.max(10, Math.floor(works / 4));
  const readers = Math.max(100, Math.floor(ratingsAndReviews / 25));
  const reviews = Math.floor(ratingsAndReviews / 10);
  const ratings = ratingsAndReviews - reviews;
  const step = async (label: string, statement: string) => {
    const t = Date.now();
    await database.rows(sql.raw(statement));
    log(`  ${label} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  };
  log(
    `Generating ${works.toLocaleString("en")} works, ${ratings.toLocaleString("en")} ratings and ${reviews.toLocaleString("en")} reviews by ${readers.toLocaleString("en")} readers`,
  );
  await step(
    "contributors",
    `insert into contributors (id, name, sort_name)
    select gen_random_uuid(), 'Author ' || (${arrayLiteral(WORDS)})[1 + i % 20] || ' ' || i, 'author ' || i from generate_series(1, ${authors}) i`,
  );
  await step(
    "works",
    `insert into works (id, work_key, title, sort_title, language, search_config, subjects, first_published_year, summary)
    select gen_random_uuid(), 'bench|' || i, t.title, lower(t.title),
      case when i % 10 = 0 then 'spa' else 'eng' end, case when i % 10 = 0 then 'spanish' else 'english' end,
      array[(${arrayLiteral(SUBJECTS)})[1 + i % 10], (${arrayLiteral(SUBJECTS)})[1 + (i / 10) % 10]], 1900 + i % 125,
      'A generated work for benchmarks.'
    from generate_series(1, ${works}) i
    cross join lateral (select initcap((${arrayLiteral(WORDS)})[1 + (i * 7) % 20]) || ' ' || (${arrayLiteral(WORDS)})[1 + (i * 13) % 20]
      || ' of the ' || (${arrayLiteral(WORDS)})[1 + (i * 3) % 20] || ' ' || i as title) t`,
  );
  await step(
    "authorship",
    `with w as (select id, row_number() over (order by id) rn from works where work_key like 'bench|%'),
    c as (select id, row_number() over (order by id) rn from contributors where name like 'Author %')
    insert into work_contributors (work_id, contributor_id, role, position) select w.id, c.id, 'author', 0 from w join c on c.rn = 1 + w.rn % ${authors}`,
  );
  await step(
    "editions",
    `insert into editions (id, work_id, source_key, format, title, publisher, published_year, language, source, content_hash)
    select gen_random_uuid(), id, 'bench:' || id, (array['book','book','book','ebook','audiobook'])[1 + abs(hashtext(id::text)) % 5],
      title, 'Example Press', first_published_year, language, '{}'::jsonb, 'bench' from works where work_key like 'bench|%'`,
  );
  const ids = (await database.rows<{ id: string }>(sql`select id from works where work_key like 'bench|%'`)).map((r) => r.id);
  const t = Date.now();
  for (let i = 0; i < ids.length; i += 5000) await refreshSearchDocuments(database.db, ids.slice(i, i + 5000));
  log(`  search documents (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  await step(
    "readers",
    `insert into users (id, email, password_hash, display_name, email_verified_at, profile_visibility)
    select gen_random_uuid(), 'reader' || i || '@bench.example', 'not-a-usable-hash', 'Reader ' || i, now(), 'public' from generate_series(1, ${readers}) i`,
  );
  const pairs = (table: string, count: number, factor: number, columns: string, values: string) =>
    `with u as (select id, row_number() over (order by id) rn from users where email like '%@bench.example'),
      w as (select id, row_number() over (order by id) rn from works where work_key like 'bench|%')
     insert into ${table} (${columns}) select ${values} from generate_series(1, ${count}) g
       join u on u.rn = 1 + g % ${readers} join w on w.rn = 1 + (g::bigint * ${factor}) % ${works}
     on conflict do nothing`;
  await step("ratings", pairs("ratings", ratings, 7919, "user_id, work_id, half_stars", "u.id, w.id, 1 + g % 10"));
  await step(
    "reviews",
    pairs(
      "reviews",
      reviews,
      104_729,
      "id, user_id, work_id, title, body, visibility",
      "gen_random_uuid(), u.id, w.id, 'Review ' || g, 'A *generated* review with some **markdown** in it.', 'public'",
    ),
  );
  await database.rows(sql`analyze`);
  log(`Catalogue ready in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  const sample = await database.rows<{ id: string }>(
    sql`select id from works where work_key like 'bench|%' order by random() limit 200`,
  );
  return { workIds: sample.map((r) => r.id), searchTerms: [...WORDS, "river garden", "winter letters", "librari", "mountian"] };
}
