// The placeholder cover of a work without an uploaded one: title and first contributor on a colour chosen
// from the work's id, drawn here so that no cover is ever fetched from elsewhere.

/** Dark backgrounds on which white text passes WCAG AA (all above 7:1). */
const PALETTE = ["#1f4e79", "#7a2e39", "#2e5e3a", "#5b3a78", "#7a4a12", "#21535e", "#4a4a55", "#6b2f57"];

const WIDTH = 200;
const HEIGHT = 300;
const TITLE = { size: 20, lineHeight: 25, charsPerLine: 15, maxLines: 6, top: 62 };
const AUTHOR = { size: 14, lineHeight: 18, charsPerLine: 22, maxLines: 2, bottom: 262 };

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (ch) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[ch] ?? ch);

/** The same work always gets the same colour; the end of a UUIDv7 is random, unlike its start (a timestamp). */
function coverColour(id: string): string {
  const seed = Number.parseInt(id.replace(/-/g, "").slice(-6), 16) || 0;
  return PALETTE[seed % PALETTE.length] ?? "#1f4e79";
}

/** Greedy word wrap by character count (the cover's font is not measured); the last line is cut with "…". */
function wrapText(text: string, charsPerLine: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (next.length <= charsPerLine || !line) {
      line = next;
    } else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  const kept = lines.slice(0, maxLines).map((l) => (l.length > charsPerLine ? `${l.slice(0, charsPerLine - 1)}…` : l));
  if (lines.length > maxLines) kept[maxLines - 1] = `${(kept[maxLines - 1] ?? "").slice(0, charsPerLine - 1)}…`;
  return kept;
}

const tspans = (lines: string[], lineHeight: number) =>
  lines.map((l, i) => `<tspan x="${WIDTH / 2}" dy="${i === 0 ? 0 : lineHeight}">${escapeXml(l)}</tspan>`).join("");

/**
 * An SVG document with role="img" and a <title> naming it, so it is described when opened on its own too;
 * the page that shows it gives the <img> its own alt text.
 */
export function placeholderCoverSvg(input: { id: string; title: string; author: string | null; label: string }): string {
  const titleLines = wrapText(input.title, TITLE.charsPerLine, TITLE.maxLines);
  const authorLines = input.author ? wrapText(input.author, AUTHOR.charsPerLine, AUTHOR.maxLines) : [];
  const authorTop = AUTHOR.bottom - (authorLines.length - 1) * AUTHOR.lineHeight;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-labelledby="cover-title">`,
    `<title id="cover-title">${escapeXml(input.label)}</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="${coverColour(input.id)}"/>`,
    `<rect x="10" y="10" width="${WIDTH - 20}" height="${HEIGHT - 20}" fill="none" stroke="#ffffff" stroke-opacity="0.6" stroke-width="2"/>`,
    `<text x="${WIDTH / 2}" y="${TITLE.top}" text-anchor="middle" fill="#ffffff" font-family="Georgia, 'Times New Roman', serif" font-size="${TITLE.size}" font-weight="700">${tspans(titleLines, TITLE.lineHeight)}</text>`,
    authorLines.length
      ? `<text x="${WIDTH / 2}" y="${authorTop}" text-anchor="middle" fill="#ffffff" font-family="system-ui, sans-serif" font-size="${AUTHOR.size}">${tspans(authorLines, AUTHOR.lineHeight)}</text>`
      : "",
    "</svg>",
  ].join("\n");
}
