// The search page: a form, the result count (announced), facets as plain links, the results and links to
// the neighbouring pages. Everything works without JavaScript; every link is an ordinary GET address.
import type { Child } from "hono/jsx";
import type { Format } from "../../../db/schema/index.ts";
import type { MessageKey } from "../../../i18n/index.ts";
import {
  type FacetCount,
  type FacetName,
  hasWords,
  type SearchHit,
  type SearchResult,
  SORTS,
} from "../../../modules/catalog/index.ts";
import type { AppContext } from "../../context.ts";
import type { FieldProblem } from "../../problem.ts";
import { Field, Select } from "../components/form.tsx";
import { render } from "../layout.tsx";
import { decadeLabel, formatLabel, languageName, plural } from "./catalog-labels.ts";
import { activeFilters, firstPage, type SearchLinkParams, searchHref } from "./search-links.ts";

export type SearchView =
  | { kind: "result"; params: SearchLinkParams; result: SearchResult }
  | { kind: "invalid"; params: SearchLinkParams; problems: FieldProblem[] };

export function searchPage(c: AppContext, view: SearchView) {
  const t = c.var.tr.t;
  const q = view.params.q ?? "";
  const heading = hasWords(q) ? t("catalog.search.heading", { q }) : t("catalog.search.browseHeading");
  return render(
    c,
    heading,
    <>
      <h1>{heading}</h1>
      <SearchForm c={c} params={view.params} />
      {view.kind === "invalid" ? (
        <InvalidSearch c={c} problems={view.problems} />
      ) : (
        <Results c={c} params={view.params} result={view.result} />
      )}
    </>,
    view.kind === "invalid" ? 400 : 200,
  );
}

function SearchForm({ c, params }: { c: AppContext; params: SearchLinkParams }) {
  const t = c.var.tr.t;
  const q = params.q ?? "";
  // Without words there is nothing to rank by, so browsing offers the other orders only.
  const sorts = SORTS.filter((s) => s !== "relevance" || hasWords(q));
  const sort = params.sort === "relevance" && !hasWords(q) ? "title" : params.sort;
  return (
    // biome-ignore lint/a11y/useSemanticElements: browsers before 2023 expose no landmark for <search>; the role on the form works in all
    <form method="get" action="/search" role="search" aria-label={t("catalog.search.form.label")} class="search-form">
      <Field c={c} name="q" type="search" label={t("catalog.search.q")} hint={t("catalog.search.q.hint")} value={q} />
      <Select
        c={c}
        name="sort"
        label={t("catalog.search.sort")}
        options={sorts.map((s) => ({ value: s, label: t(`catalog.sort.${s}`) }))}
        value={sort}
      />
      {/* The chosen filters stay on when the words or the order change; each can be removed below. */}
      {activeFilters(params).map(({ facet, value }) => (
        <input type="hidden" name={facet} value={value} />
      ))}
      <button type="submit">{t("catalog.search.submit")}</button>
    </form>
  );
}

function InvalidSearch({ c, problems }: { c: AppContext; problems: FieldProblem[] }) {
  const t = c.var.tr.t;
  return (
    <div class="notice notice-warning" role="status">
      <p>{t("catalog.search.invalid")}</p>
      <ul>
        {problems.map((p) => (
          <li>{t("catalog.search.invalid.item", { param: paramLabel(c, p.field), message: p.message })}</li>
        ))}
      </ul>
      <p>
        <a href="/search">{t("catalog.search.startAgain")}</a>
      </p>
    </div>
  );
}

const PARAMS = ["q", "format", "language", "subject", "decade", "rating", "sort", "size", "after", "before"];
const paramLabel = (c: AppContext, field: string) =>
  PARAMS.includes(field) ? c.var.tr.t(`catalog.param.${field}` as MessageKey) : field;

function Results({ c, params, result }: { c: AppContext; params: SearchLinkParams; result: SearchResult }) {
  return (
    <>
      <ResultSummary c={c} params={params} result={result} />
      <div class="search-layout">
        <FacetNav c={c} params={params} result={result} />
        <section aria-labelledby="results-heading" class="search-results">
          <h2 id="results-heading" class="visually-hidden">
            {c.var.tr.t("catalog.search.results")}
          </h2>
          {result.hits.length > 0 ? (
            <ol class="results">
              {result.hits.map((hit) => (
                <ResultItem c={c} hit={hit} />
              ))}
            </ol>
          ) : (
            <NoResults c={c} params={params} total={result.total} />
          )}
          <Pagination c={c} params={params} result={result} />
        </section>
      </div>
    </>
  );
}

/** Puts a link (or any element) where a message has its {name} placeholder, whatever the word order. */
function withElement(text: string, name: string, element: Child): Child {
  const [before = "", after = ""] = text.split(`{${name}}`);
  return (
    <>
      {before}
      {element}
      {after}
    </>
  );
}

function ResultSummary({ c, params, result }: { c: AppContext; params: SearchLinkParams; result: SearchResult }) {
  const tr = c.var.tr;
  const q = result.q;
  const count =
    result.match === "all"
      ? plural(tr, "catalog.search.browseCount", result.total)
      : plural(tr, "catalog.search.count", result.total, { q: result.correctedTo ?? q });
  return (
    <div role="status" class="search-summary">
      <p class="search-count">{count}</p>
      {result.match === "corrected" && <p>{tr.t("catalog.search.corrected", { q, corrected: result.correctedTo ?? "" })}</p>}
      {result.match === "approximate" && result.total > 0 && <p>{tr.t("catalog.search.approximate", { q })}</p>}
      {result.didYouMean && (
        <p class="did-you-mean">
          {withElement(
            tr.t("catalog.search.didYouMean"),
            "suggestion",
            <a href={searchHref({ ...firstPage(params), q: result.didYouMean })}>{result.didYouMean}</a>,
          )}
        </p>
      )}
    </div>
  );
}

function ResultItem({ c, hit }: { c: AppContext; hit: SearchHit }) {
  const tr = c.var.tr;
  const names = hit.contributors.slice(0, 3).map((p) => p.name);
  if (hit.contributors.length > 3) names.push(tr.t("catalog.result.more", { count: hit.contributors.length - 3 }));
  return (
    <li class="result">
      <h3 class="result-title">
        <a href={`/works/${hit.id}`}>{hit.title}</a>
        {hit.subtitle && <span class="result-subtitle">{tr.t("catalog.subtitle", { subtitle: hit.subtitle })}</span>}
      </h3>
      <ul class="result-facts">
        {names.length > 0 && <li>{names.join("; ")}</li>}
        {hit.year !== null && <li>{String(hit.year)}</li>}
        {hit.formats.length > 0 && <li>{hit.formats.map((f) => formatLabel(tr, f)).join(", ")}</li>}
      </ul>
    </li>
  );
}

function NoResults({ c, params, total }: { c: AppContext; params: SearchLinkParams; total: number }) {
  const t = c.var.tr.t;
  // A cursor past the end (the catalogue changed since the link was made) finds nothing of what still matches.
  if (total > 0) {
    return (
      <p>
        {t("catalog.search.pageGone")} <a href={searchHref(firstPage(params))}>{t("catalog.search.firstPage")}</a>
      </p>
    );
  }
  const filtered = activeFilters(params).length > 0;
  return (
    <div class="no-results">
      <p>{t("catalog.search.none")}</p>
      <p>{t("catalog.search.tips")}</p>
      <ul>
        <li>{t("catalog.search.tips.spelling")}</li>
        <li>{t("catalog.search.tips.fewer")}</li>
        {filtered && (
          <li>
            <a href={searchHref({ q: params.q, sort: params.sort })}>{t("catalog.search.tips.filters")}</a>
          </li>
        )}
        <li>
          <a href="/search">{t("catalog.search.tips.browse")}</a>
        </li>
      </ul>
    </div>
  );
}

function Pagination({ c, params, result }: { c: AppContext; params: SearchLinkParams; result: SearchResult }) {
  const t = c.var.tr.t;
  if (!result.previous && !result.next) return null;
  const base = firstPage(params);
  return (
    <nav aria-label={t("catalog.pages.label")} class="pagination">
      <ul>
        {result.previous && (
          <li>
            <a href={searchHref({ ...base, before: result.previous })} rel="prev">
              {t("catalog.pages.previous")}
            </a>
          </li>
        )}
        {result.next && (
          <li>
            <a href={searchHref({ ...base, after: result.next })} rel="next">
              {t("catalog.pages.next")}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}

function FacetNav({ c, params, result }: { c: AppContext; params: SearchLinkParams; result: SearchResult }) {
  const t = c.var.tr.t;
  const active = activeFilters(params);
  const base = firstPage(params);
  const groups = (Object.keys(result.facets) as FacetName[]).filter((f) => result.facets[f].length > 0);
  if (groups.length === 0 && active.length === 0) return null;
  return (
    <nav aria-labelledby="facets-heading" class="facets">
      <h2 id="facets-heading">{t("catalog.facets.heading")}</h2>
      {active.length > 0 && (
        <>
          <h3>{t("catalog.facets.active")}</h3>
          <ul class="facet-active">
            {active.map(({ facet, value }) => (
              <li>
                <a href={searchHref({ ...base, [facet]: undefined })}>
                  {t("catalog.facets.remove", { facet: t(`catalog.facet.${facet}`), value: facetValueLabel(c, facet, value) })}
                </a>
              </li>
            ))}
            {active.length > 1 && (
              <li>
                <a href={searchHref({ q: params.q, sort: params.sort, size: params.size })}>{t("catalog.facets.clear")}</a>
              </li>
            )}
          </ul>
        </>
      )}
      {groups.map((facet) => (
        <FacetGroup c={c} facet={facet} values={result.facets[facet]} params={base} />
      ))}
    </nav>
  );
}

function FacetGroup(props: { c: AppContext; facet: FacetName; values: FacetCount[]; params: SearchLinkParams }) {
  const { c, facet, values, params } = props;
  const t = c.var.tr.t;
  const chosen = params[facet] === undefined ? undefined : String(params[facet]);
  return (
    <>
      <h3 id={`facet-${facet}`}>{t(`catalog.facet.${facet}`)}</h3>
      <ul class="facet-values" aria-labelledby={`facet-${facet}`}>
        {values.map(({ value, count }) => {
          const text = t("catalog.facets.value", { label: facetValueLabel(c, facet, value), count });
          return (
            <li>
              {value === chosen ? (
                <span class="facet-chosen" aria-current="true">
                  {text}
                </span>
              ) : (
                <a href={searchHref({ ...params, [facet]: value })}>{text}</a>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}

function facetValueLabel(c: AppContext, facet: FacetName, value: string): string {
  const tr = c.var.tr;
  switch (facet) {
    case "format":
      return formatLabel(tr, value as Format);
    case "language":
      return languageName(tr, value);
    case "decade":
      return decadeLabel(tr, value);
    case "subject":
      return value;
    case "rating":
      return tr.t("catalog.rating.band", { stars: Number(value) });
  }
}
