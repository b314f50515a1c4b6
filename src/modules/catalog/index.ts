// Catalogue: works, editions and contributors; import from MARC 21, MARCXML and CSV; search documents.
export * from "./catalog-record.ts";
export * from "./import.service.ts";
export * from "./import-runs.service.ts";
export * from "./import-sources.ts";
export * from "./isbn.ts";
export type { BadRecord } from "./marc/record.ts";
export { refreshSearchDocuments } from "./search-document.queries.ts";
