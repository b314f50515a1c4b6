// MARC 21 exchange format (ISO 2709) read at the byte level: directory offsets count bytes, and the
// bytes may be MARC-8 rather than UTF-8, so records are validated and decoded here, field by field.
// A broken record is reported with its position and byte offset, and reading goes on with the next.
import { decodeMarc8 } from "./marc8.ts";
import type { DataField, MarcField, MarcRecord, ReadItem } from "./record.ts";

const RECORD_END = 0x1d;
const FIELD_END = 0x1e;
const SUBFIELD = 0x1f;
const utf8 = new TextDecoder("utf-8", { fatal: true });

class RecordError extends Error {}

const digits = (bytes: Uint8Array, from: number, to: number): number | null => {
  let n = 0;
  for (let i = from; i < to; i++) {
    const b = bytes[i] as number;
    if (b < 0x30 || b > 0x39) return null;
    n = n * 10 + (b - 0x30);
  }
  return n;
};

const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

/** Reads records from a stream of bytes (a file, an upload), one at a time. */
export async function* readIso2709(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<ReadItem> {
  let pending = new Uint8Array(0);
  let pendingOffset = 0;
  let position = 0;
  for await (const chunk of chunks) {
    const buffer = pending.length ? concat(pending, chunk) : chunk;
    let start = 0;
    for (let i = 0; i < buffer.length; i++) {
      if (buffer[i] !== RECORD_END) continue;
      position += 1;
      yield parseRecord(buffer.subarray(start, i + 1), position, pendingOffset + start);
      start = i + 1;
    }
    pendingOffset += start;
    pending = buffer.slice(start);
  }
  // Whatever follows the last terminator: a truncated record, or just a trailing newline.
  if (pending.some((b) => b !== 0x0a && b !== 0x0d && b !== 0x20)) {
    position += 1;
    yield {
      ok: false,
      position,
      offset: pendingOffset,
      reason: "the file ends in the middle of a record (no record terminator)",
    };
  }
}

function concat(a: Uint8Array, b: Uint8Array) {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

export function parseRecord(bytes: Uint8Array, position: number, offset: number): ReadItem {
  try {
    return { ok: true, position, record: parse(bytes) };
  } catch (error) {
    if (!(error instanceof RecordError)) throw error;
    return { ok: false, position, offset, reason: error.message };
  }
}

function parse(bytes: Uint8Array): MarcRecord {
  // Leading line breaks between records are common in exports written by hand or by scripts.
  let skip = 0;
  while (bytes[skip] === 0x0a || bytes[skip] === 0x0d) skip++;
  const rec = bytes.subarray(skip);
  if (rec.length < 25) throw new RecordError(`the record is ${rec.length} bytes, shorter than its 24-byte leader`);
  const declared = digits(rec, 0, 5);
  if (declared === null) throw new RecordError(`the record length in the leader is not a number ("${ascii(rec, 0, 5)}")`);
  if (declared !== rec.length) throw new RecordError(`the leader says ${declared} bytes but the record has ${rec.length}`);
  const base = digits(rec, 12, 17);
  if (base === null) throw new RecordError(`the base address of data in the leader is not a number ("${ascii(rec, 12, 17)}")`);
  if (base < 25 || base > rec.length)
    throw new RecordError(`the base address of data (${base}) is outside the record (25 to ${rec.length})`);
  if (rec[base - 1] !== FIELD_END) throw new RecordError(`the directory does not end where the base address (${base}) says`);
  const directoryLength = base - 1 - 24;
  if (directoryLength % 12 !== 0)
    throw new RecordError(`the directory is ${directoryLength} bytes, not a whole number of 12-byte entries`);
  if (directoryLength === 0) throw new RecordError("the record has no fields");
  const unicode = rec[9] === 0x61; // leader/09 "a": UCS/Unicode; blank: MARC-8
  const leader = ascii(rec, 0, 24);
  const warnings = new Set<string>();
  const fields: MarcField[] = [];
  for (let e = 24; e < base - 1; e += 12) {
    const tag = ascii(rec, e, e + 3);
    if (!/^[0-9A-Za-z]{3}$/.test(tag)) throw new RecordError(`directory entry ${(e - 24) / 12 + 1} has an invalid tag`);
    const length = digits(rec, e + 3, e + 7);
    const start = digits(rec, e + 7, e + 12);
    if (length === null || start === null)
      throw new RecordError(`directory entry for field ${tag} has a length or start that is not a number`);
    const from = base + start;
    const to = from + length;
    if (length < 1 || to > rec.length - 1) throw new RecordError(`field ${tag} runs past the end of the record`);
    if (rec[to - 1] !== FIELD_END) throw new RecordError(`field ${tag} does not end with a field terminator`);
    const data = rec.subarray(from, to - 1);
    fields.push(
      tag < "010" && /^\d+$/.test(tag)
        ? { tag, value: decode(data, unicode, warnings, tag) }
        : dataField(tag, data, unicode, warnings),
    );
  }
  return { leader, fields, warnings: [...warnings] };
}

function dataField(tag: string, data: Uint8Array, unicode: boolean, warnings: Set<string>): DataField {
  if (data.length < 2) throw new RecordError(`field ${tag} is too short to hold its two indicators`);
  const field: DataField = {
    tag,
    ind1: String.fromCharCode(data[0] as number),
    ind2: String.fromCharCode(data[1] as number),
    subfields: [],
  };
  let i = 2;
  while (i < data.length) {
    if (data[i] !== SUBFIELD) throw new RecordError(`field ${tag} has data outside any subfield`);
    let j = i + 1;
    while (j < data.length && data[j] !== SUBFIELD) j++;
    if (j === i + 1) throw new RecordError(`field ${tag} has an empty subfield code`);
    const code = String.fromCharCode(data[i + 1] as number);
    field.subfields.push({ code, value: decode(data.subarray(i + 2, j), unicode, warnings, tag) });
    i = j;
  }
  return field;
}

function decode(bytes: Uint8Array, unicode: boolean, warnings: Set<string>, tag: string): string {
  if (unicode) {
    try {
      return utf8.decode(bytes).normalize("NFC");
    } catch {
      throw new RecordError(`field ${tag} is not valid UTF-8 although the leader says Unicode`);
    }
  }
  const { text, unsupported } = decodeMarc8(bytes);
  if (unsupported)
    warnings.add(`field ${tag} uses a MARC-8 character set other than Latin; some characters may show as replacements`);
  return text;
}
