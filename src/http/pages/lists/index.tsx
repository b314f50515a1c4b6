// Shelves and lists: the pages, the feeds and exports, the reading-history import, and /works/:id/shelve,
// which serves the record page's shelf and list sections (sections.tsx) on a page of their own.
import { Hono } from "hono";
import type { Deps } from "../../../compose.ts";
import type { AppEnv } from "../../context.ts";
import { importPages } from "./import.page.tsx";
import { listsPages } from "./lists.pages.tsx";
import { shelvesPages } from "./shelves.pages.tsx";
import { workShelvePages } from "./work-shelve.page.tsx";

export { HISTORY_MAX_BYTES } from "./import.page.tsx";
export { AddToListForm, ListsContaining, ShelveForm } from "./sections.tsx";

export function listsAndShelvesPages(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.route("/", importPages(deps));
  app.route("/", shelvesPages(deps));
  app.route("/", listsPages(deps));
  app.route("/", workShelvePages(deps));
  return app;
}
