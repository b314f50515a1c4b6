// A patron's shelves: /shelves (their own, and a form for a new one), /shelves/:id (one shelf, shown to
// whoever its visibility allows), and the forms that rename, open up, delete and update what is on a shelf.
import { Hono } from "hono";
import { z } from "zod";
import type { Deps } from "../../../compose.ts";
import { fieldErrors } from "../../../modules/accounts/index.ts";
import {
  createShelf,
  deleteShelf,
  myShelves,
  removeFromShelf,
  SHELF_VISIBILITIES,
  type ShelfPage,
  type ShelfSummary,
  shelfInput,
  shelfItemInput,
  shelveWork,
  updateShelf,
  viewShelf,
} from "../../../modules/reading/index.ts";
import type { AppContext, AppEnv } from "../../context.ts";
import { redirectWith } from "../../middleware/flash.ts";
import { requireUser } from "../../middleware/guards.ts";
import { plural } from "../catalog/catalog-labels.ts";
import { workPath } from "../catalog/work-paths.ts";
import { CsrfField, ErrorSummary, type Errors, Field } from "../components/form.tsx";
import { errorPage } from "../errors.page.tsx";
import { formFields } from "../form-data.ts";
import { render } from "../layout.tsx";
import { dateFieldsInput, prefixErrors, RadioGroup, ReadingDateFields } from "./components.tsx";
import { byline, shelfName, shelfPath, shelfVisibilityLabel } from "./labels.ts";

const ID = "{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}";
const uuid = z.uuid();

const me = (c: AppContext) => {
  const user = c.var.user;
  if (!user) throw new Error("requireUser let a signed-out request through");
  return user;
};

function VisibilityChoice({
  c,
  value,
  errors,
  id = "visibility",
}: {
  c: AppContext;
  value: string;
  errors?: Errors | undefined;
  id?: string;
}) {
  const t = c.var.tr.t;
  return (
    <RadioGroup
      c={c}
      id={id}
      name="visibility"
      legend={t("lists.shelf.visibility.legend")}
      value={value}
      errors={errors}
      options={SHELF_VISIBILITIES.map((v) => ({
        value: v,
        label: shelfVisibilityLabel(c.var.tr, v),
        hint: t(`lists.shelf.visibility.${v}.hint`),
      }))}
    />
  );
}

function ShelfCards({ c, shelves }: { c: AppContext; shelves: ShelfSummary[] }) {
  const tr = c.var.tr;
  return (
    <ul class="cards">
      {shelves.map((shelf) => (
        <li class="card">
          <h3>
            <a href={shelfPath(shelf.id)}>{shelfName(tr, shelf)}</a>
          </h3>
          <p class="muted">
            {`${plural(tr, "lists.shelf.count", shelf.itemCount)} · ${shelfVisibilityLabel(tr, shelf.visibility)}`}
          </p>
        </li>
      ))}
    </ul>
  );
}

export function shelvesPages(deps: Deps) {
  const app = new Hono<AppEnv>();
  // A shelf itself may be seen signed out; everything else here is the owner's.
  app.use("/shelves", requireUser);
  // The wildcard also matches /shelves/:id itself.
  app.post(`/shelves/:id${ID}/*`, requireUser);
  app.get(`/shelves/:id${ID}/delete`, requireUser);

  const shelvesPage = async (c: AppContext, values: Record<string, string> = {}, errors?: Errors) => {
    const t = c.var.tr.t;
    const shelves = await myShelves(deps.db, me(c).id);
    const defaults = shelves.filter((s) => s.kind !== "custom");
    const custom = shelves.filter((s) => s.kind === "custom");
    return render(
      c,
      t("lists.shelves.title"),
      <>
        <h1>{t("lists.shelves.title")}</h1>
        <p>{t("lists.shelves.intro")}</p>
        <p class="actions">
          <a href="/shelves/import">{t("lists.import.link")}</a>
          <a href="/lists">{t("lists.lists.link")}</a>
        </p>
        <section aria-labelledby="default-shelves">
          <h2 id="default-shelves">{t("lists.shelves.defaults")}</h2>
          <ShelfCards c={c} shelves={defaults} />
        </section>
        <section aria-labelledby="custom-shelves">
          <h2 id="custom-shelves">{t("lists.shelves.custom")}</h2>
          {custom.length ? <ShelfCards c={c} shelves={custom} /> : <p>{t("lists.shelves.noCustom")}</p>}
        </section>
        <section aria-labelledby="new-shelf">
          <h2 id="new-shelf">{t("lists.shelves.new")}</h2>
          <ErrorSummary c={c} errors={errors} />
          <form method="post" action="/shelves" class="stack" novalidate>
            <CsrfField c={c} />
            <Field c={c} name="name" label={t("lists.shelf.name")} value={values.name} errors={errors} required maxlength={80} />
            <VisibilityChoice c={c} value={values.visibility ?? "private"} errors={errors} />
            <button type="submit">{t("lists.shelves.create")}</button>
          </form>
        </section>
      </>,
      errors ? 422 : 200,
    );
  };

  app.get("/shelves", (c) => shelvesPage(c));
  app.post("/shelves", async (c) => {
    const fields = await formFields(c);
    const parsed = shelfInput.safeParse(fields);
    if (!parsed.success) return shelvesPage(c, fields, fieldErrors(parsed.error));
    const created = await createShelf(deps, me(c).id, parsed.data);
    if (!created.ok) {
      const key = created.error === "name-taken" ? "lists.shelf.nameTaken" : "lists.childPrivate";
      return shelvesPage(c, fields, created.error === "name-taken" ? { name: key } : { visibility: key });
    }
    return redirectWith(c, shelfPath(created.value.id), "lists.shelf.created");
  });

  const shelfPage = (
    c: AppContext,
    page: ShelfPage,
    values: Record<string, string> = {},
    errors?: Errors,
    itemErrors?: { workId: string; errors: Errors },
  ) => {
    const t = c.var.tr.t;
    const { shelf, owner, isOwner, items } = page;
    const name = shelfName(c.var.tr, shelf);
    return render(
      c,
      name,
      <>
        <h1>{name}</h1>
        <p class="muted">
          {isOwner
            ? t("lists.shelf.yours", { visibility: shelfVisibilityLabel(c.var.tr, shelf.visibility) })
            : t("lists.shelf.of", { name: owner.displayName })}
        </p>
        <p>{plural(c.var.tr, "lists.shelf.count", items.length)}</p>
        {items.length === 0 ? (
          <p>{t(isOwner ? "lists.shelf.emptyYours" : "lists.shelf.empty")}</p>
        ) : (
          <ul class="shelf-items">
            {items.map((item) => {
              const problems = itemErrors?.workId === item.work.id ? itemErrors.errors : undefined;
              const dates = [
                item.startedOn && t("lists.dates.startedOn", { date: c.var.tr.date(new Date(`${item.startedOn}T12:00:00Z`)) }),
                item.finishedOn && t("lists.dates.finishedOn", { date: c.var.tr.date(new Date(`${item.finishedOn}T12:00:00Z`)) }),
                item.progress !== null &&
                  t("lists.dates.progressIs", { percent: c.var.tr.number(item.progress / 100, { style: "percent" }) }),
              ].filter(Boolean);
              return (
                <li class="shelf-item" id={`work-${item.work.id}`}>
                  <h2 class="item-title">
                    <a href={workPath(item.work.id)}>{item.work.title}</a>
                  </h2>
                  {byline(item.work) && <p class="muted">{byline(item.work)}</p>}
                  {dates.length > 0 && <p>{dates.join(" · ")}</p>}
                  {isOwner && (
                    <details class="item-edit" open={!!problems}>
                      <summary>
                        {t("lists.shelf.editItem")}
                        <span class="visually-hidden">: {item.work.title}</span>
                      </summary>
                      <ErrorSummary c={c} errors={prefixErrors(problems, `w${item.work.id}-`)} />
                      <form method="post" action={`${shelfPath(shelf.id)}/items/${item.work.id}`} class="stack" novalidate>
                        <CsrfField c={c} />
                        <ReadingDateFields
                          c={c}
                          prefix={`w${item.work.id}-`}
                          values={problems ? values : item}
                          errors={problems}
                        />
                        <button type="submit">
                          {t("lists.shelf.saveItem")}
                          <span class="visually-hidden">: {item.work.title}</span>
                        </button>
                      </form>
                      <form method="post" action={`${shelfPath(shelf.id)}/items/${item.work.id}/remove`} class="inline-form">
                        <CsrfField c={c} />
                        <button type="submit" class="secondary">
                          {t("lists.shelf.removeItem")}
                          <span class="visually-hidden">: {item.work.title}</span>
                        </button>
                      </form>
                    </details>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        {isOwner && (
          <section aria-labelledby="shelf-settings">
            <h2 id="shelf-settings">{t("lists.shelf.settings")}</h2>
            <ErrorSummary c={c} errors={errors} />
            <form method="post" action={shelfPath(shelf.id)} class="stack" novalidate>
              <CsrfField c={c} />
              {shelf.kind === "custom" && (
                <Field
                  c={c}
                  name="name"
                  label={t("lists.shelf.name")}
                  value={values.name ?? shelf.name}
                  errors={errors}
                  required
                  maxlength={80}
                />
              )}
              <VisibilityChoice c={c} value={values.visibility ?? shelf.visibility} errors={errors} />
              <button type="submit">{t("lists.shelf.save")}</button>
            </form>
            {shelf.kind === "custom" && (
              <p>
                <a href={`${shelfPath(shelf.id)}/delete`}>{t("lists.shelf.delete")}</a>
              </p>
            )}
            <p>
              <a href="/shelves">{t("lists.shelves.back")}</a>
            </p>
          </section>
        )}
      </>,
      errors || itemErrors ? 422 : 200,
    );
  };

  const loadShelf = async (c: AppContext) => {
    const id = uuid.safeParse(c.req.param("id"));
    if (!id.success) return null;
    const page = await viewShelf(deps.db, c.var.user, id.data);
    return page.ok ? page.value : null;
  };
  const ownShelf = async (c: AppContext) => {
    const page = await loadShelf(c);
    return page?.isOwner ? page : null;
  };

  app.get(`/shelves/:id${ID}`, async (c) => {
    const page = await loadShelf(c);
    return page ? shelfPage(c, page) : errorPage(c, "404");
  });

  app.post(`/shelves/:id${ID}`, async (c) => {
    const page = await ownShelf(c);
    if (!page) return errorPage(c, "404");
    const fields = await formFields(c);
    const schema = page.shelf.kind === "custom" ? shelfInput : shelfInput.pick({ visibility: true });
    const parsed = schema.safeParse(fields);
    if (!parsed.success) return shelfPage(c, page, fields, fieldErrors(parsed.error));
    const saved = await updateShelf(deps, me(c).id, page.shelf.id, parsed.data);
    if (saved.ok) return redirectWith(c, shelfPath(page.shelf.id), "lists.shelf.saved");
    switch (saved.error) {
      case "name-taken":
        return shelfPage(c, page, fields, { name: "lists.shelf.nameTaken" });
      case "child-private":
        return shelfPage(c, page, fields, { visibility: "lists.childPrivate" });
      case "default-shelf":
      case "not-found":
        return errorPage(c, "404");
    }
  });

  app.get(`/shelves/:id${ID}/delete`, async (c) => {
    const page = await ownShelf(c);
    if (page?.shelf.kind !== "custom") return errorPage(c, "404");
    const t = c.var.tr.t;
    const title = t("lists.shelf.deleteTitle", { name: page.shelf.name });
    return render(
      c,
      title,
      <>
        <h1>{title}</h1>
        <p>{t("lists.shelf.deleteText", { count: page.items.length })}</p>
        <form method="post" action={`${shelfPath(page.shelf.id)}/delete`} class="actions">
          <CsrfField c={c} />
          <button type="submit" class="danger">
            {t("lists.shelf.deleteSubmit")}
          </button>
          <a href={shelfPath(page.shelf.id)}>{t("lists.cancel")}</a>
        </form>
      </>,
    );
  });

  app.post(`/shelves/:id${ID}/delete`, async (c) => {
    const deleted = await deleteShelf(deps.db, me(c).id, c.req.param("id"));
    return deleted.ok ? redirectWith(c, "/shelves", "lists.shelf.deleted") : errorPage(c, "404");
  });

  app.post(`/shelves/:id${ID}/items/:workId${ID}`, async (c) => {
    const page = await ownShelf(c);
    const workId = c.req.param("workId");
    if (!page?.items.some((i) => i.work.id === workId)) return errorPage(c, "404");
    const fields = await formFields(c);
    const parsed = shelfItemInput.safeParse(dateFieldsInput(fields));
    if (!parsed.success) return shelfPage(c, page, fields, undefined, { workId, errors: fieldErrors(parsed.error) });
    const saved = await shelveWork(deps, me(c).id, page.shelf.id, workId, parsed.data);
    if (saved.ok) return redirectWith(c, `${shelfPath(page.shelf.id)}#work-${workId}`, "lists.shelf.itemSaved");
    if (saved.error === "date-order") {
      return shelfPage(c, page, fields, undefined, { workId, errors: { finishedOn: "lists.validation.date.order" } });
    }
    return errorPage(c, "404");
  });

  app.post(`/shelves/:id${ID}/items/:workId${ID}/remove`, async (c) => {
    const removed = await removeFromShelf(deps.db, me(c).id, c.req.param("id"), c.req.param("workId"));
    return removed.ok ? redirectWith(c, shelfPath(c.req.param("id")), "lists.shelf.itemRemoved") : errorPage(c, "404");
  });

  return app;
}
