import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readIso2709 } from "./iso2709.ts";
import { mapMarc } from "./marc-mapping.ts";
import { readMarcXml } from "./marcxml.ts";
import type { MarcRecord } from "./record.ts";

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../../../../samples/marc/${name}`, import.meta.url)));
async function records(reader: AsyncGenerator<{ ok: boolean; record?: MarcRecord }>) {
  const out: MarcRecord[] = [];
  for await (const item of reader) if (item.ok && item.record) out.push(item.record);
  return out;
}

describe("mapMarc", () => {
  it("maps the Library of Congress book records of marc.dat", async () => {
    const mapped = (await records(readIso2709([fixture("marc.dat")]))).map(mapMarc);
    expect(mapped.every((m) => m.ok)).toBe(true);
    const values = mapped.flatMap((m) => (m.ok ? [m.value] : []));
    expect(values.every((v) => v.format === "book" && v.title.length > 0)).toBe(true);
    expect(values.filter((v) => v.isbns.length > 0).length).toBeGreaterThan(10);
    expect(values.filter((v) => v.subjects.length > 0).length).toBeGreaterThan(10);
    expect(values.every((v) => !/[/:;]$/.test(v.title))).toBe(true);
    const withYear = values.filter((v) => v.publishedYear !== null);
    expect(withYear.every((v) => (v.publishedYear ?? 0) > 1900 && (v.publishedYear ?? 0) < 2030)).toBe(true);
  });

  it("tells sound recordings from books and keeps non-ASCII text", async () => {
    const [rec] = await records(readMarcXml([fixture("utf8.xml")]));
    const mapped = mapMarc(rec!);
    expect(mapped).toMatchObject({
      ok: true,
      value: { format: "music", title: "Zen Classics", publisher: "Virgin Classics", controlNumber: "ASP925318/clmu" },
    });
  });

  it("reads roles from relator codes and terms, and skips nonfiling characters", () => {
    const record: MarcRecord = {
      leader: "00000cam a2200000 a 4500",
      warnings: [],
      fields: [
        { tag: "008", value: "990101s1999    nyu           000 1 spa d" },
        { tag: "020", ind1: " ", ind2: " ", subfields: [{ code: "a", value: "0-201-61622-X (pbk.)" }] },
        {
          tag: "100",
          ind1: "1",
          ind2: " ",
          subfields: [
            { code: "a", value: "García Márquez, Gabriel," },
            { code: "d", value: "1927-2014." },
          ],
        },
        {
          tag: "245",
          ind1: "1",
          ind2: "4",
          subfields: [
            { code: "a", value: "The autumn of the patriarch /" },
            { code: "c", value: "transl." },
          ],
        },
        {
          tag: "650",
          ind1: " ",
          ind2: "0",
          subfields: [
            { code: "a", value: "Dictators" },
            { code: "z", value: "Latin America" },
            { code: "v", value: "Fiction." },
          ],
        },
        {
          tag: "700",
          ind1: "1",
          ind2: " ",
          subfields: [
            { code: "a", value: "Rabassa, Gregory." },
            { code: "e", value: "translator." },
          ],
        },
        {
          tag: "700",
          ind1: "1",
          ind2: " ",
          subfields: [
            { code: "a", value: "Someone, Else," },
            { code: "4", value: "ill" },
          ],
        },
      ],
    };
    const mapped = mapMarc(record);
    if (!mapped.ok) throw new Error(mapped.reason);
    expect(mapped.value.title).toBe("The autumn of the patriarch");
    expect(mapped.value.nonfiling).toBe(4);
    expect(mapped.value.language).toBe("spa");
    expect(mapped.value.publishedYear).toBe(1999);
    expect(mapped.value.isbns).toEqual([{ isbn13: "9780201616224", isbn10: "020161622X" }]);
    expect(mapped.value.contributors).toEqual([
      { name: "García Márquez, Gabriel", role: "author" },
      { name: "Rabassa, Gregory", role: "translator" },
      { name: "Someone, Else", role: "illustrator" },
    ]);
    expect(mapped.value.subjects).toEqual(["Dictators -- Latin America -- Fiction"]);
  });

  it("refuses a record without a title", () => {
    expect(mapMarc({ leader: "00000cam a2200000 a 4500", warnings: [], fields: [{ tag: "001", value: "x" }] })).toEqual({
      ok: false,
      reason: "the record has no title (field 245 $a)",
    });
  });
});
