// What a catalogue search may ask for, validated once for the pages and the API alike, and the opaque
// cursor that keyset pagination hands out: the last row's sort key and id, so a page deep in the results
// costs the same as the first one.
import { z } from "zod";
import { FORMATS, type Format } from "../../db/schema/index.ts";

export const SORTS = ["relevance", "title", "newest", "oldest"] as const;
export type SortOrder = (typeof SORTS)[number];

export const PAGE_SIZE = { min: 10, max: 100, default: 20 } as const;

/** The facets a search can be narrowed by; each filter is ANDed with the others. */
export const FACET_NAMES = ["format", "language", "subject", "decade", "rating"] as const;
export type FacetName = (typeof FACET_NAMES)[number];

export interface SearchFilters {
  format?: Format | undefined;
  language?: string | undefined;
  subject?: string | undefined;
  decade?: number | undefined;
  /** Works whose patrons' average rating is at least this many stars (1–4). */
  rating?: number | undefined;
}

/** Where a page starts: the sort key and id of the row next to it. */
export interface Cursor {
  sort: SortOrder;
  key: number | string;
  id: string;
}

export interface SearchRequest {
  q: string;
  filters: SearchFilters;
  /** The order actually used: relevance means nothing without words, so it becomes title then. */
  sort: SortOrder;
  after?: Cursor | undefined;
  before?: Cursor | undefined;
  size: number;
}

export const hasWords = (q: string) => /[\p{L}\p{N}]/u.test(q);

/** Without words to rank by, the catalogue is browsed by title. */
export const effectiveSort = (q: string, sort: SortOrder): SortOrder => (sort === "relevance" && !hasWords(q) ? "title" : sort);

const cursorShape = z.tuple([z.enum(SORTS), z.union([z.number(), z.string()]), z.uuid()]);

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.key, cursor.id])).toString("base64url");
}

/** The cursor, or null when the text is not one this server made (or the key does not fit the sort). */
export function decodeCursor(text: string): Cursor | null {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = cursorShape.safeParse(value);
  if (!parsed.success) return null;
  const [sort, key, id] = parsed.data;
  const textKey = sort === "title";
  return typeof key === (textKey ? "string" : "number") ? { sort, key, id } : null;
}

const cursorText = z
  .string()
  .max(400)
  .refine((text) => decodeCursor(text) !== null, "catalog.validation.cursor");

export const searchParamsSchema = z
  .object({
    q: z
      .string()
      .trim()
      .max(200, "catalog.validation.q.long")
      .default("")
      .meta({ description: "Words to look for in titles, contributors, series and subjects. Empty: browse by title." }),
    format: z.enum(FORMATS).optional().meta({ description: "Only works with an edition in this format." }),
    language: z
      .string()
      .regex(/^[a-z]{3}$/, "catalog.validation.language")
      .optional()
      .meta({ description: "Only works in this language (MARC code, e.g. eng, spa).", example: "eng" }),
    subject: z
      .string()
      .trim()
      .max(300, "catalog.validation.subject.long")
      .optional()
      .meta({ description: "Only works with this subject heading." }),
    decade: z.coerce
      .number("catalog.validation.decade")
      .int("catalog.validation.decade")
      .min(0, "catalog.validation.decade")
      .max(2990, "catalog.validation.decade")
      .multipleOf(10, "catalog.validation.decade")
      .optional()
      .meta({ description: "Only works first published in this decade (its first year).", example: 1990 }),
    rating: z.coerce
      .number("catalog.validation.rating")
      .int("catalog.validation.rating")
      .min(1, "catalog.validation.rating")
      .max(4, "catalog.validation.rating")
      .optional()
      .meta({ description: "Only works whose average patron rating is at least this many stars.", example: 4 }),
    sort: z.enum(SORTS).default("relevance").meta({ description: "Relevance needs words; without them, title is used." }),
    after: cursorText.optional().meta({ description: "The `next` cursor of the previous response." }),
    before: cursorText.optional().meta({ description: "The `previous` cursor of the previous response." }),
    size: z.coerce
      .number("catalog.validation.size")
      .int("catalog.validation.size")
      .min(PAGE_SIZE.min, "catalog.validation.size")
      .max(PAGE_SIZE.max, "catalog.validation.size")
      .default(PAGE_SIZE.default)
      .meta({ description: "Results per page." }),
  })
  .superRefine((params, ctx) => {
    if (params.after && params.before) {
      ctx.addIssue({ code: "custom", path: ["before"], message: "catalog.validation.cursorBoth" });
    }
    // A cursor holds the key of one order; continuing it in another would skip or repeat rows.
    const sort = effectiveSort(params.q, params.sort);
    for (const name of ["after", "before"] as const) {
      const text = params[name];
      const cursor = text ? decodeCursor(text) : null;
      if (cursor && cursor.sort !== sort)
        ctx.addIssue({ code: "custom", path: [name], message: "catalog.validation.cursorSort" });
    }
  });

export type SearchParams = z.infer<typeof searchParamsSchema>;

/** The validated parameters as the service takes them. */
export function toSearchRequest(params: SearchParams): SearchRequest {
  return {
    q: params.q,
    filters: {
      format: params.format,
      language: params.language,
      subject: params.subject,
      decade: params.decade,
      rating: params.rating,
    },
    sort: effectiveSort(params.q, params.sort),
    after: params.after ? (decodeCursor(params.after) ?? undefined) : undefined,
    before: params.before ? (decodeCursor(params.before) ?? undefined) : undefined,
    size: params.size,
  };
}
