// Lists: /lists (public lists, the library's first, and the person's own), /lists/new, /lists/:id with the
// forms of its owner and co-editors, /lists/:id/suggestions, and the list as CSV, RSS and Atom.
import { Hono } from "hono";
import { z } from "zod";
import type { Deps } from "../../../compose.ts";
import { LIST_VISIBILITIES } from "../../../db/schema/index.ts";
import { fieldErrors, hasRole } from "../../../modules/accounts/index.ts";
import {
  addListItem,
  createList,
  decideListSuggestion,
  deleteList,
  editorInput,
  inviteListEditor,
  itemNote,
  type ListPage,
  listInput,
  listsOf,
  MOVE_DIRECTIONS,
  moveListItem,
  publicLists,
  removeListEditor,
  removeListItem,
  SUGGESTION_DECISIONS,
  type SuggestionView,
  updateList,
  updateListItemNote,
  viewList,
  viewListSuggestions,
} from "../../../modules/reading/index.ts";
import type { AppContext, AppEnv } from "../../context.ts";
import { redirectWith } from "../../middleware/flash.ts";
import { requireUser } from "../../middleware/guards.ts";
import { limitPerPerson } from "../../middleware/rate-limit.ts";
import { plural } from "../catalog/catalog-labels.ts";
import { workPath } from "../catalog/work-paths.ts";
import { Checkbox, CsrfField, ErrorSummary, type Errors, errorText, Field, Notice } from "../components/form.tsx";
import { errorPage } from "../errors.page.tsx";
import { checked, formFields } from "../form-data.ts";
import { render } from "../layout.tsx";
import { itemCountText, ListCards, MadeBy, RadioGroup } from "./components.tsx";
import { byline, listPath, listVisibilityLabel } from "./labels.ts";
import { LIST_INVITES, LIST_WRITES } from "./limits.ts";
import { type FeedText, listAtom, listCsv, listRss } from "./list-exports.ts";

const ID = "{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}";
const PAGE_SIZE = 24;
const pageNumber = z.coerce.number().int().min(1).max(10_000).catch(1);

const me = (c: AppContext) => {
  const user = c.var.user;
  if (!user) throw new Error("requireUser let a signed-out request through");
  return user;
};

/** The fields of a new list and of a list's settings. */
function ListFields({ c, values, errors }: { c: AppContext; values: Record<string, string>; errors?: Errors | undefined }) {
  const t = c.var.tr.t;
  return (
    <>
      <Field c={c} name="title" label={t("lists.list.title")} value={values.title} errors={errors} required maxlength={120} />
      <Field
        c={c}
        name="description"
        label={t("lists.list.description")}
        hint={t("lists.list.description.hint")}
        value={values.description}
        errors={errors}
        multiline
        maxlength={2000}
      />
      <RadioGroup
        c={c}
        id="visibility"
        name="visibility"
        legend={t("lists.list.visibility.legend")}
        value={values.visibility ?? "private"}
        errors={errors}
        options={LIST_VISIBILITIES.map((v) => ({
          value: v,
          label: listVisibilityLabel(c.var.tr, v),
          hint: t(`lists.list.visibility.${v}.hint`),
        }))}
      />
      <Checkbox
        name="openToSuggestions"
        label={t("lists.list.openToSuggestions")}
        hint={t("lists.list.openToSuggestions.hint")}
        checked={values.openToSuggestions === "on"}
      />
      {hasRole(c.var.user, "staff") && (
        <Checkbox
          name="byLibrary"
          label={t("lists.list.byLibrary", { library: c.var.library.libraryName })}
          hint={t("lists.list.byLibrary.hint")}
          checked={values.byLibrary === "on"}
        />
      )}
    </>
  );
}

const listFormInput = (fields: Record<string, string>) => ({
  ...fields,
  openToSuggestions: checked(fields, "openToSuggestions"),
  byLibrary: checked(fields, "byLibrary"),
});

/** Public and unlisted lists have feeds; private and hidden ones are seen by too few to be subscribed to. */
const hasFeeds = (page: Pick<ListPage, "list">) => page.list.visibility !== "private" && !page.list.hiddenAt;

interface ListFormState {
  settings?: { values: Record<string, string>; errors: Errors };
  invite?: { values: Record<string, string>; errors: Errors };
  note?: { workId: string; values: Record<string, string>; errors: Errors };
}

export function listsPages(deps: Deps) {
  const app = new Hono<AppEnv>();
  const base = deps.config.baseUrl;
  // Every change needs someone signed in; of the pages, the list itself (and its exports) may be public.
  app.use("/lists/new", requireUser);
  app.post("/lists", requireUser);
  // The wildcard also matches /lists/:id itself.
  app.post(`/lists/:id${ID}/*`, requireUser);
  app.get(`/lists/:id${ID}/delete`, requireUser);
  app.get(`/lists/:id${ID}/suggestions`, requireUser);
  const writes = limitPerPerson(deps, "list-write", LIST_WRITES);
  app.post("/lists", writes);
  app.post(`/lists/:id${ID}`, writes);
  app.post(`/lists/:id${ID}/items/:workId${ID}`, writes);
  app.post(`/lists/:id${ID}/editors`, limitPerPerson(deps, "list-invite", LIST_INVITES));

  app.get("/lists", async (c) => {
    const t = c.var.tr.t;
    const page = pageNumber.parse(c.req.query("page"));
    const listed = await publicLists(deps.db, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const mine = c.var.user ? await listsOf(deps.db, c.var.user.id) : [];
    const pages = Math.max(1, Math.ceil(listed.total / PAGE_SIZE));
    return render(
      c,
      t("lists.lists.title"),
      <>
        <h1>{t("lists.lists.title")}</h1>
        <p>{t("lists.lists.intro")}</p>
        {c.var.user && (
          <section aria-labelledby="my-lists">
            <h2 id="my-lists">{t("lists.lists.mine")}</h2>
            <p class="actions">
              <a class="button" href="/lists/new">
                {t("lists.lists.new")}
              </a>
              <a href="/shelves">{t("lists.shelves.link")}</a>
            </p>
            {mine.length ? <ListCards c={c} lists={mine} mine /> : <p>{t("lists.lists.noneMine")}</p>}
          </section>
        )}
        <section aria-labelledby="public-lists">
          <h2 id="public-lists">{t("lists.lists.public")}</h2>
          {listed.items.length ? <ListCards c={c} lists={listed.items} /> : <p>{t("lists.lists.nonePublic")}</p>}
          {pages > 1 && (
            <nav class="pagination" aria-label={t("lists.lists.pages")}>
              <ul>
                {page > 1 && (
                  <li>
                    <a href={`/lists?page=${page - 1}`}>{t("lists.lists.previous")}</a>
                  </li>
                )}
                <li>{t("lists.lists.pageOf", { page, pages })}</li>
                {page < pages && (
                  <li>
                    <a href={`/lists?page=${page + 1}`}>{t("lists.lists.next")}</a>
                  </li>
                )}
              </ul>
            </nav>
          )}
        </section>
      </>,
    );
  });

  const newListPage = (c: AppContext, values: Record<string, string> = {}, errors?: Errors) => {
    const t = c.var.tr.t;
    return render(
      c,
      t("lists.new.title"),
      <>
        <h1>{t("lists.new.title")}</h1>
        <p>{t("lists.new.intro")}</p>
        <ErrorSummary c={c} errors={errors} />
        <form method="post" action="/lists" class="stack" novalidate>
          <CsrfField c={c} />
          {values.workId && <input type="hidden" name="workId" value={values.workId} />}
          <ListFields c={c} values={values} errors={errors} />
          <button type="submit">{t("lists.new.submit")}</button>
        </form>
      </>,
      errors ? 422 : 200,
    );
  };

  app.get("/lists/new", (c) => newListPage(c));
  app.post("/lists", async (c) => {
    const fields = await formFields(c);
    const parsed = listInput.safeParse(listFormInput(fields));
    if (!parsed.success) return newListPage(c, fields, fieldErrors(parsed.error));
    const created = await createList(deps, me(c), parsed.data);
    if (!created.ok) return newListPage(c, fields, { visibility: "lists.childPrivate" });
    const list = created.value;
    // The record page's "new list" form sends the work to put on it straight away.
    const workId = z.uuid().safeParse(fields.workId);
    if (workId.success) {
      await addListItem(deps, me(c), list.id, { workId: workId.data, note: "" });
      return redirectWith(c, listPath(list.id), "lists.list.createdWithWork");
    }
    return redirectWith(c, listPath(list.id), "lists.list.created");
  });

  const loadList = async (c: AppContext) => {
    const id = z.uuid().safeParse(c.req.param("id"));
    if (!id.success) return null;
    const page = await viewList(deps.db, c.var.user, id.data);
    return page.ok ? page.value : null;
  };

  const feedText = (c: AppContext, page: ListPage): FeedText => {
    const t = c.var.tr.t;
    return {
      author: page.list.byLibrary ? c.var.library.libraryName : page.list.ownerName,
      fallbackDescription: t("lists.feed.description", { title: page.list.title, library: c.var.library.libraryName }),
      itemBy: (names) => t("lists.feed.by", { names }),
    };
  };

  app.get(`/lists/:file{[0-9a-f-]{36}\\.(?:csv|rss|atom)}`, async (c) => {
    const file = c.req.param("file");
    const [id = "", format] = file.split(".");
    const parsed = z.uuid().safeParse(id);
    const found = parsed.success ? await viewList(deps.db, c.var.user, parsed.data) : null;
    if (!found?.ok) return errorPage(c, "404");
    const page = found.value;
    // Only those who may see a private list may download it, and no cache may keep it for anyone else.
    const cache = page.list.visibility === "public" && !page.list.hiddenAt ? "public, max-age=300" : "private, no-store";
    if (format === "csv") {
      return c.body(listCsv(base, page.items), 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="list-${page.list.id}.csv"`,
        "cache-control": cache,
      });
    }
    if (!hasFeeds(page)) return errorPage(c, "404");
    const rss = format === "rss";
    const body = rss
      ? listRss(base, page.list, page.items, feedText(c, page))
      : listAtom(base, page.list, page.items, feedText(c, page));
    return c.body(body, 200, {
      "content-type": rss ? "application/rss+xml; charset=utf-8" : "application/atom+xml; charset=utf-8",
      "cache-control": cache,
    });
  });

  const listPage = (c: AppContext, page: ListPage, state: ListFormState = {}) => {
    const { tr } = c.var;
    const t = tr.t;
    const { list, access, items } = page;
    const url = `${base}${listPath(list.id)}`;
    const head = hasFeeds(page) ? (
      <>
        <link
          rel="alternate"
          type="application/rss+xml"
          title={t("lists.feed.rssTitle", { title: list.title })}
          href={`${url}.rss`}
        />
        <link
          rel="alternate"
          type="application/atom+xml"
          title={t("lists.feed.atomTitle", { title: list.title })}
          href={`${url}.atom`}
        />
        {list.visibility === "unlisted" && <meta name="robots" content="noindex" />}
      </>
    ) : undefined;
    const hasErrors = !!(state.settings || state.invite || state.note);
    return render(
      c,
      list.title,
      <>
        <h1>{list.title}</h1>
        <p>
          <MadeBy c={c} list={list} />
        </p>
        {access.hidden && (
          <Notice kind="warning">{t(access.isOwner ? "lists.list.hiddenOwner" : "lists.list.hiddenModerator")}</Notice>
        )}
        {list.description && <p class="list-description">{list.description}</p>}
        <p class="muted">
          {itemCountText(c, items.length)} · {listVisibilityLabel(tr, list.visibility)}
          {list.openToSuggestions && ` · ${t("lists.list.takesSuggestions")}`}
        </p>
        <ul class="actions" aria-label={t("lists.export.label")}>
          <li>
            <a href={`${listPath(list.id)}.csv`}>{t("lists.export.csv")}</a>
          </li>
          {hasFeeds(page) && (
            <>
              <li>
                <a href={`${listPath(list.id)}.rss`}>{t("lists.export.rss")}</a>
              </li>
              <li>
                <a href={`${listPath(list.id)}.atom`}>{t("lists.export.atom")}</a>
              </li>
            </>
          )}
        </ul>
        <section aria-labelledby="list-works">
          <h2 id="list-works">{t("lists.list.works")}</h2>
          {items.length === 0 ? (
            <p>{t("lists.list.empty")}</p>
          ) : (
            <ol class="list-items">
              {items.map((item, index) => {
                const noteState = state.note?.workId === item.work.id ? state.note : undefined;
                return (
                  <li class="list-item" id={`work-${item.work.id}`}>
                    <h3 class="item-title">
                      <a href={workPath(item.work.id)}>{item.work.title}</a>
                    </h3>
                    {byline(item.work) && <p class="muted">{byline(item.work)}</p>}
                    {item.note && <p class="item-note">{item.note}</p>}
                    {access.canEdit && (
                      <div class="item-actions">
                        {index > 0 && (
                          <MoveButton c={c} listId={list.id} workId={item.work.id} title={item.work.title} direction="up" />
                        )}
                        {index < items.length - 1 && (
                          <MoveButton c={c} listId={list.id} workId={item.work.id} title={item.work.title} direction="down" />
                        )}
                        <form method="post" action={`${listPath(list.id)}/items/${item.work.id}/remove`} class="inline-form">
                          <CsrfField c={c} />
                          <button type="submit" class="secondary">
                            {t("lists.item.remove")}
                            <span class="visually-hidden">: {item.work.title}</span>
                          </button>
                        </form>
                        <details open={!!noteState}>
                          <summary>
                            {t("lists.item.editNote")}
                            <span class="visually-hidden">: {item.work.title}</span>
                          </summary>
                          <form method="post" action={`${listPath(list.id)}/items/${item.work.id}`} class="stack" novalidate>
                            <CsrfField c={c} />
                            <NoteField
                              c={c}
                              id={`note-${item.work.id}`}
                              title={item.work.title}
                              value={noteState?.values.note ?? item.note}
                              error={noteState?.errors.note}
                            />
                            <button type="submit">
                              {t("lists.item.saveNote")}
                              <span class="visually-hidden">: {item.work.title}</span>
                            </button>
                          </form>
                        </details>
                      </div>
                    )}
                  </li>
                );
              })}
            </ol>
          )}
          {access.canEdit && (
            <p>
              {t("lists.list.howToAdd")} <a href="/search">{t("lists.list.searchCatalogue")}</a>
            </p>
          )}
        </section>
        {access.canSuggest && (
          <section aria-labelledby="list-suggest">
            <h2 id="list-suggest">{t("lists.suggest.heading")}</h2>
            <p>
              {t("lists.suggest.how")} <a href="/search">{t("lists.list.searchCatalogue")}</a>
            </p>
            <p>
              <a href={`${listPath(list.id)}/suggestions`}>{t("lists.suggest.yours")}</a>
            </p>
          </section>
        )}
        {access.canManage && (
          <section aria-labelledby="list-suggestions">
            <h2 id="list-suggestions">{t("lists.suggestions.heading")}</h2>
            <p>
              {plural(tr, "lists.suggestions.waiting", page.pendingSuggestions)}{" "}
              <a href={`${listPath(list.id)}/suggestions`}>{t("lists.suggestions.review")}</a>
            </p>
          </section>
        )}
        {access.canEdit && <EditorsSection c={c} page={page} state={state.invite} />}
        {access.canManage && (
          <section aria-labelledby="list-settings">
            <h2 id="list-settings">{t("lists.list.settings")}</h2>
            <ErrorSummary c={c} errors={state.settings?.errors} />
            <form method="post" action={listPath(list.id)} class="stack" novalidate>
              <CsrfField c={c} />
              <ListFields
                c={c}
                errors={state.settings?.errors}
                values={
                  state.settings?.values ?? {
                    title: list.title,
                    description: list.description,
                    visibility: list.visibility,
                    openToSuggestions: list.openToSuggestions ? "on" : "",
                    byLibrary: list.byLibrary ? "on" : "",
                  }
                }
              />
              <button type="submit">{t("lists.list.save")}</button>
            </form>
            <p>
              <a href={`${listPath(list.id)}/delete`}>{t("lists.list.delete")}</a>
            </p>
          </section>
        )}
      </>,
      hasErrors ? 422 : 200,
      head ? { head } : {},
    );
  };

  app.get(`/lists/:id${ID}`, async (c) => {
    const page = await loadList(c);
    return page ? listPage(c, page) : errorPage(c, "404");
  });

  app.post(`/lists/:id${ID}`, async (c) => {
    const page = await loadList(c);
    if (!page?.access.canManage) return errorPage(c, "404");
    const fields = await formFields(c);
    const parsed = listInput.safeParse(listFormInput(fields));
    if (!parsed.success) return listPage(c, page, { settings: { values: fields, errors: fieldErrors(parsed.error) } });
    const saved = await updateList(deps, me(c), page.list.id, parsed.data);
    if (saved.ok) return redirectWith(c, listPath(page.list.id), "lists.list.saved");
    if (saved.error === "child-private") {
      return listPage(c, page, { settings: { values: fields, errors: { visibility: "lists.childPrivate" } } });
    }
    return errorPage(c, "404");
  });

  app.get(`/lists/:id${ID}/delete`, async (c) => {
    const page = await loadList(c);
    if (!page?.access.canManage) return errorPage(c, "404");
    const t = c.var.tr.t;
    const title = t("lists.list.deleteTitle", { title: page.list.title });
    return render(
      c,
      title,
      <>
        <h1>{title}</h1>
        <p>{t("lists.list.deleteText")}</p>
        <form method="post" action={`${listPath(page.list.id)}/delete`} class="actions">
          <CsrfField c={c} />
          <button type="submit" class="danger">
            {t("lists.list.deleteSubmit")}
          </button>
          <a href={listPath(page.list.id)}>{t("lists.cancel")}</a>
        </form>
      </>,
    );
  });

  app.post(`/lists/:id${ID}/delete`, async (c) => {
    const deleted = await deleteList(deps, me(c), c.req.param("id"));
    return deleted.ok ? redirectWith(c, "/lists", "lists.list.deleted") : errorPage(c, "404");
  });

  app.post(`/lists/:id${ID}/items/:workId${ID}`, async (c) => {
    const page = await loadList(c);
    const workId = c.req.param("workId");
    if (!page?.access.canEdit || !page.items.some((i) => i.work.id === workId)) return errorPage(c, "404");
    const fields = await formFields(c);
    const note = itemNote.safeParse(fields.note ?? "");
    if (!note.success)
      return listPage(c, page, { note: { workId, values: fields, errors: { note: note.error.issues[0]?.message ?? "" } } });
    const saved = await updateListItemNote(deps, me(c), page.list.id, workId, note.data);
    if (saved.ok) return redirectWith(c, `${listPath(page.list.id)}#work-${workId}`, "lists.item.noteSaved");
    if (saved.error === "child-note")
      return listPage(c, page, { note: { workId, values: fields, errors: { note: "lists.childNote" } } });
    return errorPage(c, "404");
  });

  app.post(`/lists/:id${ID}/items/:workId${ID}/move`, async (c) => {
    const direction = z.enum(MOVE_DIRECTIONS).safeParse((await formFields(c)).direction);
    if (!direction.success) return errorPage(c, "404");
    const { id, workId } = c.req.param();
    const moved = await moveListItem(deps, me(c), id, workId, direction.data);
    return moved.ok ? redirectWith(c, `${listPath(id)}#work-${workId}`, "lists.item.moved") : errorPage(c, "404");
  });

  app.post(`/lists/:id${ID}/items/:workId${ID}/remove`, async (c) => {
    const { id, workId } = c.req.param();
    const removed = await removeListItem(deps, me(c), id, workId);
    return removed.ok ? redirectWith(c, listPath(id), "lists.item.removed") : errorPage(c, "404");
  });

  app.post(`/lists/:id${ID}/editors`, async (c) => {
    const page = await loadList(c);
    if (!page?.access.canManage) return errorPage(c, "404");
    const fields = await formFields(c);
    const parsed = editorInput.safeParse(fields);
    const inviteError = (key: string) => listPage(c, page, { invite: { values: fields, errors: { email: key } } });
    if (!parsed.success) return inviteError(parsed.error.issues[0]?.message ?? "lists.validation.email.invalid");
    const invited = await inviteListEditor(deps, me(c), page.list.id, parsed.data.email);
    if (invited.ok) return redirectWith(c, `${listPath(page.list.id)}#list-editors`, "lists.editors.added");
    switch (invited.error) {
      case "no-such-person":
        return inviteError("lists.editors.noSuchPerson");
      case "is-owner":
        return inviteError("lists.editors.isOwner");
      case "already-editor":
        return inviteError("lists.editors.already");
      case "not-found":
      case "forbidden":
        return errorPage(c, "404");
    }
  });

  app.post(`/lists/:id${ID}/editors/:userId${ID}/remove`, async (c) => {
    const { id, userId } = c.req.param();
    const leaving = userId === me(c).id;
    const removed = await removeListEditor(deps, me(c), id, userId);
    if (!removed.ok) return errorPage(c, "404");
    return leaving
      ? redirectWith(c, "/lists", "lists.editors.left")
      : redirectWith(c, `${listPath(id)}#list-editors`, "lists.editors.removed");
  });

  const suggestionsPage = async (c: AppContext) => {
    const id = z.uuid().safeParse(c.req.param("id"));
    const found = id.success ? await viewListSuggestions(deps.db, me(c), id.data) : null;
    if (!found?.ok) return errorPage(c, "404");
    const { list, access, pending, mine } = found.value;
    const t = c.var.tr.t;
    const title = t("lists.suggestions.title", { title: list.title });
    return render(
      c,
      title,
      <>
        <h1>{title}</h1>
        <p>
          <a href={listPath(list.id)}>{t("lists.suggestions.back", { title: list.title })}</a>
        </p>
        {access.canManage && (
          <section aria-labelledby="pending-suggestions">
            <h2 id="pending-suggestions">{t("lists.suggestions.pending")}</h2>
            {pending.length === 0 ? (
              <p>{t("lists.suggestions.none")}</p>
            ) : (
              <ul class="list-items">
                {pending.map((s) => (
                  <li class="list-item">
                    <SuggestionText c={c} suggestion={s} />
                    <form method="post" action={`${listPath(list.id)}/suggestions/${s.id}`} class="actions">
                      <CsrfField c={c} />
                      <button type="submit" name="decision" value="approve">
                        {t("lists.suggestions.approve")}
                        <span class="visually-hidden">: {s.work.title}</span>
                      </button>
                      <button type="submit" name="decision" value="decline" class="secondary">
                        {t("lists.suggestions.decline")}
                        <span class="visually-hidden">: {s.work.title}</span>
                      </button>
                    </form>
                  </li>
                ))}
              </ul>
            )}
          </section>
        )}
        {!access.canManage && (
          <section aria-labelledby="my-suggestions">
            <h2 id="my-suggestions">{t("lists.suggestions.mine")}</h2>
            {access.canSuggest && (
              <p>
                {t("lists.suggest.how")} <a href="/search">{t("lists.list.searchCatalogue")}</a>
              </p>
            )}
            {mine.length === 0 ? (
              <p>{t("lists.suggestions.noneMine")}</p>
            ) : (
              <ul class="list-items">
                {mine.map((s) => (
                  <li class="list-item">
                    <SuggestionText c={c} suggestion={s} />
                    <p>
                      <strong>{t(`lists.suggestions.status.${s.status}`)}</strong>
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </section>
        )}
      </>,
    );
  };
  app.get(`/lists/:id${ID}/suggestions`, suggestionsPage);

  app.post(`/lists/:id${ID}/suggestions/:suggestionId${ID}`, async (c) => {
    const decision = z.enum(SUGGESTION_DECISIONS).safeParse((await formFields(c)).decision);
    if (!decision.success) return errorPage(c, "404");
    const { id, suggestionId } = c.req.param();
    const decided = await decideListSuggestion(deps, me(c), id, suggestionId, decision.data);
    if (!decided.ok) return errorPage(c, "404");
    return redirectWith(
      c,
      `${listPath(id)}/suggestions`,
      decision.data === "approve" ? "lists.suggestions.approved" : "lists.suggestions.declined",
    );
  });

  return app;
}

function MoveButton({
  c,
  listId,
  workId,
  title,
  direction,
}: {
  c: AppContext;
  listId: string;
  workId: string;
  title: string;
  direction: "up" | "down";
}) {
  return (
    <form method="post" action={`${listPath(listId)}/items/${workId}/move`} class="inline-form">
      <CsrfField c={c} />
      <input type="hidden" name="direction" value={direction} />
      <button type="submit" class="secondary">
        {c.var.tr.t(direction === "up" ? "lists.item.moveUp" : "lists.item.moveDown")}
        <span class="visually-hidden">: {title}</span>
      </button>
    </form>
  );
}

function NoteField({
  c,
  id,
  title,
  value,
  error,
}: {
  c: AppContext;
  id: string;
  title: string;
  value: string;
  error?: string | undefined;
}) {
  const t = c.var.tr.t;
  return (
    <div class={`field${error ? " field-error" : ""}`}>
      <label for={id}>{t("lists.item.note", { title })}</label>
      {error && (
        <p class="error-message" id={`${id}-error`}>
          {errorText(c, error)}
        </p>
      )}
      <textarea
        id={id}
        name="note"
        maxlength={1000}
        aria-describedby={error ? `${id}-error` : undefined}
        aria-invalid={error ? "true" : undefined}
      >
        {value}
      </textarea>
    </div>
  );
}

function SuggestionText({ c, suggestion }: { c: AppContext; suggestion: SuggestionView }) {
  const t = c.var.tr.t;
  return (
    <>
      <h3 class="item-title">
        <a href={workPath(suggestion.work.id)}>{suggestion.work.title}</a>
      </h3>
      {byline(suggestion.work) && <p class="muted">{byline(suggestion.work)}</p>}
      <p class="muted">
        {t("lists.suggestions.by", { name: suggestion.suggestedBy.displayName, date: c.var.tr.date(suggestion.createdAt) })}
      </p>
      {suggestion.note && <p class="item-note">{suggestion.note}</p>}
    </>
  );
}

function EditorsSection({ c, page, state }: { c: AppContext; page: ListPage; state: ListFormState["invite"] }) {
  const t = c.var.tr.t;
  const { list, access, editors } = page;
  return (
    <section aria-labelledby="list-editors">
      <h2 id="list-editors">{t("lists.editors.heading")}</h2>
      <p>{t("lists.editors.intro")}</p>
      {editors.length === 0 ? (
        <p>{t("lists.editors.none")}</p>
      ) : (
        <ul class="plain-list">
          {editors.map((e) => (
            <li>
              {e.displayName}{" "}
              {access.canManage && (
                <form method="post" action={`${listPath(list.id)}/editors/${e.id}/remove`} class="inline-form">
                  <CsrfField c={c} />
                  <button type="submit" class="link-button">
                    {t("lists.editors.remove")}
                    <span class="visually-hidden">: {e.displayName}</span>
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      {access.isEditor && c.var.user && (
        <form method="post" action={`${listPath(list.id)}/editors/${c.var.user.id}/remove`}>
          <CsrfField c={c} />
          <button type="submit" class="secondary">
            {t("lists.editors.leave")}
          </button>
        </form>
      )}
      {access.canManage && (
        <>
          <ErrorSummary c={c} errors={state?.errors} />
          <form method="post" action={`${listPath(list.id)}/editors`} class="stack" novalidate>
            <CsrfField c={c} />
            <Field
              c={c}
              name="email"
              type="email"
              label={t("lists.editors.email")}
              hint={t("lists.editors.email.hint")}
              value={state?.values.email}
              errors={state?.errors}
              autocomplete="off"
              required
            />
            <button type="submit">{t("lists.editors.invite")}</button>
          </form>
        </>
      )}
    </section>
  );
}
