import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readIso2709 } from "./iso2709.ts";
import { control, dataFields, firstSub, type ReadItem } from "./record.ts";

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../../../../samples/marc/${name}`, import.meta.url)));

async function readAll(chunks: Iterable<Uint8Array>): Promise<ReadItem[]> {
  const out: ReadItem[] = [];
  for await (const item of readIso2709(chunks)) out.push(item);
  return out;
}

/** Splits a buffer into small chunks, so records straddle chunk boundaries as they do in a stream. */
const chunked = (buf: Uint8Array, size: number) => {
  const parts: Uint8Array[] = [];
  for (let i = 0; i < buf.length; i += size) parts.push(buf.subarray(i, i + size));
  return parts;
};

describe("readIso2709", () => {
  it("reads all 20 records of marc.dat, whatever the chunk size", async () => {
    for (const size of [7, 1000, 1 << 20]) {
      const items = await readAll(chunked(fixture("marc.dat"), size));
      expect(items).toHaveLength(20);
      expect(items.every((i) => i.ok)).toBe(true);
    }
    const [first] = await readAll([fixture("marc.dat")]);
    if (!first?.ok) throw new Error("first record should read");
    expect(control(first.record, "001")).toBeTruthy();
    expect(firstSub(dataFields(first.record, "245")[0], "a")).toMatch(/\S/);
  });

  it("reports each broken record of bad_records.mrc with its position and reason, and reads the rest", async () => {
    const items = await readAll([fixture("bad_records.mrc")]);
    expect(items.map((i) => i.ok)).toEqual([true, false, false, false, false, false, false, true]);
    const bad = items.filter((i) => !i.ok);
    expect(bad.map((b) => b.position)).toEqual([2, 3, 4, 5, 6, 7]);
    for (const b of bad) expect(b.reason.length).toBeGreaterThan(10);
    expect(bad[0]).toMatchObject({ offset: 127, reason: expect.stringContaining("base address") });
    expect(bad.find((b) => b.position === 7)?.reason).toBe("the record has no fields");
  });

  it("decodes MARC-8 (leader/09 blank) and UTF-8 (leader/09 a)", async () => {
    const build = (leader9: string, title: Uint8Array) => {
      const field = new Uint8Array([0x31, 0x30, 0x1f, 0x61, ...title, 0x1e]);
      const directory = new TextEncoder().encode(`245${String(field.length).padStart(4, "0")}00000`);
      const base = 24 + directory.length + 1;
      const total = base + field.length + 1;
      const leader = new TextEncoder().encode(
        `${String(total).padStart(5, "0")}nam ${leader9}22${String(base).padStart(5, "0")}   4500`,
      );
      return new Uint8Array([...leader, ...directory, 0x1e, ...field, 0x1d]);
    };
    const marc8 = build(" ", new Uint8Array([...new TextEncoder().encode("Cien a"), 0xe4, ...new TextEncoder().encode("nos")]));
    const unicode = build("a", new TextEncoder().encode("Cien años"));
    const items = await readAll([marc8, unicode]);
    const titles = items.map((i) => (i.ok ? firstSub(dataFields(i.record, "245")[0], "a") : i.reason));
    expect(titles).toEqual(["Cien años", "Cien años"]);
  });

  it("reports a file cut off in the middle of a record", async () => {
    const whole = fixture("one.dat");
    const items = await readAll([whole, whole.subarray(0, 100)]);
    expect(items.map((i) => i.ok)).toEqual([true, false]);
    expect(items[1]).toMatchObject({ position: 2, offset: whole.length, reason: expect.stringContaining("ends in the middle") });
  });
});
