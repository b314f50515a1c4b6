// The record page's shelf and list sections, each a component of (deps, c, workId): shelve the work and keep
// its reading dates, put it on a list or suggest it to one, and the public lists that hold it. The first two
// are for the signed-in patron and render nothing for visitors.
import type { Deps } from "../../../compose.ts";
import {
  DEFAULT_SHELF_KINDS,
  editableListsFor,
  listsContainingWork,
  suggestableListsFor,
  workShelving,
} from "../../../modules/reading/index.ts";
import type { AppContext } from "../../context.ts";
import { CsrfField, ErrorSummary, type Errors } from "../components/form.tsx";
import { ListCards, PrefixedField, PrefixedSelect, prefixErrors, RadioGroup, ReadingDateFields } from "./components.tsx";
import { listPath, listVisibilityLabel, shelfName } from "./labels.ts";

export interface SectionProps {
  deps: Deps;
  c: AppContext;
  workId: string;
  /** Where the forms send the patron back to; the page being shown when left out. */
  returnTo?: string | undefined;
}

/** What a section's form sent, and what was wrong with it, when the page is shown again after a mistake. */
export interface FormState {
  values: Record<string, string>;
  errors: Errors;
}

/** Where a form on the record page sends the patron back to: the page it was on. */
const ReturnField = ({ c, to }: { c: AppContext; to: string | undefined }) => (
  <input type="hidden" name="return" value={to ?? new URL(c.req.url).pathname} />
);

export async function ShelveForm({
  deps,
  c,
  workId,
  returnTo,
  state,
}: SectionProps & { state?: FormState & { customShelfIds: string[] } }) {
  const user = c.var.user;
  if (!user) return null;
  const t = c.var.tr.t;
  const shelving = await workShelving(deps.db, user.id, workId);
  const custom = shelving.shelves.filter((s) => s.kind === "custom");
  const status = state?.values.status ?? shelving.status?.kind ?? "none";
  const onCustom = state?.customShelfIds ?? shelving.customShelfIds;
  const onAnyShelf = !!shelving.status || shelving.customShelfIds.length > 0;
  return (
    <section aria-labelledby="shelve-heading" class="record-section">
      <h2 id="shelve-heading">{t("lists.shelve.heading")}</h2>
      <ErrorSummary c={c} errors={prefixErrors(state?.errors, "shelve-")} />
      <form method="post" action={`/works/${workId}/shelve`} class="stack" novalidate>
        <CsrfField c={c} />
        <ReturnField c={c} to={returnTo} />
        <RadioGroup
          c={c}
          id="shelve-status"
          name="status"
          legend={t("lists.shelve.status")}
          value={status}
          errors={state?.errors}
          options={[
            { value: "none", label: t("lists.shelve.none") },
            ...DEFAULT_SHELF_KINDS.map((kind) => ({ value: kind, label: t(`lists.shelf.kind.${kind}`) })),
          ]}
        />
        <fieldset class="field">
          <legend>{t("lists.shelve.dates")}</legend>
          <ReadingDateFields c={c} prefix="shelve-" values={state?.values ?? shelving.status ?? {}} errors={state?.errors} />
        </fieldset>
        {custom.length > 0 && (
          <fieldset class="field">
            <legend>{t("lists.shelve.custom")}</legend>
            {custom.map((shelf) => (
              <div class="field-checkbox">
                <input
                  type="checkbox"
                  id={`shelve-custom-${shelf.id}`}
                  name="shelf"
                  value={shelf.id}
                  checked={onCustom.includes(shelf.id)}
                />
                <label for={`shelve-custom-${shelf.id}`}>{shelfName(c.var.tr, shelf)}</label>
              </div>
            ))}
          </fieldset>
        )}
        <button type="submit">{t("lists.shelve.submit")}</button>
      </form>
      {onAnyShelf && (
        <form method="post" action={`/works/${workId}/unshelve`} class="actions">
          <CsrfField c={c} />
          <ReturnField c={c} to={returnTo} />
          <button type="submit" class="secondary">
            {t("lists.shelve.removeAll")}
          </button>
        </form>
      )}
      <p>
        <a href="/shelves">{t("lists.shelves.link")}</a>
      </p>
    </section>
  );
}

export async function AddToListForm({
  deps,
  c,
  workId,
  returnTo,
  add,
  suggest,
}: SectionProps & { add?: FormState | undefined; suggest?: FormState | undefined }) {
  const user = c.var.user;
  if (!user) return null;
  const { tr } = c.var;
  const t = tr.t;
  const editable = await editableListsFor(deps.db, user.id, workId);
  const open = editable.filter((l) => !l.hasWork);
  const holding = editable.filter((l) => l.hasWork);
  const suggestable = await suggestableListsFor(deps.db, user.id, workId);
  return (
    <section aria-labelledby="addlist-heading" class="record-section">
      <h2 id="addlist-heading">{t("lists.add.heading")}</h2>
      {holding.length > 0 && (
        <p>
          {t("lists.add.already")}{" "}
          {holding.map((l, i) => (
            <>
              {i > 0 && ", "}
              <a href={listPath(l.id)}>{l.title}</a>
            </>
          ))}
        </p>
      )}
      {/* Outside the form: the list chosen may no longer be one the patron can add to. */}
      <ErrorSummary c={c} errors={prefixErrors(add?.errors, "addlist-")} />
      {open.length > 0 && (
        <>
          <h3>{t("lists.add.existing")}</h3>
          <form method="post" action={`/works/${workId}/lists`} class="stack" novalidate>
            <CsrfField c={c} />
            <ReturnField c={c} to={returnTo} />
            <PrefixedSelect
              c={c}
              prefix="addlist-"
              name="listId"
              label={t("lists.add.list")}
              value={add?.values.listId}
              errors={add?.errors}
              options={open.map((l) => ({ value: l.id, label: l.title }))}
            />
            <PrefixedField
              c={c}
              prefix="addlist-"
              name="note"
              label={t("lists.add.note")}
              hint={t("lists.add.note.hint")}
              value={add?.values.note}
              errors={add?.errors}
              multiline
              maxlength={1000}
            />
            <button type="submit">{t("lists.add.submit")}</button>
          </form>
        </>
      )}
      <h3>{t("lists.add.newHeading")}</h3>
      <form method="post" action="/lists" class="stack" novalidate>
        <CsrfField c={c} />
        <input type="hidden" name="workId" value={workId} />
        <PrefixedField c={c} prefix="newlist-" name="title" label={t("lists.list.title")} value="" required maxlength={120} />
        <RadioGroup
          c={c}
          id="newlist-visibility"
          name="visibility"
          legend={t("lists.list.visibility.legend")}
          value="private"
          options={(["public", "unlisted", "private"] as const).map((v) => ({ value: v, label: listVisibilityLabel(tr, v) }))}
        />
        <button type="submit">{t("lists.add.newSubmit")}</button>
      </form>
      {/* Outside the form: a refused suggestion may leave no list to offer. */}
      <ErrorSummary c={c} errors={prefixErrors(suggest?.errors, "suggest-")} />
      {suggestable.length > 0 && (
        <>
          <h3>{t("lists.suggest.heading")}</h3>
          <p>{t("lists.suggest.intro")}</p>
          <form method="post" action={`/works/${workId}/suggest`} class="stack" novalidate>
            <CsrfField c={c} />
            <ReturnField c={c} to={returnTo} />
            <PrefixedSelect
              c={c}
              prefix="suggest-"
              name="listId"
              label={t("lists.suggest.list")}
              value={suggest?.values.listId}
              errors={suggest?.errors}
              options={suggestable.map((l) => ({
                value: l.id,
                label: l.byLibrary ? t("lists.suggest.libraryOption", { title: l.title }) : l.title,
              }))}
            />
            <PrefixedField
              c={c}
              prefix="suggest-"
              name="note"
              label={t("lists.suggest.note")}
              hint={t("lists.suggest.note.hint")}
              value={suggest?.values.note}
              errors={suggest?.errors}
              multiline
              maxlength={1000}
            />
            <button type="submit">{t("lists.suggest.submit")}</button>
          </form>
        </>
      )}
    </section>
  );
}

/** Public lists holding the work, the library's first; nothing at all when there are none. */
export async function ListsContaining({ deps, c, workId }: SectionProps) {
  const found = await listsContainingWork(deps.db, workId);
  if (found.length === 0) return null;
  return (
    <section aria-labelledby="containing-heading" class="record-section">
      <h2 id="containing-heading">{c.var.tr.t("lists.containing.heading")}</h2>
      <ListCards c={c} lists={found} />
    </section>
  );
}
