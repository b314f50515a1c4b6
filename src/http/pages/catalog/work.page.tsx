// The record page of a work: bibliographic details, cover, editions, the link into the library's own
// catalogue, works like it, and schema.org Book data in the head.
import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { catalogLink, type RelatedWork, type WorkDetail } from "../../../modules/catalog/index.ts";
import type { AppContext } from "../../context.ts";
import { Layout } from "../layout.tsx";
import { bookJsonLd, jsonLdText } from "./book-json-ld.ts";
import { formatLabel, languageName, roleLabel } from "./catalog-labels.ts";
import { searchHref } from "./search-links.ts";
import { coverPath, workPath } from "./work-paths.ts";

/** `community` is what patrons make of the work (ratings, reviews, tags, shelves and lists), rendered by the caller. */
export function workPage(c: AppContext, baseUrl: string, work: WorkDetail, related: RelatedWork[], community?: Child) {
  const t = c.var.tr.t;
  const base = baseUrl;
  const jsonLd = bookJsonLd(work, { page: `${base}${workPath(work.id)}`, cover: `${base}${coverPath(work)}` });
  const head = (
    <>
      <link rel="canonical" href={`${base}${workPath(work.id)}`} />
      <script type="application/ld+json">{raw(jsonLdText(jsonLd))}</script>
    </>
  );
  const link = catalogLink(c.var.library.catalogLinkTemplate, work.title, work.editions);
  return c.html(
    <>
      {raw("<!doctype html>")}
      <Layout c={c} title={work.title} head={head}>
        <div class="work-header">
          <img
            class="work-cover"
            src={coverPath(work)}
            alt={t("catalog.cover.label", { title: work.title })}
            width={200}
            height={300}
          />
          <div class="work-heading">
            <h1>{work.title}</h1>
            {work.subtitle && <p class="work-subtitle">{work.subtitle}</p>}
            {work.contributors.length > 0 && (
              <p class="work-by">
                {work.contributors
                  .map((p) => t("catalog.work.contributor", { name: p.name, role: roleLabel(c.var.tr, p.role) }))
                  .join("; ")}
              </p>
            )}
            {link && (
              <p>
                <a class="button" href={link}>
                  {t("catalog.work.findIt")}
                </a>
              </p>
            )}
          </div>
        </div>
        {work.summary && (
          <section aria-labelledby="work-summary">
            <h2 id="work-summary">{t("catalog.work.summary")}</h2>
            <p>{work.summary}</p>
          </section>
        )}
        <WorkDetails c={c} work={work} />
        <Editions c={c} work={work} />
        {community}
        <Related c={c} related={related} />
      </Layout>
    </>,
  );
}

function WorkDetails({ c, work }: { c: AppContext; work: WorkDetail }) {
  const tr = c.var.tr;
  const t = tr.t;
  return (
    <section aria-labelledby="work-details">
      <h2 id="work-details">{t("catalog.work.details")}</h2>
      <dl class="details">
        {work.contributors.length > 0 && (
          <>
            <dt>{t("catalog.work.contributors")}</dt>
            <dd>
              <ul class="plain-list">
                {work.contributors.map((p) => (
                  <li>
                    <a href={searchHref({ q: p.name })}>{p.name}</a> ({roleLabel(tr, p.role)})
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        <dt>{t("catalog.work.language")}</dt>
        <dd>{languageName(tr, work.language)}</dd>
        {work.seriesTitle && (
          <>
            <dt>{t("catalog.work.series")}</dt>
            <dd>{work.seriesTitle}</dd>
          </>
        )}
        {work.firstPublishedYear !== null && (
          <>
            <dt>{t("catalog.work.firstPublished")}</dt>
            <dd>{String(work.firstPublishedYear)}</dd>
          </>
        )}
        {work.subjects.length > 0 && (
          <>
            <dt>{t("catalog.work.subjects")}</dt>
            <dd>
              <ul class="plain-list">
                {work.subjects.map((subject) => (
                  <li>
                    <a href={searchHref({ subject })}>{subject}</a>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

function Editions({ c, work }: { c: AppContext; work: WorkDetail }) {
  const tr = c.var.tr;
  const t = tr.t;
  const none = <span class="muted">{t("catalog.edition.none")}</span>;
  return (
    <section aria-labelledby="work-editions">
      <h2 id="work-editions">{t("catalog.work.editions")}</h2>
      {/* A named, focusable region, so that keyboard users can scroll the table on a narrow screen. */}
      <section class="table-scroll" aria-labelledby="editions-caption" tabindex={0}>
        <table>
          <caption id="editions-caption">{t("catalog.work.editions.caption", { title: work.title })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("catalog.edition.format")}</th>
              <th scope="col">{t("catalog.edition.publisher")}</th>
              <th scope="col">{t("catalog.edition.year")}</th>
              <th scope="col">{t("catalog.edition.extent")}</th>
              <th scope="col">{t("catalog.edition.isbn")}</th>
            </tr>
          </thead>
          <tbody>
            {work.editions.map((e) => (
              <tr>
                <td>
                  {formatLabel(tr, e.format)}
                  {e.editionStatement && <span class="muted"> ({e.editionStatement})</span>}
                </td>
                <td>{e.publisher || none}</td>
                <td>{e.publishedYear === null ? none : String(e.publishedYear)}</td>
                <td>{e.extent || none}</td>
                <td>{e.isbn13 ?? e.isbn10 ?? none}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}

const relatedFacts = (r: RelatedWork) =>
  [r.contributors[0]?.name, r.year === null ? undefined : String(r.year)].filter(Boolean).join(", ");

function Related({ c, related }: { c: AppContext; related: RelatedWork[] }) {
  const t = c.var.tr.t;
  if (related.length === 0) return null;
  return (
    <section aria-labelledby="work-related">
      <h2 id="work-related">{t("catalog.work.related")}</h2>
      <ul class="related">
        {related.map((r) => (
          <li>
            <a href={workPath(r.id)}>{r.title}</a>
            {relatedFacts(r) && <span class="muted"> ({relatedFacts(r)})</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
