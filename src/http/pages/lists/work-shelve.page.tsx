// /works/:id/shelve: the record-page sections on a page of their own (the work's title, shelving, lists), and
// the handlers their forms post to. A mistake in a form shows this page again with the problem beside the field.
import { Hono } from "hono";
import { z } from "zod";
import type { Deps } from "../../../compose.ts";
import { fieldErrors } from "../../../modules/accounts/index.ts";
import { findWork } from "../../../modules/catalog/index.ts";
import {
  addListItem,
  DEFAULT_SHELF_KINDS,
  itemNote,
  removeFromAllShelves,
  saveShelving,
  shelfItemInput,
  suggestListItem,
} from "../../../modules/reading/index.ts";
import type { AppContext, AppEnv } from "../../context.ts";
import { redirectWith } from "../../middleware/flash.ts";
import { requireUser, safeNext } from "../../middleware/guards.ts";
import { limitPerPerson } from "../../middleware/rate-limit.ts";
import { workPath } from "../catalog/work-paths.ts";
import { errorPage } from "../errors.page.tsx";
import { formFields } from "../form-data.ts";
import { render } from "../layout.tsx";
import { dateFieldsInput } from "./components.tsx";
import { LIST_WRITES } from "./limits.ts";
import { AddToListForm, type FormState, ListsContaining, ShelveForm } from "./sections.tsx";

const ID = "{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}";
const statusInput = z.enum(["none", ...DEFAULT_SHELF_KINDS], { message: "lists.validation.status.invalid" });
const listChoice = z.object({ listId: z.uuid({ message: "lists.validation.list.invalid" }), note: itemNote });

interface PageState {
  /** The page the failed form came from, for the forms shown again. */
  returnTo?: string;
  shelve?: FormState & { customShelfIds: string[] };
  add?: FormState;
  suggest?: FormState;
}

export function workShelvePages(deps: Deps) {
  const app = new Hono<AppEnv>();
  // Named one by one: other areas have their own forms under /works/:id.
  for (const action of ["shelve", "unshelve", "lists", "suggest"]) app.post(`/works/:id${ID}/${action}`, requireUser);
  // The same budget as the list pages' own forms: these add notes and suggestions too.
  const writes = limitPerPerson(deps, "list-write", LIST_WRITES);
  app.post(`/works/:id${ID}/lists`, writes);
  app.post(`/works/:id${ID}/suggest`, writes);

  const page = async (c: AppContext, state: PageState = {}) => {
    const work = await findWork(deps.db, c.req.param("id") ?? "");
    if (!work) return errorPage(c, "404");
    const t = c.var.tr.t;
    const failed = !!(state.shelve || state.add || state.suggest);
    return render(
      c,
      t("lists.workPage.title", { title: work.title }),
      <>
        <h1>{work.title}</h1>
        {work.contributors.length > 0 && <p class="muted">{work.contributors.map((p) => p.name).join("; ")}</p>}
        <p>
          <a href={workPath(work.id)}>{t("lists.workPage.record")}</a>
        </p>
        {!c.var.user && (
          <p>
            <a href={`/sign-in?next=${encodeURIComponent(new URL(c.req.url).pathname)}`}>{t("lists.workPage.signIn")}</a>
          </p>
        )}
        <ShelveForm deps={deps} c={c} workId={work.id} returnTo={state.returnTo} state={state.shelve} />
        <AddToListForm deps={deps} c={c} workId={work.id} returnTo={state.returnTo} add={state.add} suggest={state.suggest} />
        <ListsContaining deps={deps} c={c} workId={work.id} />
      </>,
      failed ? 422 : 200,
    );
  };

  const back = (c: AppContext, fields: Record<string, string>) => safeNext(fields.return, workPath(c.req.param("id") ?? ""));
  const me = (c: AppContext) => {
    const user = c.var.user;
    if (!user) throw new Error("requireUser let a signed-out request through");
    return user;
  };

  app.get(`/works/:id${ID}/shelve`, (c) => page(c));

  app.post(`/works/:id${ID}/shelve`, async (c) => {
    const body = await c.req.parseBody({ all: true });
    const fields = Object.fromEntries(Object.entries(body).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])));
    const customShelfIds = [body.shelf ?? []].flat().filter((v): v is string => typeof v === "string");
    const status = statusInput.safeParse(fields.status ?? "none");
    const dates = shelfItemInput.safeParse(dateFieldsInput(fields));
    if (!status.success || !dates.success) {
      const errors = { ...(status.success ? {} : fieldErrors(status.error)), ...(dates.success ? {} : fieldErrors(dates.error)) };
      // A bad status has no field path of its own; it belongs to the status group.
      const { _: statusError, ...rest } = errors;
      return page(c, {
        returnTo: back(c, fields),
        shelve: { values: fields, customShelfIds, errors: statusError ? { ...rest, status: statusError } : rest },
      });
    }
    const saved = await saveShelving(deps, me(c).id, c.req.param("id"), {
      status: status.data === "none" ? null : status.data,
      dates: dates.data,
      customShelfIds,
    });
    if (saved.ok) return redirectWith(c, back(c, fields), "lists.shelve.saved");
    if (saved.error === "date-order") {
      return page(c, {
        returnTo: back(c, fields),
        shelve: { values: fields, customShelfIds, errors: { finishedOn: "lists.validation.date.order" } },
      });
    }
    return errorPage(c, "404");
  });

  app.post(`/works/:id${ID}/unshelve`, async (c) => {
    const fields = await formFields(c);
    await removeFromAllShelves(deps.db, me(c).id, c.req.param("id"));
    return redirectWith(c, back(c, fields), "lists.shelve.removed");
  });

  app.post(`/works/:id${ID}/lists`, async (c) => {
    const fields = await formFields(c);
    const parsed = listChoice.safeParse(fields);
    if (!parsed.success)
      return page(c, { returnTo: back(c, fields), add: { values: fields, errors: fieldErrors(parsed.error) } });
    const added = await addListItem(deps, me(c), parsed.data.listId, { workId: c.req.param("id"), note: parsed.data.note });
    if (added.ok) return redirectWith(c, back(c, fields), "lists.add.added");
    switch (added.error) {
      case "already-on-list":
        return page(c, { returnTo: back(c, fields), add: { values: fields, errors: { listId: "lists.add.alreadyOn" } } });
      case "child-note":
        return page(c, { returnTo: back(c, fields), add: { values: fields, errors: { note: "lists.childNote" } } });
      case "not-found":
      case "forbidden":
        return page(c, {
          returnTo: back(c, fields),
          add: { values: fields, errors: { listId: "lists.validation.list.invalid" } },
        });
      case "work-not-found":
        return errorPage(c, "404");
    }
  });

  app.post(`/works/:id${ID}/suggest`, async (c) => {
    const fields = await formFields(c);
    const parsed = listChoice.safeParse(fields);
    if (!parsed.success)
      return page(c, { returnTo: back(c, fields), suggest: { values: fields, errors: fieldErrors(parsed.error) } });
    const suggested = await suggestListItem(deps, me(c), parsed.data.listId, {
      workId: c.req.param("id"),
      note: parsed.data.note,
    });
    if (suggested.ok) return redirectWith(c, back(c, fields), "lists.suggest.sent");
    const problem = (field: string, key: string) =>
      page(c, { returnTo: back(c, fields), suggest: { values: fields, errors: { [field]: key } } });
    switch (suggested.error) {
      case "already-on-list":
        return problem("listId", "lists.add.alreadyOn");
      case "already-suggested":
        return problem("listId", "lists.suggest.already");
      case "child-note":
        return problem("note", "lists.childNote");
      case "closed":
      case "not-found":
        return problem("listId", "lists.validation.list.invalid");
      case "work-not-found":
        return errorPage(c, "404");
    }
  });

  return app;
}
