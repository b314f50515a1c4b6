// ISBN-10 and ISBN-13: normalised to digits, checked, and converted, so one edition has one key.

/** Digits (and a final X) of the first ISBN-looking token: "0-201-61622-X (pbk.)" → "020161622X". */
export function isbnCandidate(raw: string): string {
  const token = raw.trim().split(/[\s(:;]/)[0] ?? "";
  return token.replace(/[-\u2010-\u2015.]/g, "").toUpperCase();
}

export function isValidIsbn10(isbn: string): boolean {
  if (!/^\d{9}[\dX]$/.test(isbn)) return false;
  const sum = [...isbn].reduce((acc, ch, i) => acc + (ch === "X" ? 10 : Number(ch)) * (10 - i), 0);
  return sum % 11 === 0;
}

export function isValidIsbn13(isbn: string): boolean {
  if (!/^97[89]\d{10}$/.test(isbn)) return false;
  const sum = [...isbn].reduce((acc, ch, i) => acc + Number(ch) * (i % 2 === 0 ? 1 : 3), 0);
  return sum % 10 === 0;
}

export function isbn10To13(isbn10: string): string {
  const body = `978${isbn10.slice(0, 9)}`;
  const sum = [...body].reduce((acc, ch, i) => acc + Number(ch) * (i % 2 === 0 ? 1 : 3), 0);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

export function isbn13To10(isbn13: string): string | null {
  if (!isbn13.startsWith("978")) return null;
  const body = isbn13.slice(3, 12);
  const sum = [...body].reduce((acc, ch, i) => acc + Number(ch) * (10 - i), 0);
  const check = (11 - (sum % 11)) % 11;
  return `${body}${check === 10 ? "X" : check}`;
}

/** A checked ISBN as { isbn13, isbn10 }, or null when the text is not a valid ISBN. */
export function normalizeIsbn(raw: string): { isbn13: string; isbn10: string | null } | null {
  const c = isbnCandidate(raw);
  if (c.length === 10 && isValidIsbn10(c)) return { isbn13: isbn10To13(c), isbn10: c };
  if (c.length === 13 && isValidIsbn13(c)) return { isbn13: c, isbn10: isbn13To10(c) };
  return null;
}
