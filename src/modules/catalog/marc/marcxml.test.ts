import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readMarcXml } from "./marcxml.ts";
import { control, dataFields, firstSub, type ReadItem } from "./record.ts";

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../../../../samples/marc/${name}`, import.meta.url)));
async function readAll(chunks: Iterable<Uint8Array | string>): Promise<ReadItem[]> {
  const out: ReadItem[] = [];
  for await (const item of readMarcXml(chunks)) out.push(item);
  return out;
}

describe("readMarcXml", () => {
  it("reads the Library of Congress collection with its marc: prefix, in small chunks", async () => {
    const buf = fixture("batch.xml");
    const parts: Uint8Array[] = [];
    for (let i = 0; i < buf.length; i += 50) parts.push(buf.subarray(i, i + 50));
    const items = await readAll(parts);
    expect(items.length).toBeGreaterThan(1);
    expect(items.every((i) => i.ok)).toBe(true);
  });

  it("keeps non-ASCII text and splits UTF-8 characters across chunk boundaries correctly", async () => {
    const buf = fixture("utf8.xml");
    const parts: Uint8Array[] = [];
    for (let i = 0; i < buf.length; i += 3) parts.push(buf.subarray(i, i + 3));
    const [item] = await readAll(parts);
    if (!item?.ok) throw new Error("utf8.xml should read");
    expect(control(item.record, "001")).toBe("ASP925318/clmu");
    expect(firstSub(dataFields(item.record, "505")[0], "t")).toBe("Préludes");
  });

  it("reports a bad record with its position and line, and reads the others; stops at broken XML", async () => {
    const xml = `<collection xmlns="http://www.loc.gov/MARC21/slim">
<record><leader>00000nam a2200000 a 4500</leader><datafield tag="245" ind1="0" ind2="0"><subfield code="a">One</subfield></datafield></record>
<record><leader>short</leader><datafield tag="245" ind1="0" ind2="0"><subfield code="a">Two</subfield></datafield></record>
<record><leader>00000nam a2200000 a 4500</leader><datafield tag="245" ind1="0" ind2="0"><subfield code="a">Three</subfield></datafield></record>
<record><leader>00000nam a2200000 a 4500</leader><datafield tag="245"><subfield code="a">Four</datafield></record>
</collection>`;
    const items = await readAll([xml]);
    expect(items.map((i) => (i.ok ? "ok" : i.position))).toEqual(["ok", 2, "ok", 4]);
    const [, second, , fourth] = items;
    expect(second).toMatchObject({ reason: "the leader is 5 characters, not 24 (line 3)" });
    expect(fourth).toMatchObject({ reason: expect.stringContaining("not well-formed") });
  });
});
