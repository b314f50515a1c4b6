// MARC 21 bibliographic → CatalogRecord. Only what patrons see and search is mapped; the whole record
// is kept beside it (editions.source) so that a better mapping later needs no re-import.
import type { ContributorRole, Format } from "../../../db/schema/index.ts";
import type { CatalogRecord } from "../catalog-record.ts";
import { normalizeIsbn } from "../isbn.ts";
import { control, type DataField, dataFields, firstSub, type MarcRecord, sub } from "./record.ts";

/** ISBD punctuation that ends a subfield before the next one (" /", " :", " ;", ",", "."). */
export function clean(text: string | null | undefined): string {
  return (text ?? "")
    .replace(/\s+/g, " ")
    .replace(/[\s/:;,=]+$/u, "")
    .replace(/(?<![A-Z]\.[A-Z]?|\b[A-Z])\.$/u, "")
    .trim();
}

const RELATOR_CODES: Record<string, ContributorRole> = {
  aut: "author",
  edt: "editor",
  trl: "translator",
  ill: "illustrator",
  nrt: "narrator",
};
const RELATOR_TERMS: [RegExp, ContributorRole][] = [
  [/^(author|writer|auth)/i, "author"],
  [/^(editor|ed\b|comp)/i, "editor"],
  [/^(translator|tr\b|trans)/i, "translator"],
  [/^(illustrator|ill\b|illus)/i, "illustrator"],
  [/^(narrator|reader)/i, "narrator"],
];

function roleOf(field: DataField, fallback: ContributorRole): ContributorRole {
  for (const code of sub(field, "4")) {
    const role = RELATOR_CODES[code.trim().toLowerCase()];
    if (role) return role;
  }
  for (const term of sub(field, "e")) {
    const hit = RELATOR_TERMS.find(([re]) => re.test(term.trim()));
    if (hit) return hit[1];
  }
  return fallback;
}

function formatOf(record: MarcRecord): Format {
  const type = record.leader[6];
  const f008 = control(record, "008") ?? "";
  const f007 = control(record, "007") ?? "";
  switch (type) {
    case "a":
    case "t":
      return "oqs".includes(f008[23] ?? "-") || f007.startsWith("c") ? "ebook" : "book";
    case "i":
      return "audiobook";
    case "j":
      return "music";
    case "g":
      return "video";
    case "e":
    case "f":
      return "map";
    case "c":
    case "d":
      return "score";
    case "m":
      return "software";
    default:
      return "other";
  }
}

function yearOf(record: MarcRecord): number | null {
  const published = [...dataFields(record, "264").filter((f) => f.ind2 === "1"), ...dataFields(record, "260")];
  for (const f of published) {
    const year = sub(f, "c")
      .join(" ")
      .match(/\b(1[5-9]\d\d|20\d\d)\b/)?.[1];
    if (year) return Number(year);
  }
  const fixed = (control(record, "008") ?? "").slice(7, 11);
  return /^\d{4}$/.test(fixed) ? Number(fixed) : null;
}

function languageOf(record: MarcRecord): string {
  const fixed = (control(record, "008") ?? "").slice(35, 38).toLowerCase();
  if (/^[a-z]{3}$/.test(fixed) && fixed !== "zxx" && fixed !== "und") return fixed;
  const coded = firstSub(dataFields(record, "041")[0], "a")?.slice(0, 3).toLowerCase();
  return coded && /^[a-z]{3}$/.test(coded) ? coded : "und";
}

function subjects(record: MarcRecord): string[] {
  const out = new Set<string>();
  for (const f of dataFields(record, ["600", "610", "611", "630", "650", "651", "655"])) {
    const head = clean(sub(f, "abcdqt").join(" "));
    const subdivisions = sub(f, "vxyz").map(clean);
    const text = [head, ...subdivisions].filter(Boolean).join(" -- ");
    if (text) out.add(text);
  }
  return [...out];
}

export type MappingResult = { ok: true; value: CatalogRecord } | { ok: false; reason: string };

export function mapMarc(record: MarcRecord): MappingResult {
  const f245 = dataFields(record, "245")[0];
  const title = clean([firstSub(f245, "a"), ...(f245 ? sub(f245, "np") : [])].filter(Boolean).join(". "));
  if (!f245 || !title) return { ok: false, reason: "the record has no title (field 245 $a)" };
  const nonfiling = /^\d$/.test(f245.ind2) ? Number(f245.ind2) : 0;
  const isBook = record.leader[6] === "a" || record.leader[6] === "t";

  const contributors: CatalogRecord["contributors"] = [];
  const seen = new Set<string>();
  const add = (f: DataField, fallback: ContributorRole) => {
    const name = clean(sub(f, f.tag.endsWith("00") ? "abcq" : "ab").join(" "));
    const role = roleOf(f, fallback);
    if (name && !seen.has(`${name}|${role}`)) {
      seen.add(`${name}|${role}`);
      contributors.push({ name, role });
    }
  };
  for (const f of dataFields(record, ["100", "110", "111"])) add(f, "author");
  for (const f of dataFields(record, ["700", "710", "711"])) add(f, isBook ? "author" : "other");

  const isbns: CatalogRecord["isbns"] = [];
  for (const f of dataFields(record, "020")) {
    const isbn = normalizeIsbn(firstSub(f, "a") ?? "");
    if (isbn && !isbns.some((i) => i.isbn13 === isbn.isbn13)) isbns.push(isbn);
  }
  const publication = [...dataFields(record, "264").filter((f) => f.ind2 === "1"), ...dataFields(record, "260")][0];
  const series = dataFields(record, ["490", "830"])[0];

  return {
    ok: true,
    value: {
      controlNumber: control(record, "001")?.trim() || null,
      isbns,
      title,
      subtitle: clean(f245 ? sub(f245, "b").join(" ") : ""),
      nonfiling: Math.min(nonfiling, title.length),
      editionStatement: clean(firstSub(dataFields(record, "250")[0], "a")),
      contributors,
      subjects: subjects(record),
      seriesTitle: clean(firstSub(series, "a")),
      summary: clean(firstSub(dataFields(record, "520")[0], "a")),
      language: languageOf(record),
      format: formatOf(record),
      publisher: clean(firstSub(publication, "b")),
      publishedYear: yearOf(record),
      extent: clean(firstSub(dataFields(record, "300")[0], "a")),
    },
  };
}
