// The catalogue's own view of one bibliographic record, whatever it was imported from (MARC, MARCXML, CSV).
import { createHash } from "node:crypto";
import type { ContributorRole, Format } from "../../db/schema/index.ts";

export interface CatalogRecord {
  controlNumber: string | null;
  isbns: { isbn13: string; isbn10: string | null }[];
  title: string;
  subtitle: string;
  /** How many leading characters of the title to skip when sorting ("The " → 4). */
  nonfiling: number;
  editionStatement: string;
  contributors: { name: string; role: ContributorRole }[];
  subjects: string[];
  seriesTitle: string;
  summary: string;
  language: string;
  format: Format;
  publisher: string;
  publishedYear: number | null;
  extent: string;
}

/** Lower-case, accents removed, punctuation to spaces: for matching, not for display. */
export function normalizeForKey(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Editions with the same normalised title and first contributor belong to one work. */
export function workKey(r: CatalogRecord): string {
  return `${normalizeForKey(r.title)}|${normalizeForKey(r.contributors[0]?.name ?? "")}`;
}

export function sortTitle(r: CatalogRecord): string {
  return normalizeForKey(r.title.slice(r.nonfiling) || r.title);
}

export function contentHash(r: CatalogRecord): string {
  return createHash("sha256").update(JSON.stringify(r)).digest("hex");
}

/** How a re-import recognises the edition: control number first, then ISBN, then the content itself. */
export function sourceKey(r: CatalogRecord): string {
  if (r.controlNumber) return `001:${r.controlNumber}`;
  const isbn = r.isbns[0]?.isbn13;
  if (isbn) return `isbn:${isbn}`;
  const identity = [
    r.title,
    r.subtitle,
    r.contributors.map((c) => c.name).join(";"),
    r.publisher,
    r.publishedYear ?? "",
    r.format,
  ];
  return `sha:${createHash("sha256").update(JSON.stringify(identity)).digest("hex").slice(0, 32)}`;
}

/** MARC language codes with a PostgreSQL text-search configuration; others search without stemming. */
const SEARCH_CONFIGS: Record<string, string> = {
  eng: "english",
  spa: "spanish",
  fre: "french",
  ger: "german",
  ita: "italian",
  por: "portuguese",
  dut: "dutch",
  swe: "swedish",
  nor: "norwegian",
  dan: "danish",
  fin: "finnish",
  rus: "russian",
  hun: "hungarian",
  tur: "turkish",
  rum: "romanian",
};
export const searchConfigFor = (language: string) => SEARCH_CONFIGS[language] ?? "simple";
