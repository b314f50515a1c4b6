// How shelves, lists and works read on these pages: translated default shelf names, visibility names,
// bylines, and the addresses of shelves and lists (shared with the API, so both point at the same URLs).
import type { ListVisibility, ReviewVisibility, ShelfKind } from "../../../db/schema/index.ts";
import type { Translator } from "../../../i18n/index.ts";
import type { WorkSummary } from "../../../modules/reading/index.ts";

export const shelfPath = (id: string) => `/shelves/${id}`;
export const listPath = (id: string) => `/lists/${id}`;

/** Default shelves are named in the reader's language; custom shelves by the name their owner gave. */
export const shelfName = (tr: Translator, shelf: { kind: ShelfKind; name: string }) =>
  shelf.kind === "custom" ? shelf.name : tr.t(`lists.shelf.kind.${shelf.kind}`);

export const shelfVisibilityLabel = (tr: Translator, v: ReviewVisibility) => tr.t(`lists.shelf.visibility.${v}`);
export const listVisibilityLabel = (tr: Translator, v: ListVisibility) => tr.t(`lists.list.visibility.${v}`);

/** The first contributors of a work, for a line under its title. */
export function byline(work: WorkSummary, max = 3): string {
  const names = work.contributors.slice(0, max).join("; ");
  return work.contributors.length > max ? `${names}; …` : names;
}

/** A search for a book by its title and author, as the import report offers for each unmatched row. */
export const searchFor = (title: string, author: string) =>
  `/search?${new URLSearchParams({ q: [title, author].filter(Boolean).join(" ") }).toString()}`;
