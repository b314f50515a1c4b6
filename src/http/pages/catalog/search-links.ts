// Addresses of searches: the page's links (facets, removing a filter, the next page) are all the current
// search with one thing changed, written with defaults left out so that equal searches share one address.
import { FACET_NAMES, PAGE_SIZE, type SearchParams } from "../../../modules/catalog/index.ts";

export type SearchLinkParams = Partial<Omit<SearchParams, "decade">> & { decade?: number | string | undefined };

const ORDER = ["q", "format", "language", "subject", "decade", "sort", "size", "after", "before"] as const;
const DEFAULTS: Partial<Record<(typeof ORDER)[number], string>> = { q: "", sort: "relevance", size: String(PAGE_SIZE.default) };

export function searchHref(params: SearchLinkParams): string {
  const query = new URLSearchParams();
  for (const name of ORDER) {
    const value = params[name];
    if (value === undefined || String(value) === (DEFAULTS[name] ?? "")) continue;
    query.set(name, String(value));
  }
  const text = query.toString();
  return text ? `/search?${text}` : "/search";
}

/** The same search from its first page: any change of words, filters or order starts again. */
export const firstPage = ({ after: _a, before: _b, ...rest }: SearchLinkParams): SearchLinkParams => rest;

export const activeFilters = (params: SearchLinkParams) =>
  FACET_NAMES.flatMap((facet) => (params[facet] === undefined ? [] : [{ facet, value: String(params[facet]) }]));
