// MARC-8 to Unicode for the character sets Latin-script catalogues use: ASCII (G0) and ANSEL (G1),
// with ANSEL's combining marks, which MARC-8 writes BEFORE the letter they modify and Unicode AFTER.
// Other sets (CJK/EACC, Cyrillic, Arabic, Hebrew, Greek, sub/superscripts) are reached by escape
// sequences; their text is kept as it is byte for byte and the record is flagged, never silently mangled.

const ANSEL_SPACING: Record<number, string> = {
  161: "Ł",
  162: "Ø",
  163: "Đ",
  164: "Þ",
  165: "Æ",
  166: "Œ",
  167: "ʹ",
  168: "·",
  169: "♭",
  170: "®",
  171: "±",
  172: "Ơ",
  173: "Ư",
  174: "ʼ",
  176: "ʻ",
  177: "ł",
  178: "ø",
  179: "đ",
  180: "þ",
  181: "æ",
  182: "œ",
  183: "ʺ",
  184: "ı",
  185: "£",
  186: "ð",
  188: "ơ",
  189: "ư",
  192: "°",
  193: "ℓ",
  194: "℗",
  195: "©",
  196: "♯",
  197: "¿",
  198: "¡",
  199: "ß",
  200: "€",
};

const ANSEL_COMBINING: Record<number, string> = {
  224: "\u0309",
  225: "\u0300",
  226: "\u0301",
  227: "\u0302",
  228: "\u0303",
  229: "\u0304",
  230: "\u0306",
  231: "\u0307",
  232: "\u0308",
  233: "\u030c",
  234: "\u030a",
  235: "\ufe20",
  236: "\ufe21",
  237: "\u0315",
  238: "\u030b",
  239: "\u0310",
  240: "\u0327",
  241: "\u0328",
  242: "\u0323",
  243: "\u0324",
  244: "\u0325",
  245: "\u0333",
  246: "\u0332",
  247: "\u0326",
  248: "\u031c",
  249: "\u032e",
  250: "\ufe22",
  251: "\ufe23",
  254: "\u0313",
};

export interface Marc8Result {
  text: string;
  /** Bytes that are not ASCII or ANSEL (another character set, or an undefined code). */
  unsupported: boolean;
}

/** Decodes one field's bytes. The result is NFC-normalised so "é" is one character either way. */
export function decodeMarc8(bytes: Uint8Array): Marc8Result {
  let out = "";
  let pendingMarks = "";
  let unsupported = false;
  let otherSet = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b === 0x1b) {
      // ESC ( B / ESC s return to ASCII; anything else selects a set we do not map.
      const next = bytes[i + 1];
      const final = next === 0x28 || next === 0x2c || next === 0x24 ? bytes[i + 2] : next;
      otherSet = !(final === 0x42 || final === 0x73 || final === 0x45);
      if (otherSet) unsupported = true;
      i += next === 0x28 || next === 0x2c || next === 0x24 || next === 0x29 || next === 0x2d ? 2 : 1;
      continue;
    }
    if (b === 0x88 || b === 0x89) continue; // non-sorting markers (NSB/NSE): no text of their own
    if (b === 0x8d) {
      out += "\u200d";
      continue;
    }
    if (b === 0x8e) {
      out += "\u200c";
      continue;
    }
    if (b < 0x80) {
      out += String.fromCharCode(b) + pendingMarks;
      pendingMarks = "";
      continue;
    }
    const mark = ANSEL_COMBINING[b];
    if (mark) {
      pendingMarks += mark;
      continue;
    }
    const spacing = ANSEL_SPACING[b];
    if (spacing) {
      out += spacing + pendingMarks;
      pendingMarks = "";
      continue;
    }
    unsupported = true;
    out += "\ufffd";
  }
  // A mark with no letter after it (a broken record) is kept on its own rather than dropped.
  return { text: (out + pendingMarks).normalize("NFC"), unsupported: unsupported || otherSet };
}
