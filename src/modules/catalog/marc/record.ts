// The in-memory MARC record every reader produces, and small accessors the mapping uses.

export interface Subfield {
  code: string;
  value: string;
}
export interface ControlField {
  tag: string;
  value: string;
}
export interface DataField {
  tag: string;
  ind1: string;
  ind2: string;
  subfields: Subfield[];
}
export type MarcField = ControlField | DataField;

export interface MarcRecord {
  leader: string;
  fields: MarcField[];
  /** Something was kept that could not be decoded faithfully (an unmapped MARC-8 character set). */
  warnings: string[];
}

export const isControl = (f: MarcField): f is ControlField => "value" in f;

export function control(record: MarcRecord, tag: string): string | null {
  const f = record.fields.find((x) => x.tag === tag && isControl(x));
  return f && isControl(f) ? f.value : null;
}

export function dataFields(record: MarcRecord, tags: string | string[]): DataField[] {
  const wanted = Array.isArray(tags) ? tags : [tags];
  return record.fields.filter((f): f is DataField => !isControl(f) && wanted.includes(f.tag));
}

export function sub(field: DataField, codes: string): string[] {
  return field.subfields.filter((s) => codes.includes(s.code)).map((s) => s.value);
}

export function firstSub(field: DataField | undefined, code: string): string | null {
  return field?.subfields.find((s) => s.code === code)?.value ?? null;
}

/** One problem record: where it is in the file and why it was not imported. */
export interface BadRecord {
  /** 1-based position of the record in the file. */
  position: number;
  /** Byte offset in binary files; null for XML and CSV (the line or element is in the reason). */
  offset: number | null;
  reason: string;
}

export type ReadItem = { ok: true; position: number; record: MarcRecord } | ({ ok: false } & BadRecord);
