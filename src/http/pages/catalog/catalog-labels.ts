// How catalogue codes read in the reader's language: formats, roles, languages, decades and counts.
import type { ContributorRole, Format } from "../../../db/schema/index.ts";
import type { MessageKey, Translator } from "../../../i18n/index.ts";

export const formatLabel = (tr: Translator, format: Format) => tr.t(`catalog.format.${format}`);
export const roleLabel = (tr: Translator, role: ContributorRole) => tr.t(`catalog.role.${role}`);

/** Year numbers are names, not quantities: never grouped as "2,000". */
export const decadeLabel = (tr: Translator, decade: string | number) => tr.t("catalog.decade", { decade: String(decade) });

const displayNames = new Map<string, Intl.DisplayNames>();

/** A MARC language code (ISO 639-2) as a language name in the reader's locale, e.g. "spa" → "Spanish". */
export function languageName(tr: Translator, code: string): string {
  if (code === "und") return tr.t("catalog.language.unknown");
  let names = displayNames.get(tr.locale);
  if (!names) {
    names = new Intl.DisplayNames(tr.locale, { type: "language", fallback: "none" });
    displayNames.set(tr.locale, names);
  }
  try {
    return names.of(code) ?? code;
  } catch {
    return code; // not a well-formed language subtag
  }
}

/** Picks the ".one" or ".other" form of a message by the locale's plural rules. */
export function plural(tr: Translator, key: string, count: number, vars: Record<string, string | number> = {}) {
  const form = new Intl.PluralRules(tr.locale).select(count) === "one" ? "one" : "other";
  return tr.t(`${key}.${form}` as MessageKey, { count, ...vars });
}
