// Writes MARC 21 records in ISO 2709 (UTF-8), for benchmarks that need many realistic records.
import { isbn10To13 } from "../src/modules/catalog/index.ts";

type Field = { tag: string; value: string } | { tag: string; ind: string; subfields: [string, string][] };

const encoder = new TextEncoder();

export function isoRecord(fields: Field[]): Uint8Array {
  const data: Uint8Array[] = [];
  let directory = "";
  let offset = 0;
  for (const f of fields) {
    const body = "value" in f ? f.value : f.ind + f.subfields.map(([code, text]) => `\x1f${code}${text}`).join("");
    const bytes = encoder.encode(`${body}\x1e`);
    directory += `${f.tag}${String(bytes.length).padStart(4, "0")}${String(offset).padStart(5, "0")}`;
    data.push(bytes);
    offset += bytes.length;
  }
  const base = 24 + directory.length + 1;
  const total = base + offset + 1;
  const leader = `${String(total).padStart(5, "0")}nam a22${String(base).padStart(5, "0")} a 4500`;
  const head = encoder.encode(`${leader}${directory}\x1e`);
  const out = new Uint8Array(total);
  out.set(head);
  let at = head.length;
  for (const d of data) {
    out.set(d, at);
    at += d.length;
  }
  out[total - 1] = 0x1d;
  return out;
}

export const WORDS = [
  "river",
  "library",
  "garden",
  "night",
  "history",
  "ocean",
  "winter",
  "letters",
  "city",
  "silent",
  "machine",
  "atlas",
  "harvest",
  "mountain",
  "northern",
  "lantern",
  "stone",
  "summer",
  "voices",
  "bridge",
];
const NAMES = ["García", "Okafor", "Lindqvist", "Nakamura", "Dubois", "Kowalski", "Haddad", "Murphy", "Rossi", "Novak"];
export const SUBJECTS = [
  "Libraries",
  "Local history",
  "Gardening",
  "Poetry",
  "Fiction",
  "Cooking",
  "Travel",
  "Science",
  "Music",
  "Computer programming",
];

/** A deterministic pseudo-random record number n: no two share a control number or ISBN. */
export function syntheticRecord(n: number): Uint8Array {
  const pick = <T>(list: T[], salt: number) => list[(n * 7919 + salt * 104729) % list.length] as T;
  const body9 = String(100_000_000 + (n % 900_000_000)).slice(0, 9);
  const sum = [...body9].reduce((acc, ch, i) => acc + Number(ch) * (10 - i), 0);
  const check = (11 - (sum % 11)) % 11;
  const isbn10 = `${body9}${check === 10 ? "X" : check}`;
  const title = `The ${pick(WORDS, 1)} ${pick(WORDS, 2)} of ${pick(WORDS, 3)} ${n}`;
  return isoRecord([
    { tag: "001", value: `bench${n}` },
    { tag: "008", value: `990101s${1950 + (n % 75)}    xxu           000 1 eng d` },
    { tag: "020", ind: "  ", subfields: [["a", `${isbn10To13(isbn10)} (pbk.)`]] },
    { tag: "100", ind: "1 ", subfields: [["a", `${pick(NAMES, 4)}, ${pick(WORDS, 5)},`]] },
    {
      tag: "245",
      ind: "14",
      subfields: [
        ["a", `${title} /`],
        ["c", "by someone."],
      ],
    },
    {
      tag: "260",
      ind: "  ",
      subfields: [
        ["a", "Riverside :"],
        ["b", "Example Press,"],
        ["c", `${1950 + (n % 75)}.`],
      ],
    },
    {
      tag: "300",
      ind: "  ",
      subfields: [
        ["a", `${100 + (n % 400)} p. ;`],
        ["c", "22 cm."],
      ],
    },
    {
      tag: "650",
      ind: " 0",
      subfields: [
        ["a", pick(SUBJECTS, 6)],
        ["v", "Fiction."],
      ],
    },
    { tag: "650", ind: " 0", subfields: [["a", pick(SUBJECTS, 7)]] },
    {
      tag: "700",
      ind: "1 ",
      subfields: [
        ["a", `${pick(NAMES, 8)}, ${pick(WORDS, 9)}.`],
        ["e", "editor."],
      ],
    },
  ]);
}
