// schema.org Book data for a record page, so that search engines understand what the page describes.
import type { ContributorRole, Format } from "../../../db/schema/index.ts";
import type { WorkDetail } from "../../../modules/catalog/index.ts";

/** schema.org BookFormatType, where a format has one ("book" does not say hardcover or paperback). */
const BOOK_FORMATS: Partial<Record<Format, string>> = {
  ebook: "https://schema.org/EBook",
  audiobook: "https://schema.org/AudiobookFormat",
};

/** The schema.org properties of a book's contributors; "other" has none more precise than contributor. */
const ROLE_PROPERTIES: Record<ContributorRole, string> = {
  author: "author",
  editor: "editor",
  translator: "translator",
  illustrator: "illustrator",
  narrator: "readBy",
  other: "contributor",
};

/** An ISO 639-2 code as BCP 47 ("eng" → "en"), or undefined when the language is not known. */
function bcp47(code: string): string | undefined {
  if (code === "und" || code === "zxx" || code === "mul") return undefined;
  try {
    return Intl.getCanonicalLocales(code)[0];
  } catch {
    return undefined;
  }
}

const person = (name: string) => ({ "@type": "Person", name });

export function bookJsonLd(work: WorkDetail, urls: { page: string; cover: string }) {
  const people: Record<string, { "@type": string; name: string }[]> = {};
  for (const c of work.contributors) {
    const property = ROLE_PROPERTIES[c.role];
    people[property] = [...(people[property] ?? []), person(c.name)];
  }
  return {
    "@context": "https://schema.org",
    "@type": "Book",
    "@id": urls.page,
    url: urls.page,
    name: work.title,
    ...(work.subtitle && { alternativeHeadline: work.subtitle }),
    ...people,
    ...(work.summary && { description: work.summary }),
    ...(bcp47(work.language) && { inLanguage: bcp47(work.language) }),
    ...(work.firstPublishedYear !== null && { datePublished: String(work.firstPublishedYear) }),
    ...(work.subjects.length && { about: work.subjects.map((name) => ({ "@type": "Thing", name })) }),
    ...(work.seriesTitle && { isPartOf: { "@type": "BookSeries", name: work.seriesTitle } }),
    image: urls.cover,
    workExample: work.editions.map((e) => ({
      "@type": "Book",
      name: e.title,
      ...((e.isbn13 ?? e.isbn10) && { isbn: e.isbn13 ?? e.isbn10 }),
      ...(BOOK_FORMATS[e.format] && { bookFormat: BOOK_FORMATS[e.format] }),
      ...(e.editionStatement && { bookEdition: e.editionStatement }),
      ...(e.publisher && { publisher: { "@type": "Organization", name: e.publisher } }),
      ...(e.publishedYear !== null && { datePublished: String(e.publishedYear) }),
    })),
  };
}

/**
 * The data as the text of a <script type="application/ld+json">: every "<" escaped, so that no title can
 * close the script element or open a comment; JSON reads \u003c back as "<".
 */
export const jsonLdText = (data: unknown) => JSON.stringify(data).replace(/</g, "\\u003c");
