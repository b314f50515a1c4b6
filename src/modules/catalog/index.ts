// Catalogue: works, editions and contributors; import from MARC 21, MARCXML and CSV; search (full text,
// trigram corrections, facets, keyset pages); the record page's read model and its catalogue link.
export * from "./catalog-link.ts";
export * from "./catalog-record.ts";
export * from "./covers.service.ts";
export * from "./import.service.ts";
export * from "./import-runs.service.ts";
export * from "./import-sources.ts";
export * from "./isbn.ts";
export type { BadRecord } from "./marc/record.ts";
export * from "./search.schemas.ts";
export {
  type FacetCount,
  type Facets,
  SEARCH_MATCHES,
  type SearchHit,
  type SearchMatch,
  type SearchResult,
  searchCatalog,
} from "./search.service.ts";
export { refreshSearchDocuments } from "./search-document.queries.ts";
export * from "./works.queries.ts";
