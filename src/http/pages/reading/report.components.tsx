// "Report" for anything patrons make: a link to the report page (light enough to sit on every review, tag,
// list and profile), and the form that page shows: a reason and an optional note for the moderators.
import { REPORT_REASONS, type ReportSubject } from "../../../db/schema/index.ts";
import type { MessageKey } from "../../../i18n/index.ts";
import { REPORT_NOTE_MAX } from "../../../modules/moderation/index.ts";
import type { AppContext } from "../../context.ts";
import { CsrfField, type Errors, errorText, Field } from "../components/form.tsx";

export const reportPath = (subjectType: ReportSubject, subjectId: string, returnTo: string) =>
  `/reports/new?${new URLSearchParams({ subject: subjectType, id: subjectId, return: returnTo })}`;

/**
 * A link to report something. `label` names what is reported for screen readers, since a page can have
 * many "Report" links (one per review).
 */
export function ReportLink({
  c,
  subjectType,
  subjectId,
  returnTo,
  label,
}: {
  c: AppContext;
  subjectType: ReportSubject;
  subjectId: string;
  returnTo: string;
  label: string;
}) {
  return (
    <a class="report-link" href={reportPath(subjectType, subjectId, returnTo)}>
      {c.var.tr.t(`moderation.report.link.${subjectType}` as MessageKey)}
      <span class="visually-hidden"> {label}</span>
    </a>
  );
}

export interface ReportValues {
  reason?: string;
  note?: string;
}

export function ReportForm({
  c,
  subjectType,
  subjectId,
  returnTo,
  values = {},
  errors,
}: {
  c: AppContext;
  subjectType: ReportSubject;
  subjectId: string;
  returnTo: string;
  values?: ReportValues;
  errors?: Errors | undefined;
}) {
  const t = c.var.tr.t;
  const reasonError = errors?.reason;
  return (
    <form method="post" action="/reports" class="stack" novalidate>
      <CsrfField c={c} />
      <input type="hidden" name="subjectType" value={subjectType} />
      <input type="hidden" name="subjectId" value={subjectId} />
      <input type="hidden" name="return" value={returnTo} />
      <fieldset
        class={`field radio-group${reasonError ? " field-error" : ""}`}
        aria-describedby={reasonError ? "field-reason-error" : undefined}
      >
        <legend>{t("moderation.report.reason")}</legend>
        {reasonError && (
          <p class="error-message" id="field-reason-error">
            {errorText(c, reasonError)}
          </p>
        )}
        {REPORT_REASONS.map((reason, i) => (
          <div class="field-radio">
            {/* The first choice carries the field's id, so the error summary's link lands in the group. */}
            <input
              type="radio"
              id={i === 0 ? "field-reason" : `field-reason-${reason}`}
              name="reason"
              value={reason}
              checked={values.reason === reason}
            />
            <label for={i === 0 ? "field-reason" : `field-reason-${reason}`}>
              {t(`moderation.reason.${reason}` as MessageKey)}
            </label>
          </div>
        ))}
      </fieldset>
      <Field
        c={c}
        name="note"
        label={t("moderation.report.note")}
        hint={t("moderation.report.note.hint")}
        value={values.note}
        errors={errors}
        multiline
        maxlength={REPORT_NOTE_MAX}
      />
      <p class="actions">
        <button type="submit">{t("moderation.report.submit")}</button>
        <a href={returnTo}>{t("moderation.report.cancel")}</a>
      </p>
    </form>
  );
}
