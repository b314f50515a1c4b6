// "Find it in our catalogue": patrons reach holdings in the library's own system through a link built from
// a template the library sets, e.g. https://opac.example.org/search?isbn={isbn}.

const PLACEHOLDERS = ["isbn", "controlNumber", "title"] as const;
type Placeholder = (typeof PLACEHOLDERS)[number];

interface LinkEdition {
  isbn13: string | null;
  isbn10: string | null;
  controlNumber: string | null;
}

const PLACEHOLDER = new RegExp(`\\{(${PLACEHOLDERS.join("|")})\\}`, "g");

const valuesOf = (title: string, edition: LinkEdition | undefined): Record<Placeholder, string | null> => ({
  isbn: edition?.isbn13 ?? edition?.isbn10 ?? null,
  controlNumber: edition?.controlNumber ?? null,
  title,
});

/**
 * The link for a work, from the first edition that has every identifier the template asks for (a link
 * with an empty ISBN would only find nothing); null without a template or without such an edition.
 */
export function catalogLink(template: string | undefined, title: string, editions: LinkEdition[]): string | null {
  if (!template) return null;
  const needed = [...template.matchAll(PLACEHOLDER)].map((m) => m[1] as Placeholder);
  const candidates = editions.length ? editions : [undefined];
  for (const edition of candidates) {
    const values = valuesOf(title, edition);
    if (needed.every((name) => values[name])) {
      return template.replace(PLACEHOLDER, (_, name: Placeholder) => encodeURIComponent(values[name] ?? ""));
    }
  }
  return null;
}

/** Whether a template makes http(s) links once its placeholders are filled in. */
export function isCatalogLinkTemplate(template: string): boolean {
  try {
    const url = new URL(template.replace(PLACEHOLDER, "0"));
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}
