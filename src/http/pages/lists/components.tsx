// Pieces shared by the shelf and list pages and the record-page sections: who made a list, list cards,
// a group of radio buttons, and the reading dates and progress fields.
import type { ListCard } from "../../../modules/reading/index.ts";
import type { AppContext } from "../../context.ts";
import { plural } from "../catalog/catalog-labels.ts";
import { type Errors, errorText, Field } from "../components/form.tsx";
import { listPath, listVisibilityLabel } from "./labels.ts";

/** The library's lists speak as the library; every other list says plainly that a patron made it. */
export function MadeBy({ c, list }: { c: AppContext; list: Pick<ListCard, "byLibrary" | "ownerName"> }) {
  const t = c.var.tr.t;
  return list.byLibrary ? (
    <span class="badge badge-library">{t("lists.badge.library", { library: c.var.library.libraryName })}</span>
  ) : (
    <span class="badge badge-patron">{t("lists.badge.patron", { name: list.ownerName })}</span>
  );
}

export const itemCountText = (c: AppContext, count: number) => plural(c.var.tr, "lists.list.count", count);

const EXCERPT = 200;
const excerpt = (text: string) => (text.length > EXCERPT ? `${text.slice(0, EXCERPT - 1).trimEnd()}…` : text);

/** One list in a grid of cards; `mine` adds the visibility and the person's part in the list. */
export function ListCards({
  c,
  lists,
  mine = false,
}: {
  c: AppContext;
  lists: (ListCard & { role?: "owner" | "editor" })[];
  mine?: boolean;
}) {
  const t = c.var.tr.t;
  return (
    <ul class="cards">
      {lists.map((list) => (
        <li class="card list-card">
          <h3>
            <a href={listPath(list.id)}>{list.title}</a>
          </h3>
          <p>
            <MadeBy c={c} list={list} />
          </p>
          <p class="muted">
            {itemCountText(c, list.itemCount)}
            {mine && ` · ${listVisibilityLabel(c.var.tr, list.visibility)}`}
            {mine && list.role === "editor" && ` · ${t("lists.list.youEdit")}`}
            {list.hiddenAt && ` · ${t("lists.list.hiddenShort")}`}
          </p>
          {list.description && <p>{excerpt(list.description)}</p>}
        </li>
      ))}
    </ul>
  );
}

interface RadioGroupProps {
  c: AppContext;
  /** The group is field-<id> (where ErrorSummary links), each button <id>-<value>; unique on the page. */
  id: string;
  name: string;
  legend: string;
  options: { value: string; label: string; hint?: string }[];
  value: string;
  errors?: Errors | undefined;
}

/** Radio buttons in a fieldset, each with its hint, the error (if any) announced with the group. */
export function RadioGroup({ c, id, name, legend, options, value, errors }: RadioGroupProps) {
  const error = errors?.[name];
  return (
    <fieldset
      class={`field radio-group${error ? " field-error" : ""}`}
      id={`field-${id}`}
      aria-describedby={error ? `field-${id}-error` : undefined}
    >
      <legend>{legend}</legend>
      {error && (
        <p class="error-message" id={`field-${id}-error`}>
          {errorText(c, error)}
        </p>
      )}
      {options.map((o) => (
        <div class="field-checkbox">
          <input
            type="radio"
            id={`${id}-${o.value}`}
            name={name}
            value={o.value}
            checked={o.value === value}
            aria-describedby={o.hint ? `${id}-${o.value}-hint` : undefined}
          />
          <label for={`${id}-${o.value}`}>{o.label}</label>
          {o.hint && (
            <p class="hint" id={`${id}-${o.value}-hint`}>
              {o.hint}
            </p>
          )}
        </div>
      ))}
    </fieldset>
  );
}

interface PrefixedFieldProps {
  c: AppContext;
  /** Keeps ids apart when one page holds several forms with the same field names. */
  prefix: string;
  name: string;
  label: string;
  value: string | undefined;
  errors?: Errors | undefined;
  hint?: string;
  type?: "text" | "date" | "number";
  multiline?: boolean;
  maxlength?: number;
  required?: boolean;
}

/**
 * A labelled input like form.tsx's Field, with its id prefixed (field-<prefix><name>) while the submitted name
 * stays the same; prefixErrors gives ErrorSummary links that reach it.
 */
export function PrefixedField({ prefix, type = "text", ...props }: PrefixedFieldProps) {
  return <Field {...props} type={type} idPrefix={prefix} range={type === "number" ? { min: 0, max: 100 } : undefined} />;
}

/** A select with PrefixedField's ids, its error beside it. */
export function PrefixedSelect({
  c,
  prefix,
  name,
  label,
  options,
  value,
  errors,
}: {
  c: AppContext;
  prefix: string;
  name: string;
  label: string;
  options: { value: string; label: string }[];
  value: string | undefined;
  errors?: Errors | undefined;
}) {
  const id = `field-${prefix}${name}`;
  const error = errors?.[name];
  return (
    <div class={`field${error ? " field-error" : ""}`}>
      <label for={id}>{label}</label>
      {error && (
        <p class="error-message" id={`${id}-error`}>
          {errorText(c, error)}
        </p>
      )}
      <select id={id} name={name} aria-describedby={error ? `${id}-error` : undefined} aria-invalid={error ? "true" : undefined}>
        {options.map((o) => (
          <option value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Errors keyed the way ErrorSummary links them to PrefixedField ids. */
export const prefixErrors = (errors: Errors | undefined, prefix: string): Errors | undefined =>
  errors &&
  Object.fromEntries(Object.entries(errors).map(([field, message]) => [field === "_" ? field : `${prefix}${field}`, message]));

export interface DateValues {
  startedOn?: string | null | undefined;
  finishedOn?: string | null | undefined;
  progress?: string | number | null | undefined;
}

const shown = (value: string | number | null | undefined) => (value === null || value === undefined ? "" : String(value));

/** Started, finished and progress inputs. */
export function ReadingDateFields({
  c,
  prefix,
  values,
  errors,
}: {
  c: AppContext;
  prefix: string;
  values: DateValues;
  errors?: Errors | undefined;
}) {
  const t = c.var.tr.t;
  const common = { c, prefix, errors };
  return (
    <>
      <PrefixedField {...common} name="startedOn" type="date" label={t("lists.dates.started")} value={shown(values.startedOn)} />
      <PrefixedField
        {...common}
        name="finishedOn"
        type="date"
        label={t("lists.dates.finished")}
        value={shown(values.finishedOn)}
      />
      <PrefixedField
        {...common}
        name="progress"
        type="number"
        label={t("lists.dates.progress")}
        hint={t("lists.dates.progress.hint")}
        value={shown(values.progress)}
      />
    </>
  );
}

/** Reading dates and progress as form fields give them: "" is no value; progress is a whole number. */
export function dateFieldsInput(fields: Record<string, string>) {
  const text = (name: string) => fields[name]?.trim() || null;
  const progress = text("progress");
  return { startedOn: text("startedOn"), finishedOn: text("finishedOn"), progress: progress === null ? null : Number(progress) };
}
