import { describe, expect, it } from "vitest";
import { allMessages, LOCALES, negotiateLocale, translator } from "./index.ts";

describe("i18n", () => {
  it("every catalogue has every English key, non-empty, with the same placeholders", () => {
    const en = allMessages("en");
    for (const locale of LOCALES) {
      const messages = allMessages(locale);
      for (const [key, text] of Object.entries(en)) {
        const other = messages[key as keyof typeof en];
        expect(other, `${locale} ${key}`).toBeTruthy();
        const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
        expect(placeholders(other), `${locale} ${key}`).toEqual(placeholders(text));
      }
    }
  });

  it("prefers the account's locale, then Accept-Language by quality", () => {
    expect(negotiateLocale("es", "en-GB")).toBe("es");
    expect(negotiateLocale(null, "fr;q=0.9, es-MX;q=0.8, en;q=0.5")).toBe("es");
    expect(negotiateLocale(undefined, "de")).toBe("en");
  });

  it("interpolates and formats numbers with Intl", () => {
    const es = translator("es");
    expect(es.t("home.title", { library: "Riverside" })).toBe("Te damos la bienvenida a Riverside");
    expect(es.number(1234.5)).toBe("1234,5");
    expect(translator("en").number(1234.5)).toBe("1,234.5");
  });
});
