// A list as a CSV file and as RSS 2.0 and Atom feeds. The feeds are small and fixed in shape, so they are
// written here rather than with a feed library; every text goes through xmlText, every link is absolute.
import { type Row, toCsv } from "../../../modules/accounts/index.ts";
import type { ListCard, ListItemView } from "../../../modules/reading/index.ts";
import { workPath } from "../catalog/work-paths.ts";
import { byline, listPath } from "./labels.ts";

/**
 * Escapes text for XML element content and attribute values, and drops the characters XML 1.0 does not allow
 * at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF), which a title pasted from elsewhere may carry.
 */
export function xmlText(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

export function listCsv(baseUrl: string, items: ListItemView[]): string {
  const rows: Row[] = items.map((item, index) => ({
    position: index + 1,
    title: item.work.title,
    contributors: item.work.contributors.join("; "),
    note: item.note,
    added_at: item.addedAt,
    url: `${baseUrl}${workPath(item.work.id)}`,
  }));
  // toCsv takes its columns from the rows; an empty list still gets its header.
  return rows.length ? toCsv(rows) : "position,title,contributors,note,added_at,url\r\n";
}

export interface FeedText {
  /** Who the feed is by: the library, or the patron who made the list. */
  author: string;
  /** Shown when the list has no description of its own. */
  fallbackDescription: string;
  /** "by {names}" for an item, in the reader's language. */
  itemBy: (names: string) => string;
}

const newestFirst = (items: ListItemView[]) => [...items].sort((a, b) => b.addedAt.getTime() - a.addedAt.getTime());

/** When the feed last changed: its newest item, or the list itself when that is later (a new title). */
const feedUpdated = (list: ListCard, items: ListItemView[]) =>
  new Date(Math.max(list.updatedAt.getTime(), ...items.map((i) => i.addedAt.getTime())));

function itemSummary(item: ListItemView, text: FeedText): string {
  const names = byline(item.work);
  return [names ? text.itemBy(names) : "", item.note].filter(Boolean).join("\n\n");
}

/** Stable ids for feed readers: the item's place in this list, which the work's address alone is not. */
const itemId = (baseUrl: string, list: ListCard, item: ListItemView) => `${baseUrl}${listPath(list.id)}#work-${item.work.id}`;

export function listRss(baseUrl: string, list: ListCard, items: ListItemView[], text: FeedText): string {
  const page = `${baseUrl}${listPath(list.id)}`;
  const entries = newestFirst(items).map((item) => {
    const summary = itemSummary(item, text);
    return [
      "    <item>",
      `      <title>${xmlText(item.work.title)}</title>`,
      `      <link>${xmlText(`${baseUrl}${workPath(item.work.id)}`)}</link>`,
      `      <guid isPermaLink="false">${xmlText(itemId(baseUrl, list, item))}</guid>`,
      `      <pubDate>${item.addedAt.toUTCString()}</pubDate>`,
      summary ? `      <description>${xmlText(summary)}</description>` : "",
      "    </item>",
    ]
      .filter(Boolean)
      .join("\n");
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    "  <channel>",
    `    <title>${xmlText(list.title)}</title>`,
    `    <link>${xmlText(page)}</link>`,
    `    <description>${xmlText(list.description || text.fallbackDescription)}</description>`,
    `    <atom:link href="${xmlText(`${page}.rss`)}" rel="self" type="application/rss+xml"/>`,
    `    <lastBuildDate>${feedUpdated(list, items).toUTCString()}</lastBuildDate>`,
    ...entries,
    "  </channel>",
    "</rss>",
    "",
  ].join("\n");
}

export function listAtom(baseUrl: string, list: ListCard, items: ListItemView[], text: FeedText): string {
  const page = `${baseUrl}${listPath(list.id)}`;
  const entries = newestFirst(items).map((item) => {
    const summary = itemSummary(item, text);
    return [
      "  <entry>",
      `    <id>${xmlText(itemId(baseUrl, list, item))}</id>`,
      `    <title>${xmlText(item.work.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${xmlText(`${baseUrl}${workPath(item.work.id)}`)}"/>`,
      `    <updated>${item.addedAt.toISOString()}</updated>`,
      summary ? `    <summary>${xmlText(summary)}</summary>` : "",
      "  </entry>",
    ]
      .filter(Boolean)
      .join("\n");
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${xmlText(page)}</id>`,
    `  <title>${xmlText(list.title)}</title>`,
    `  <subtitle>${xmlText(list.description || text.fallbackDescription)}</subtitle>`,
    `  <link rel="alternate" type="text/html" href="${xmlText(page)}"/>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(`${page}.atom`)}"/>`,
    `  <updated>${feedUpdated(list, items).toISOString()}</updated>`,
    `  <author><name>${xmlText(text.author)}</name></author>`,
    ...entries,
    "</feed>",
    "",
  ].join("\n");
}
