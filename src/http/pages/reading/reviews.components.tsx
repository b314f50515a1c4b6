// One review as readers see it (warnings folded away behind <details>, helpful and feature buttons, a report
// link), and the form in which a reader writes or edits their own.
import { raw } from "hono/html";
import { REVIEW_VISIBILITIES, type ReviewVisibility } from "../../../db/schema/index.ts";
import type { MessageKey } from "../../../i18n/index.ts";
import { hasRole } from "../../../modules/accounts/index.ts";
import {
  CONTENT_WARNING_MAX,
  REVIEW_BODY_MAX,
  REVIEW_TITLE_MAX,
  type Reader,
  type ReviewView,
  renderMarkdown,
} from "../../../modules/reading/index.ts";
import type { AppContext } from "../../context.ts";
import { plural } from "../catalog/catalog-labels.ts";
import { Checkbox, CsrfField, ErrorSummary, type Errors, errorText, Field } from "../components/form.tsx";
import { ReportLink } from "./report.components.tsx";

const visibilityLabel = (c: AppContext, visibility: ReviewVisibility) =>
  c.var.tr.t(`reading.review.visibility.${visibility}` as MessageKey);

/** What the folded review says before it is opened: the spoiler warning, the content warning, or both. */
function warningText(c: AppContext, review: ReviewView): string {
  const t = c.var.tr.t;
  if (review.spoiler && review.contentWarning) return t("reading.review.warning.both", { warning: review.contentWarning });
  if (review.spoiler) return t("reading.review.warning.spoiler");
  return t("reading.review.warning.content", { warning: review.contentWarning });
}

export function ReviewCard({
  c,
  review,
  reader,
  returnTo,
}: {
  c: AppContext;
  review: ReviewView;
  reader: Reader | null;
  returnTo: string;
}) {
  const { tr } = c.var;
  const t = tr.t;
  const titleId = `review-${review.id}-title`;
  const heading = review.title || t("reading.review.untitled", { name: review.authorName });
  const body = <div class="review-body">{raw(renderMarkdown(review.body))}</div>;
  const folded = review.spoiler || review.contentWarning !== "";
  const canVote = reader && !review.mine && !review.hidden;
  const canFeature = hasRole(reader, "staff") && !review.hidden && (review.featured || review.visibility === "public");
  return (
    <li
      class={`review${review.featured ? " review-featured" : ""}${review.hidden ? " review-hidden" : ""}`}
      id={`review-${review.id}`}
    >
      <article aria-labelledby={titleId}>
        <h3 id={titleId}>{heading}</h3>
        <p class="review-meta">
          {t("reading.review.by", { name: review.authorName, date: tr.date(review.createdAt) })}
          {review.featured && <span class="review-badge">{t("reading.review.featured")}</span>}
          {review.mine && review.visibility !== "public" && (
            <span class="review-badge">{visibilityLabel(c, review.visibility)}</span>
          )}
          {review.hidden && <span class="review-badge review-badge-hidden">{t("reading.review.hidden")}</span>}
        </p>
        {folded ? (
          <details class="review-warning">
            <summary>{warningText(c, review)}</summary>
            {body}
          </details>
        ) : (
          body
        )}
        <div class="review-actions">
          {review.helpfulCount > 0 && (
            <span class="muted">{plural(tr, "reading.review.helpful.count", review.helpfulCount)}</span>
          )}
          {canVote && (
            <form method="post" action={`/reviews/${review.id}/helpful`} class="inline-form">
              <CsrfField c={c} />
              <input type="hidden" name="return" value={returnTo} />
              <input type="hidden" name="helpful" value={review.votedHelpful ? "no" : "yes"} />
              <button type="submit" class="secondary" aria-pressed={review.votedHelpful ? "true" : "false"}>
                {t("reading.review.helpful")}
                <span class="visually-hidden"> {heading}</span>
              </button>
            </form>
          )}
          {canFeature && (
            <form method="post" action={`/reviews/${review.id}/feature`} class="inline-form">
              <CsrfField c={c} />
              <input type="hidden" name="return" value={returnTo} />
              <input type="hidden" name="featured" value={review.featured ? "no" : "yes"} />
              <button type="submit" class="secondary">
                {review.featured ? t("reading.review.unfeature") : t("reading.review.feature")}
                <span class="visually-hidden"> {heading}</span>
              </button>
            </form>
          )}
          {review.mine && <a href="#your-review">{t("reading.review.editLink")}</a>}
          {reader && !review.mine && (
            <ReportLink c={c} subjectType="review" subjectId={review.id} returnTo={returnTo} label={heading} />
          )}
        </div>
      </article>
    </li>
  );
}

export interface ReviewFormValues {
  title?: string;
  body?: string;
  spoiler?: boolean;
  contentWarning?: string;
  visibility?: string;
}

export const reviewFormValues = (review: ReviewView | null): ReviewFormValues =>
  review
    ? {
        title: review.title,
        body: review.body,
        spoiler: review.spoiler,
        contentWarning: review.contentWarning,
        visibility: review.visibility,
      }
    : {};

/** Write or edit one's review. A child's review is private, and the form says so instead of offering a choice. */
export function ReviewForm({
  c,
  workId,
  reader,
  existing,
  values,
  errors,
  returnTo,
}: {
  c: AppContext;
  workId: string;
  reader: Reader;
  existing: ReviewView | null;
  values: ReviewFormValues;
  errors?: Errors | undefined;
  returnTo: string;
}) {
  const t = c.var.tr.t;
  const chosen = values.visibility ?? "public";
  const visibilityError = errors?.visibility;
  return (
    <section id="your-review" class="your-review" aria-labelledby="your-review-heading">
      <h3 id="your-review-heading">{existing ? t("reading.review.form.edit") : t("reading.review.form.write")}</h3>
      {existing?.hidden && <p class="notice notice-warning">{t("reading.review.form.hiddenNotice")}</p>}
      <ErrorSummary c={c} errors={errors} />
      <form method="post" action={`/works/${workId}/review`} class="stack" novalidate>
        <CsrfField c={c} />
        <input type="hidden" name="return" value={returnTo} />
        <Field
          c={c}
          name="title"
          label={t("reading.review.form.title")}
          value={values.title}
          errors={errors}
          maxlength={REVIEW_TITLE_MAX}
        />
        <Field
          c={c}
          name="body"
          label={t("reading.review.form.body")}
          hint={t("reading.review.form.body.hint")}
          value={values.body}
          errors={errors}
          required
          multiline
          maxlength={REVIEW_BODY_MAX}
        />
        <Checkbox
          name="spoiler"
          label={t("reading.review.form.spoiler")}
          hint={t("reading.review.form.spoiler.hint")}
          checked={values.spoiler ?? false}
        />
        <Field
          c={c}
          name="contentWarning"
          label={t("reading.review.form.contentWarning")}
          hint={t("reading.review.form.contentWarning.hint")}
          value={values.contentWarning}
          errors={errors}
          maxlength={CONTENT_WARNING_MAX}
        />
        {reader.child ? (
          <p class="notice" id="field-visibility">
            {t("reading.review.form.childPrivate")}
          </p>
        ) : (
          <fieldset
            class={`field radio-group${visibilityError ? " field-error" : ""}`}
            aria-describedby={visibilityError ? "field-visibility-error" : undefined}
          >
            <legend>{t("reading.review.form.visibility")}</legend>
            {visibilityError && (
              <p class="error-message" id="field-visibility-error">
                {errorText(c, visibilityError)}
              </p>
            )}
            {REVIEW_VISIBILITIES.map((visibility, i) => {
              const id = i === 0 ? "field-visibility" : `field-visibility-${visibility}`;
              return (
                <div class="field-radio">
                  <input
                    type="radio"
                    id={id}
                    name="visibility"
                    value={visibility}
                    checked={chosen === visibility}
                    aria-describedby={`${id}-hint`}
                  />
                  <label for={id}>{visibilityLabel(c, visibility)}</label>
                  <p class="hint" id={`${id}-hint`}>
                    {t(`reading.review.visibility.${visibility}.hint` as MessageKey)}
                  </p>
                </div>
              );
            })}
          </fieldset>
        )}
        <p class="actions">
          <button type="submit">{existing ? t("reading.review.form.save") : t("reading.review.form.publish")}</button>
        </p>
      </form>
      {existing && (
        <form method="post" action={`/reviews/${existing.id}/delete`} class="inline-form">
          <CsrfField c={c} />
          <input type="hidden" name="return" value={returnTo} />
          <button type="submit" class="secondary">
            {t("reading.review.form.delete")}
          </button>
        </form>
      )}
    </section>
  );
}
