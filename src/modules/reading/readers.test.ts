import { describe, expect, it } from "vitest";
import { isUnder13 } from "./readers.ts";

describe("isUnder13", () => {
  const on = (date: string) => new Date(`${date}T12:00:00Z`);
  it("is true until the thirteenth birthday and false from that day", () => {
    expect(isUnder13("2013-03-02", on("2026-03-01"))).toBe(true);
    expect(isUnder13("2013-03-01", on("2026-03-01"))).toBe(false);
    expect(isUnder13("1980-01-01", on("2026-03-01"))).toBe(false);
  });
  it("treats a 29 February birthday as 28 February in other years, as PostgreSQL does", () => {
    expect(isUnder13("2012-02-29", on("2025-02-27"))).toBe(true);
    expect(isUnder13("2012-02-29", on("2025-02-28"))).toBe(false);
  });
  it("treats an account without a birth date as an adult's", () => {
    expect(isUnder13(null, on("2026-03-01"))).toBe(false);
  });
});
