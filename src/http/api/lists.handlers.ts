import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Deps } from "../../compose.ts";
import type { MessageKey } from "../../i18n/index.ts";
import {
  addListItem,
  createList,
  createShelf,
  deleteList,
  deleteShelf,
  findListCard,
  type ListCard,
  type ListPage,
  listsOf,
  myShelves,
  publicLists,
  removeFromShelf,
  removeListItem,
  type ShelfPage,
  type ShelfSummary,
  shelveWork,
  suggestListItem,
  updateList,
  updateShelf,
  viewList,
  viewShelf,
  type WorkSummary,
  workSummaries,
} from "../../modules/reading/index.ts";
import type { AppContext, AppEnv } from "../context.ts";
import { workPath } from "../pages/catalog/work-paths.ts";
import { listPath, shelfPath } from "../pages/lists/labels.ts";
import {
  addListItemRoute,
  createListRoute,
  createShelfRoute,
  deleteListRoute,
  deleteShelfRoute,
  getListRoute,
  getShelfRoute,
  listListsRoute,
  listShelvesRoute,
  removeListItemRoute,
  shelveWorkRoute,
  suggestListItemRoute,
  unshelveWorkRoute,
  updateListRoute,
  updateShelfRoute,
} from "./lists.routes.ts";
import { apiProblem } from "./problems.ts";
import { currentUser } from "./scope-guard.ts";

/** The same page size as the lists page, so both show the same pages. */
const PAGE_SIZE = 24;

export function listsHandlers(api: OpenAPIHono<AppEnv>, deps: Deps) {
  const url = (path: string) => `${deps.config.baseUrl}${path}`;
  const workRef = (work: WorkSummary) => ({
    workId: work.id,
    url: url(workPath(work.id)),
    title: work.title,
    contributors: work.contributors,
  });

  const shelfJson = (shelf: ShelfSummary) => ({
    id: shelf.id,
    url: url(shelfPath(shelf.id)),
    name: shelf.name,
    kind: shelf.kind,
    visibility: shelf.visibility,
    itemCount: shelf.itemCount,
    createdAt: shelf.createdAt.toISOString(),
  });
  const shelfDetailJson = (page: ShelfPage) => ({
    ...shelfJson(page.shelf),
    owner: page.owner,
    items: page.items.map((item) => ({
      ...workRef(item.work),
      startedOn: item.startedOn,
      finishedOn: item.finishedOn,
      progress: item.progress,
      addedAt: item.addedAt.toISOString(),
    })),
  });
  const listJson = (list: ListCard) => ({
    id: list.id,
    url: url(listPath(list.id)),
    title: list.title,
    description: list.description,
    visibility: list.visibility,
    byLibrary: list.byLibrary,
    openToSuggestions: list.openToSuggestions,
    hidden: !!list.hiddenAt,
    owner: { id: list.ownerId, displayName: list.ownerName },
    itemCount: list.itemCount,
    createdAt: list.createdAt.toISOString(),
    updatedAt: list.updatedAt.toISOString(),
  });
  const listDetailJson = (page: ListPage) => ({
    ...listJson(page.list),
    items: page.items.map((item) => ({
      ...workRef(item.work),
      note: item.note,
      position: item.position,
      addedAt: item.addedAt.toISOString(),
    })),
    editors: page.editors,
    permissions: { edit: page.access.canEdit, manage: page.access.canManage, suggest: page.access.canSuggest },
  });

  const t = (c: AppContext, key: MessageKey) => c.var.tr.t(key);
  const notFound = (c: AppContext, detail: MessageKey) => apiProblem(c, 404, t(c, "api.problem.notFound.title"), t(c, detail));
  const forbidden = (c: AppContext, detail: MessageKey) => apiProblem(c, 403, t(c, "lists.api.forbidden.title"), t(c, detail));
  const conflict = (c: AppContext, detail: MessageKey) => apiProblem(c, 409, t(c, "lists.api.conflict.title"), t(c, detail));
  /** A 422 naming the one field a service refused, as the validation hook does for the fields it refuses. */
  const fieldProblem = (c: AppContext, field: string, message: MessageKey) =>
    apiProblem(c, 422, t(c, "api.problem.validation.title"), t(c, "api.problem.validation.detail"), {
      errors: [{ field, message: t(c, message) }],
    });

  // ---- shelves

  api.openapi(listShelvesRoute, async (c) => {
    const shelves = await myShelves(deps.db, currentUser(c).id);
    return c.json({ items: shelves.map(shelfJson) }, 200);
  });

  api.openapi(createShelfRoute, async (c) => {
    const created = await createShelf(deps, currentUser(c).id, c.req.valid("json"));
    if (!created.ok) {
      return created.error === "name-taken"
        ? fieldProblem(c, "name", "lists.shelf.nameTaken")
        : fieldProblem(c, "visibility", "lists.childPrivate");
    }
    return c.json(shelfJson({ ...created.value, itemCount: 0 }), 201);
  });

  api.openapi(getShelfRoute, async (c) => {
    const page = await viewShelf(deps.db, c.var.user, c.req.valid("param").id);
    return page.ok ? c.json(shelfDetailJson(page.value), 200) : notFound(c, "lists.api.shelfNotFound");
  });

  api.openapi(updateShelfRoute, async (c) => {
    const user = currentUser(c);
    const { id } = c.req.valid("param");
    const saved = await updateShelf(deps, user.id, id, c.req.valid("json"));
    if (!saved.ok) {
      switch (saved.error) {
        case "not-found":
          return notFound(c, "lists.api.shelfNotFound");
        case "name-taken":
          return fieldProblem(c, "name", "lists.shelf.nameTaken");
        case "default-shelf":
          return fieldProblem(c, "name", "lists.api.defaultShelfName");
        case "child-private":
          return fieldProblem(c, "visibility", "lists.childPrivate");
      }
    }
    const page = await viewShelf(deps.db, user, id);
    return page.ok ? c.json(shelfJson(page.value.shelf), 200) : notFound(c, "lists.api.shelfNotFound");
  });

  api.openapi(deleteShelfRoute, async (c) => {
    const deleted = await deleteShelf(deps.db, currentUser(c).id, c.req.valid("param").id);
    if (deleted.ok) return c.body(null, 204);
    return deleted.error === "default-shelf"
      ? conflict(c, "lists.api.defaultShelfDelete")
      : notFound(c, "lists.api.shelfNotFound");
  });

  api.openapi(shelveWorkRoute, async (c) => {
    const { id, workId } = c.req.valid("param");
    const saved = await shelveWork(deps, currentUser(c).id, id, workId, c.req.valid("json"));
    if (!saved.ok) {
      switch (saved.error) {
        case "not-found":
          return notFound(c, "lists.api.shelfNotFound");
        case "work-not-found":
          return notFound(c, "lists.api.workNotFound");
        case "date-order":
          return fieldProblem(c, "finishedOn", "lists.validation.date.order");
      }
    }
    const work = (await workSummaries(deps.db, [workId])).get(workId);
    if (!work) return notFound(c, "lists.api.workNotFound");
    const item = saved.value;
    return c.json(
      {
        ...workRef(work),
        startedOn: item.startedOn,
        finishedOn: item.finishedOn,
        progress: item.progress,
        addedAt: item.addedAt.toISOString(),
      },
      200,
    );
  });

  api.openapi(unshelveWorkRoute, async (c) => {
    const { id, workId } = c.req.valid("param");
    const removed = await removeFromShelf(deps.db, currentUser(c).id, id, workId);
    return removed.ok ? c.body(null, 204) : notFound(c, "lists.api.itemNotFound");
  });

  // ---- lists

  api.openapi(listListsRoute, async (c) => {
    const { scope, page } = c.req.valid("query");
    if (scope === "mine") {
      if (!c.var.user) {
        c.header("WWW-Authenticate", "Bearer");
        return apiProblem(c, 401, t(c, "api.problem.unauthorized.title"), t(c, "api.problem.unauthorized.detail"));
      }
      const mine = await listsOf(deps.db, c.var.user.id);
      return c.json({ total: mine.length, items: mine.map(listJson) }, 200);
    }
    const listed = await publicLists(deps.db, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    return c.json({ total: listed.total, items: listed.items.map(listJson) }, 200);
  });

  api.openapi(createListRoute, async (c) => {
    const created = await createList(deps, currentUser(c), c.req.valid("json"));
    if (!created.ok) return fieldProblem(c, "visibility", "lists.childPrivate");
    const card = await findListCard(deps.db, created.value.id);
    if (!card) throw new Error(`list ${created.value.id} vanished as it was made`);
    return c.json(listJson(card), 201);
  });

  api.openapi(getListRoute, async (c) => {
    const page = await viewList(deps.db, c.var.user, c.req.valid("param").id);
    return page.ok ? c.json(listDetailJson(page.value), 200) : notFound(c, "lists.api.listNotFound");
  });

  api.openapi(updateListRoute, async (c) => {
    const { id } = c.req.valid("param");
    const saved = await updateList(deps, currentUser(c), id, c.req.valid("json"));
    if (!saved.ok) {
      switch (saved.error) {
        case "not-found":
          return notFound(c, "lists.api.listNotFound");
        case "forbidden":
          return forbidden(c, "lists.api.listForbidden");
        case "child-private":
          return fieldProblem(c, "visibility", "lists.childPrivate");
      }
    }
    const card = await findListCard(deps.db, id);
    return card ? c.json(listJson(card), 200) : notFound(c, "lists.api.listNotFound");
  });

  api.openapi(deleteListRoute, async (c) => {
    const deleted = await deleteList(deps, currentUser(c), c.req.valid("param").id);
    if (deleted.ok) return c.body(null, 204);
    return deleted.error === "forbidden" ? forbidden(c, "lists.api.listForbidden") : notFound(c, "lists.api.listNotFound");
  });

  api.openapi(addListItemRoute, async (c) => {
    const input = c.req.valid("json");
    const added = await addListItem(deps, currentUser(c), c.req.valid("param").id, input);
    if (!added.ok) {
      switch (added.error) {
        case "not-found":
          return notFound(c, "lists.api.listNotFound");
        case "forbidden":
          return forbidden(c, "lists.api.editForbidden");
        case "work-not-found":
          return fieldProblem(c, "workId", "lists.validation.work.invalid");
        case "already-on-list":
          return conflict(c, "lists.add.alreadyOn");
        case "child-note":
          return fieldProblem(c, "note", "lists.childNote");
      }
    }
    const work = (await workSummaries(deps.db, [input.workId])).get(input.workId);
    if (!work) return fieldProblem(c, "workId", "lists.validation.work.invalid");
    const item = added.value;
    return c.json({ ...workRef(work), note: item.note, position: item.position, addedAt: item.addedAt.toISOString() }, 201);
  });

  api.openapi(removeListItemRoute, async (c) => {
    const { id, workId } = c.req.valid("param");
    const removed = await removeListItem(deps, currentUser(c), id, workId);
    if (removed.ok) return c.body(null, 204);
    switch (removed.error) {
      case "not-found":
        return notFound(c, "lists.api.listNotFound");
      case "forbidden":
        return forbidden(c, "lists.api.editForbidden");
      case "item-not-found":
        return notFound(c, "lists.api.itemNotFound");
    }
  });

  api.openapi(suggestListItemRoute, async (c) => {
    const suggested = await suggestListItem(deps, currentUser(c), c.req.valid("param").id, c.req.valid("json"));
    if (!suggested.ok) {
      switch (suggested.error) {
        case "not-found":
          return notFound(c, "lists.api.listNotFound");
        case "closed":
          return forbidden(c, "lists.api.suggestClosed");
        case "work-not-found":
          return fieldProblem(c, "workId", "lists.validation.work.invalid");
        case "already-on-list":
          return conflict(c, "lists.add.alreadyOn");
        case "already-suggested":
          return conflict(c, "lists.suggest.already");
        case "child-note":
          return fieldProblem(c, "note", "lists.childNote");
      }
    }
    const s = suggested.value;
    return c.json(
      { id: s.id, listId: s.listId, workId: s.workId, note: s.note, status: s.status, createdAt: s.createdAt.toISOString() },
      201,
    );
  });
}
