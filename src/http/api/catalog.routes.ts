import { createRoute, z } from "@hono/zod-openapi";
import { CONTRIBUTOR_ROLES, FORMATS } from "../../db/schema/index.ts";
import { SEARCH_MATCHES, SORTS, searchParamsSchema } from "../../modules/catalog/index.ts";
import { problems } from "./problems.ts";

const contributorSchema = z.object({ name: z.string(), role: z.enum(CONTRIBUTOR_ROLES) }).openapi("Contributor");

const hitSchema = z
  .object({
    id: z.uuid(),
    url: z.url().openapi({ description: "The record page." }),
    title: z.string(),
    subtitle: z.string(),
    year: z.number().int().nullable().openapi({ description: "The year of first publication, when known." }),
    language: z.string().openapi({ description: "MARC language code; und when unknown.", example: "eng" }),
    contributors: z.array(contributorSchema),
    formats: z.array(z.enum(FORMATS)).openapi({ description: "The formats of the work's editions." }),
  })
  .openapi("SearchHit");

const facetCountsSchema = z.array(z.object({ value: z.string(), count: z.number().int() })).openapi("FacetCounts");

export const searchResultSchema = z
  .object({
    q: z.string(),
    sort: z.enum(SORTS).openapi({ description: "The order used (relevance becomes title without words)." }),
    match: z.enum(SEARCH_MATCHES).openapi({
      description:
        "all: no words, the catalogue browsed. fulltext: the words as sent. corrected: nothing matched them, so each word was replaced by the closest catalogue word (see correctedTo). approximate: titles and names that look like the words.",
    }),
    correctedTo: z.string().nullable().openapi({ description: "The words searched instead, when match is corrected." }),
    didYouMean: z.string().nullable().openapi({ description: "Closer catalogue words, offered when few works matched." }),
    total: z.number().int().openapi({ description: "How many works match, over all pages." }),
    items: z.array(hitSchema),
    facets: z
      .object({
        format: facetCountsSchema,
        language: facetCountsSchema,
        subject: facetCountsSchema,
        decade: facetCountsSchema,
        rating: facetCountsSchema,
      })
      .openapi({
        description:
          "Counts over every matching work. Subjects: the ten most frequent. Decades: their first year. Rating: works whose average is at least that many stars.",
      }),
    next: z.string().nullable().openapi({ description: "Pass as `after` for the next page; null on the last one." }),
    previous: z.string().nullable().openapi({ description: "Pass as `before` for the previous page; null on the first." }),
  })
  .openapi("SearchResults");

const editionSchema = z
  .object({
    id: z.uuid(),
    format: z.enum(FORMATS),
    title: z.string(),
    editionStatement: z.string(),
    publisher: z.string(),
    publishedYear: z.number().int().nullable(),
    extent: z.string(),
    isbn13: z.string().nullable(),
    isbn10: z.string().nullable(),
    controlNumber: z.string().nullable().openapi({ description: "The record's number in the library's own system." }),
  })
  .openapi("Edition");

export const workSchema = z
  .object({
    id: z.uuid(),
    url: z.url(),
    title: z.string(),
    subtitle: z.string(),
    summary: z.string(),
    seriesTitle: z.string(),
    language: z.string().openapi({ example: "eng" }),
    subjects: z.array(z.string()),
    firstPublishedYear: z.number().int().nullable(),
    coverUrl: z.url().openapi({ description: "The uploaded cover, or a generated placeholder (SVG)." }),
    catalogLink: z
      .url()
      .nullable()
      .openapi({ description: "The record in the library's own catalogue, when the library has set up such links." }),
    contributors: z.array(contributorSchema),
    editions: z.array(editionSchema),
    related: z
      .array(z.object({ id: z.uuid(), url: z.url(), title: z.string(), year: z.number().int().nullable() }))
      .openapi({ description: "Up to six works sharing subjects or contributors with this one." }),
  })
  .openapi("Work");

const tags = ["Catalogue"];

export const searchRoute = createRoute({
  method: "get",
  path: "/search",
  operationId: "searchCatalogue",
  tags,
  summary: "Search the catalogue",
  description:
    "Full-text search over titles, contributors, series and subjects, with facet counts and filters. Pages are cursors: pass `next` as `after` (or `previous` as `before`) with the same other parameters.",
  security: [],
  request: { query: searchParamsSchema },
  responses: {
    200: {
      description: "One page of results. Public: no token needed.",
      content: { "application/json": { schema: searchResultSchema } },
    },
    422: problems[422],
  },
});

export const getWorkRoute = createRoute({
  method: "get",
  path: "/works/{id}",
  operationId: "getWork",
  tags,
  summary: "One work of the catalogue",
  security: [],
  request: { params: z.object({ id: z.uuid().openapi({ description: "The work's id." }) }) },
  responses: {
    200: {
      description: "The work with its editions. Public: no token needed.",
      content: { "application/json": { schema: workSchema } },
    },
    404: problems[404],
    422: problems[422],
  },
});
