import type { Child } from "hono/jsx";
import type { MessageKey } from "../../../i18n/index.ts";
import type { AppContext } from "../../context.ts";

export const CsrfField = ({ c }: { c: AppContext }) => <input type="hidden" name="_csrf" value={c.var.csrfToken} />;

export type Errors = Record<string, string>;

/** Translates an error that is a catalogue key, and passes through anything else. */
export function errorText(c: AppContext, message: string): string {
  return message.includes(".") ? c.var.tr.t(message as MessageKey) : message;
}

/** A list of the problems at the top of the form, each linking to its field (WCAG 3.3.1). */
export function ErrorSummary({ c, errors }: { c: AppContext; errors: Errors | undefined }) {
  const entries = Object.entries(errors ?? {});
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <h2 id="error-summary-title">{c.var.tr.t("form.errorSummary")}</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li>{field === "_" ? errorText(c, message) : <a href={`#field-${field}`}>{errorText(c, message)}</a>}</li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  c: AppContext;
  name: string;
  label: string;
  type?: "text" | "email" | "password" | "url" | "number" | "date" | "search";
  value?: string | undefined;
  errors?: Errors | undefined;
  hint?: string;
  autocomplete?: string;
  required?: boolean;
  multiline?: boolean;
  maxlength?: number;
  /** Prefixes the id (field-<prefix><name>) when several forms on one page have fields of the same name. */
  idPrefix?: string;
  /** Bounds of a number input. */
  range?: { min: number; max: number };
}

export function Field({
  c,
  name,
  label,
  type = "text",
  value,
  errors,
  hint,
  autocomplete,
  required,
  multiline,
  maxlength,
  idPrefix = "",
  range,
}: FieldProps) {
  const id = `field-${idPrefix}${name}`;
  const error = errors?.[name];
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const common = {
    id,
    name,
    "aria-describedby": describedBy,
    "aria-invalid": error ? ("true" as const) : undefined,
    required,
    maxlength,
  };
  return (
    <div class={`field${error ? " field-error" : ""}`}>
      <label for={id}>
        {label}
        {required && <span class="required"> ({c.var.tr.t("form.required")})</span>}
      </label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="error-message" id={`${id}-error`}>
          {errorText(c, error)}
        </p>
      )}
      {multiline ? (
        <textarea {...common}>{value ?? ""}</textarea>
      ) : (
        <input
          type={type}
          value={value ?? ""}
          autocomplete={autocomplete}
          {...common}
          {...(range ? { min: range.min, max: range.max, step: 1, inputmode: "numeric" as const } : {})}
        />
      )}
    </div>
  );
}

export function Checkbox({ name, label, checked, hint }: { name: string; label: string; checked: boolean; hint?: string }) {
  const id = `field-${name}`;
  return (
    <div class="field field-checkbox">
      <input
        type="checkbox"
        id={id}
        name={name}
        value="on"
        checked={checked}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

interface SelectProps {
  c: AppContext;
  name: string;
  label: string;
  /** `lang` marks an option written in another language than the page (a language's own name). */
  options: { value: string; label: string; lang?: string }[];
  value: string | undefined;
  errors?: Errors | undefined;
  hint?: string;
}

/** A select whose error sits next to it and is announced with it, as Field does for inputs. */
export function Select({ c, name, label, options, value, errors, hint }: SelectProps) {
  const id = `field-${name}`;
  const error = errors?.[name];
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div class={`field${error ? " field-error" : ""}`}>
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="error-message" id={`${id}-error`}>
          {errorText(c, error)}
        </p>
      )}
      <select id={id} name={name} aria-describedby={describedBy} aria-invalid={error ? "true" : undefined}>
        {options.map((o) => (
          <option value={o.value} lang={o.lang} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Notice({ children, kind = "info" }: { children: Child; kind?: "info" | "success" | "warning" }) {
  return (
    <div class={`notice notice-${kind}`} role="status">
      {children}
    </div>
  );
}
