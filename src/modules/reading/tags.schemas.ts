import { z } from "zod";

export const TAG_MAX_LENGTH = 60;

/** Every kind of dash (hyphen, en and em dashes, minus sign, ...) becomes the plain hyphen-minus. */
const DASHES = /[\p{Pd}\u2212]/gu;

/** The name as the patron typed it, tidied: compatibility characters folded, whitespace collapsed, ends trimmed. */
export function displayTagName(name: string): string {
  return name.normalize("NFKC").replace(/\s+/gu, " ").trim();
}

/**
 * The key that makes "Sci‑Fi ", "sci-fi" and "ＳＣＩ－ＦＩ" one tag: NFKC, dashes unified, whitespace collapsed
 * and trimmed, then case-folded. Upper- then lower-casing is full case folding as far as it matters here
 * ("Straße" and "STRASSE" meet at "strasse"), which toLowerCase alone is not; toLowerCase writes a final
 * sigma at the end of a word, which folding makes a plain sigma again.
 */
export function normalizeTag(name: string): string {
  return displayTagName(name).replace(DASHES, "-").toUpperCase().toLowerCase().replace(/ς/gu, "σ").normalize("NFKC");
}

export const tagInput = z.object({
  name: z
    .string({ error: "reading.tags.name.required" })
    .transform(displayTagName)
    .pipe(
      z
        .string()
        .min(1, { error: "reading.tags.name.required", abort: true })
        .max(TAG_MAX_LENGTH, "reading.tags.name.long")
        .refine((name) => /[\p{L}\p{N}]/u.test(name), "reading.tags.name.noLetters"),
    ),
  private: z.boolean().default(false),
});
export type TagInput = z.infer<typeof tagInput>;
