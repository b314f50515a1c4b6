import { describe, expect, it } from "vitest";
import { normalizeIsbn } from "./isbn.ts";

describe("normalizeIsbn", () => {
  it("checks and converts ISBN-10 and ISBN-13, ignoring hyphens and qualifiers", () => {
    expect(normalizeIsbn("0-201-61622-X (pbk.)")).toEqual({ isbn13: "9780201616224", isbn10: "020161622X" });
    expect(normalizeIsbn("978-0-13-235088-4")).toEqual({ isbn13: "9780132350884", isbn10: "0132350882" });
    expect(normalizeIsbn("979-10-90636-07-1")).toEqual({ isbn13: "9791090636071", isbn10: null });
  });

  it("refuses wrong check digits and junk", () => {
    expect(normalizeIsbn("0201616221")).toBeNull();
    expect(normalizeIsbn("9780132350885")).toBeNull();
    expect(normalizeIsbn("pbk.")).toBeNull();
    expect(normalizeIsbn("")).toBeNull();
  });
});
