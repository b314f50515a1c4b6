// Turns a file into import items: MARC 21 (ISO 2709), MARCXML or CSV, chosen by content.
import { parse } from "csv-parse";
import { z } from "zod";
import { CONTRIBUTOR_ROLES, FORMATS } from "../../db/schema/index.ts";
import type { CatalogRecord } from "./catalog-record.ts";
import type { ImportItem } from "./import.service.ts";
import { normalizeIsbn } from "./isbn.ts";
import { readIso2709 } from "./marc/iso2709.ts";
import { mapMarc } from "./marc/marc-mapping.ts";
import { readMarcXml } from "./marc/marcxml.ts";
import type { ReadItem } from "./marc/record.ts";

export type ImportFormat = "marc" | "marcxml" | "csv";

/** Sniffs the first bytes: "<" is XML, five digits a MARC leader, anything else is taken as CSV. */
export function detectFormat(head: Uint8Array, fileName = ""): ImportFormat {
  const text = new TextDecoder()
    .decode(head.subarray(0, 64))
    .replace(/^\uFEFF/, "")
    .trimStart();
  if (text.startsWith("<")) return "marcxml";
  if (/^\d{5}/.test(text)) return "marc";
  if (/\.(mrc|marc|dat|iso)$/i.test(fileName)) return "marc";
  return "csv";
}

async function* fromMarc(reader: AsyncGenerator<ReadItem>): AsyncGenerator<ImportItem> {
  for await (const item of reader) {
    if (!item.ok) {
      yield item;
      continue;
    }
    const mapped = mapMarc(item.record);
    if (mapped.ok)
      yield {
        ok: true,
        position: item.position,
        record: mapped.value,
        source: { leader: item.record.leader, fields: item.record.fields },
      };
    else yield { ok: false, position: item.position, offset: null, reason: mapped.reason };
  }
}

export function importItems(
  format: ImportFormat,
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): AsyncIterable<ImportItem> {
  if (format === "marc") return fromMarc(readIso2709(chunks));
  if (format === "marcxml") return fromMarc(readMarcXml(chunks));
  return fromCsv(chunks);
}

/**
 * CSV columns (a header row is required; names are case-insensitive, order free, unknown columns ignored):
 * title (required), subtitle, authors ("Name; Name (translator)"), isbn, control_number, subjects
 * ("A; B"), series, summary, language (MARC code, e.g. eng), format (book, ebook, audiobook, video,
 * music, map, score, software, other), publisher, year, extent, edition.
 */
export const CSV_COLUMNS = [
  "title",
  "subtitle",
  "authors",
  "isbn",
  "control_number",
  "subjects",
  "series",
  "summary",
  "language",
  "format",
  "publisher",
  "year",
  "extent",
  "edition",
] as const;

const csvRow = z.object({
  title: z.string().trim().min(1, "the title column is empty"),
  subtitle: z.string().trim().default(""),
  authors: z.string().default(""),
  isbn: z.string().trim().default(""),
  control_number: z.string().trim().default(""),
  subjects: z.string().default(""),
  series: z.string().trim().default(""),
  summary: z.string().trim().default(""),
  language: z
    .union([
      z.literal(""),
      z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^[a-z]{3}$/, "language must be a three-letter MARC code such as eng or spa"),
    ])
    .default(""),
  format: z.union([z.literal(""), z.enum(FORMATS, { message: `format must be one of ${FORMATS.join(", ")}` })]).default(""),
  publisher: z.string().trim().default(""),
  year: z
    .union([
      z.literal(""),
      z
        .string()
        .trim()
        .regex(/^\d{4}$/, "year must be four digits"),
    ])
    .default(""),
  extent: z.string().trim().default(""),
  edition: z.string().trim().default(""),
});

function contributorsOf(text: string): CatalogRecord["contributors"] {
  return text
    .split(";")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const m = part.match(/^(.*?)\s*\(([^)]+)\)$/);
      const role = m?.[2]?.trim().toLowerCase();
      const known = (CONTRIBUTOR_ROLES as readonly string[]).includes(role ?? "");
      return {
        name: (m?.[1] ?? part).trim(),
        role: (known ? role : m ? "other" : "author") as CatalogRecord["contributors"][number]["role"],
      };
    });
}

async function* fromCsv(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<ImportItem> {
  const parser = parse({
    bom: true,
    columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
    skip_empty_lines: true,
    relax_column_count: true,
    info: true,
  });
  const feed = (async () => {
    try {
      for await (const chunk of chunks) if (!parser.write(chunk)) await new Promise((r) => parser.once("drain", r));
      parser.end();
    } catch (e) {
      parser.destroy(e as Error);
    }
  })();
  let position = 0;
  try {
    for await (const { record: row, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      position += 1;
      const line = info.lines;
      const parsed = csvRow.safeParse(row);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        yield {
          ok: false,
          position,
          offset: null,
          reason: `line ${line}: ${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}`.replace(": : ", ": "),
        };
        continue;
      }
      const r = parsed.data;
      const isbn = r.isbn ? normalizeIsbn(r.isbn) : null;
      if (r.isbn && !isbn) {
        yield { ok: false, position, offset: null, reason: `line ${line}: isbn: "${r.isbn}" is not a valid ISBN-10 or ISBN-13` };
        continue;
      }
      yield {
        ok: true,
        position,
        source: { csv: row },
        record: {
          controlNumber: r.control_number || null,
          isbns: isbn ? [isbn] : [],
          title: r.title,
          subtitle: r.subtitle,
          nonfiling: 0,
          editionStatement: r.edition,
          contributors: contributorsOf(r.authors),
          subjects: r.subjects
            .split(";")
            .map((s) => s.trim())
            .filter(Boolean),
          seriesTitle: r.series,
          summary: r.summary,
          language: r.language || "und",
          format: r.format || "book",
          publisher: r.publisher,
          publishedYear: r.year ? Number(r.year) : null,
          extent: r.extent,
        },
      };
    }
  } catch (error) {
    position += 1;
    yield {
      ok: false,
      position,
      offset: null,
      reason: `the CSV could not be read past line ${parser.info.lines}: ${(error as Error).message}`,
    };
  }
  await feed;
}
