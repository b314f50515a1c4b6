import type { AppContext } from "../../context.ts";
import { type Errors, errorText } from "../components/form.tsx";

interface SelectFieldProps {
  c: AppContext;
  name: string;
  label: string;
  /** `lang` marks an option written in another language than the page (a language's own name). */
  options: { value: string; label: string; lang?: string }[];
  value: string | undefined;
  errors?: Errors | undefined;
  hint?: string;
}

/**
 * A select whose error sits next to it and is announced with it, as Field does for inputs
 * (components/form.tsx's Select has no error slot).
 */
export function SelectField({ c, name, label, options, value, errors, hint }: SelectFieldProps) {
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
