// Message catalogues and locale-aware formatting. English is the reference catalogue; every other
// catalogue is typed against it, so a missing string is a type error, not a blank on the page.
import { accounts as enAccounts } from "./en/accounts.ts";
import { admin as enAdmin } from "./en/admin.ts";
import { api as enApi } from "./en/api.ts";
import { backup as enBackup } from "./en/backup.ts";
import { catalog as enCatalog } from "./en/catalog.ts";
import { common as enCommon } from "./en/common.ts";
import { lists as enLists } from "./en/lists.ts";
import { moderation as enModeration } from "./en/moderation.ts";
import { reading as enReading } from "./en/reading.ts";
import { accounts as esAccounts } from "./es/accounts.ts";
import { admin as esAdmin } from "./es/admin.ts";
import { api as esApi } from "./es/api.ts";
import { backup as esBackup } from "./es/backup.ts";
import { catalog as esCatalog } from "./es/catalog.ts";
import { common as esCommon } from "./es/common.ts";
import { lists as esLists } from "./es/lists.ts";
import { moderation as esModeration } from "./es/moderation.ts";
import { reading as esReading } from "./es/reading.ts";

// One file per area, so that areas can grow without touching each other's catalogues.
const en = {
  ...enCommon,
  ...enAccounts,
  ...enAdmin,
  ...enApi,
  ...enBackup,
  ...enCatalog,
  ...enLists,
  ...enReading,
  ...enModeration,
};
export type MessageKey = keyof typeof en;
const catalogues: Record<Locale, Record<MessageKey, string>> = {
  en,
  es: { ...esCommon, ...esAccounts, ...esAdmin, ...esApi, ...esBackup, ...esCatalog, ...esLists, ...esReading, ...esModeration },
};

export const LOCALES = ["en", "es"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
const RTL = new Set(["ar", "he", "fa", "ur"]);

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export type Vars = Record<string, string | number>;

export interface Translator {
  locale: Locale;
  dir: "ltr" | "rtl";
  t(key: MessageKey, vars?: Vars): string;
  date(value: Date, options?: Intl.DateTimeFormatOptions): string;
  dateTime(value: Date): string;
  number(value: number, options?: Intl.NumberFormatOptions): string;
}

const cache = new Map<string, Translator>();

export function translator(locale: Locale, timeZone = "UTC"): Translator {
  const cacheKey = `${locale}|${timeZone}`;
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const messages = catalogues[locale];
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone });
  const numberFormat = new Intl.NumberFormat(locale);
  const tr: Translator = {
    locale,
    dir: RTL.has(locale.split("-")[0] ?? "") ? "rtl" : "ltr",
    t(key, vars) {
      const template = messages[key] ?? catalogues.en[key] ?? key;
      if (!vars) return template;
      return template.replace(/\{(\w+)\}/g, (m, name: string) =>
        name in vars ? String(typeof vars[name] === "number" ? numberFormat.format(vars[name] as number) : vars[name]) : m,
      );
    },
    date: (value, options) =>
      options ? new Intl.DateTimeFormat(locale, { timeZone, ...options }).format(value) : dateFormat.format(value),
    dateTime: (value) => dateTimeFormat.format(value),
    number: (value, options) => (options ? new Intl.NumberFormat(locale, options).format(value) : numberFormat.format(value)),
  };
  cache.set(cacheKey, tr);
  return tr;
}

/** The account's language first, then the browser's Accept-Language, then English. */
export function negotiateLocale(preferred: string | null | undefined, acceptLanguage: string | null | undefined): Locale {
  if (isLocale(preferred)) return preferred;
  if (acceptLanguage) {
    const ranked = acceptLanguage
      .split(",")
      .map((part) => {
        const [tag = "", ...params] = part.trim().split(";");
        const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
        return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1 };
      })
      .filter((x) => x.tag && x.q > 0)
      .sort((a, b) => b.q - a.q);
    for (const { tag } of ranked) {
      const base = tag.split("-")[0];
      if (isLocale(base)) return base;
    }
  }
  return DEFAULT_LOCALE;
}

export function allMessages(locale: Locale): Record<MessageKey, string> {
  return catalogues[locale];
}
