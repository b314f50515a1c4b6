import { describe, expect, it } from "vitest";
import { displayTagName, normalizeTag, tagInput } from "./tags.schemas.ts";

describe("tag normalisation", () => {
  it.each([
    ["Sci-Fi", "sci-fi"],
    ["  sci‑fi  ", "sci-fi"], // non-breaking hyphen
    ["SCI–FI", "sci-fi"], // en dash
    ["sci—fi", "sci-fi"], // em dash
    ["sci−fi", "sci-fi"], // minus sign
    ["ＳＣＩ－ＦＩ", "sci-fi"], // full-width forms (NFKC)
    ["science   fiction\t\n", "science fiction"],
    ["Straße", "strasse"], // full case folding
    ["STRASSE", "strasse"],
    ["ΟΔΥΣΣΕΥΣ", "οδυσσευσ"], // final sigma folds with sigma
    ["Οδυσσευς", "οδυσσευσ"],
    ["ﬁction", "fiction"], // ligature (NFKC)
    ["café", "café"], // composed
    ["cafe\u0301", "café"], // decomposed: the same tag
  ])("%j → %j", (name, normalized) => {
    expect(normalizeTag(name)).toBe(normalized);
  });

  it("keeps the display name as typed, tidied", () => {
    expect(displayTagName("  Science\u00a0 Fiction ")).toBe("Science Fiction");
  });

  it("refuses an empty tag, a tag without letters or digits, and a long one", () => {
    const problems = (name: string) => (tagInput.safeParse({ name }).error?.issues ?? []).map((i) => i.message);
    expect(problems("   ")).toEqual(["reading.tags.name.required"]);
    expect(problems("---")).toEqual(["reading.tags.name.noLetters"]);
    expect(problems("x".repeat(61))).toEqual(["reading.tags.name.long"]);
    expect(problems("cosy mystery")).toEqual([]);
  });
});
