// MARCXML (MARC 21 slim) read as a stream of XML events, so a file of any size is read in constant
// memory. Elements are matched by namespace and local name, with or without a "marc:" prefix.
import { SaxesParser } from "saxes";
import type { DataField, MarcRecord, ReadItem } from "./record.ts";

const SLIM = "http://www.loc.gov/MARC21/slim";

export async function* readMarcXml(
  chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
): AsyncGenerator<ReadItem> {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const ready: ReadItem[] = [];
  let position = 0;
  let record: MarcRecord | null = null;
  let recordLine = 0;
  let problem: string | null = null;
  let field: DataField | null = null;
  let controlTag: string | null = null;
  let subCode: string | null = null;
  let text = "";
  let inLeader = false;
  let fatal: string | null = null;
  let fatalReported = false;

  const isMarc = (uri: string | undefined) => uri === SLIM || uri === "" || uri === undefined;
  parser.on("opentag", (node) => {
    if (!isMarc(node.uri) || fatal) return;
    const attr = (name: string) => node.attributes[name]?.value ?? "";
    switch (node.local) {
      case "record":
        position += 1;
        record = { leader: "", fields: [], warnings: [] };
        recordLine = parser.line;
        problem = null;
        break;
      case "leader":
        inLeader = true;
        text = "";
        break;
      case "controlfield":
        controlTag = attr("tag");
        text = "";
        break;
      case "datafield":
        field = { tag: attr("tag"), ind1: attr("ind1") || " ", ind2: attr("ind2") || " ", subfields: [] };
        break;
      case "subfield":
        subCode = attr("code");
        text = "";
        break;
    }
  });
  parser.on("text", (t) => {
    if (inLeader || controlTag !== null || subCode !== null) text += t;
  });
  parser.on("closetag", (node) => {
    if (!isMarc(node.uri) || !record) return;
    if (fatal && node.local !== "record") return;
    switch (node.local) {
      case "leader":
        inLeader = false;
        record.leader = text;
        break;
      case "controlfield":
        if (!/^[0-9A-Za-z]{3}$/.test(controlTag ?? "")) problem ??= `a control field has an invalid tag "${controlTag}"`;
        record.fields.push({ tag: controlTag ?? "", value: text });
        controlTag = null;
        break;
      case "subfield":
        if (!field) problem ??= "a subfield stands outside any data field";
        else if (subCode?.length !== 1) problem ??= `field ${field.tag} has a subfield without a one-character code`;
        else field.subfields.push({ code: subCode, value: text.normalize("NFC") });
        subCode = null;
        break;
      case "datafield":
        if (field) {
          if (!/^[0-9A-Za-z]{3}$/.test(field.tag)) problem ??= `a data field has an invalid tag "${field.tag}"`;
          record.fields.push(field);
        }
        field = null;
        break;
      case "record":
        if (!problem && record.leader.length !== 24) problem = `the leader is ${record.leader.length} characters, not 24`;
        if (!problem && record.fields.length === 0) problem = "the record has no fields";
        ready.push(
          problem
            ? { ok: false, position, offset: null, reason: `${problem} (line ${recordLine})` }
            : { ok: true, position, record },
        );
        record = null;
        break;
    }
  });
  // Not well-formed XML cannot be trusted past the error: the record it is in is reported, and no
  // record after it is read.
  parser.on("error", (e) => {
    if (fatal) return;
    fatal = e.message;
    if (record) {
      problem = `the XML is not well-formed, reading stopped here: ${e.message}`;
      fatalReported = true;
    }
  });

  const decoder = new TextDecoder("utf-8");
  for await (const chunk of chunks) {
    parser.write(typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true }));
    if (fatal) break;
    yield* ready.splice(0);
  }
  if (!fatal) parser.close();
  // The record the error happened in may never have been closed.
  const open = record as MarcRecord | null;
  if (fatal && open && fatalReported)
    ready.push({ ok: false, position, offset: null, reason: `${problem} (line ${recordLine})` });
  yield* ready.splice(0);
  if (fatal && !fatalReported) {
    yield { ok: false, position: position + 1, offset: null, reason: `the XML is not well-formed, reading stopped: ${fatal}` };
  }
}
