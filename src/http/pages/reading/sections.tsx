// The record page's community sections, one function per section, each taking (deps, c, workId) and
// returning the section's markup: ratings, reviews and tags. They are shown on the record page and on the
// work's community page, and their forms send the reader back to whichever page they were on.
import type { Deps } from "../../../compose.ts";
import type { Reader } from "../../../modules/reading/index.ts";
import { ownReview, ratingSummary, workReviews, workTagCloud, yourRating, yourTags } from "../../../modules/reading/index.ts";
import type { AppContext } from "../../context.ts";
import { plural } from "../catalog/catalog-labels.ts";
import type { Errors } from "../components/form.tsx";
import { RateForm, RatingSummary } from "./ratings.components.tsx";
import { communityPath, readerOf } from "./reading-request.ts";
import { ReviewCard, ReviewForm, type ReviewFormValues, reviewFormValues } from "./reviews.components.tsx";
import { AddTagForm, TagCloud, YourTags } from "./tags.components.tsx";

/** How many reviews the record page shows; the community page shows them all. */
const RECORD_PAGE_REVIEWS = 5;
const ALL_REVIEWS = 100;

/** A form that failed, re-rendered with what the reader typed and the problems beside the fields. */
export interface SectionForm<V> {
  values: V;
  errors: Errors;
}

export interface SectionOptions {
  /** The reader, when the caller already loaded it. */
  reader?: Reader | null;
  /** The community page lists every review; the record page a few, with a link to the rest. */
  allReviews?: boolean;
  reviewForm?: SectionForm<ReviewFormValues>;
  tagForm?: SectionForm<{ tag?: string; private?: boolean }>;
  /**
   * The page the sections belong to, when it is not this request's: a form re-rendered after a POST
   * sends the reader back to the page they came from, not to the address the form was posted to.
   */
  pagePath?: string;
}

const pagePath = (c: AppContext, options: SectionOptions) => options.pagePath ?? c.req.path;
/** This page at a section, as a form's `return` field. */
const hereAt = (c: AppContext, options: SectionOptions, section: string) => `${pagePath(c, options)}#${section}`;
const signInHref = (c: AppContext, section: string) => `/sign-in?next=${encodeURIComponent(`${c.req.path}#${section}`)}`;

/** The reader the caller passed (even null, for a visitor), or the request's own. */
const readerFor = (deps: Deps, c: AppContext, options: SectionOptions) =>
  options.reader !== undefined ? Promise.resolve(options.reader) : readerOf(deps, c);

export async function RatingSection(deps: Deps, c: AppContext, workId: string, options: SectionOptions = {}) {
  const t = c.var.tr.t;
  const reader = await readerFor(deps, c, options);
  const summary = await ratingSummary(deps.db, workId);
  const current = reader ? await yourRating(deps.db, reader.id, workId) : null;
  return (
    <section id="ratings" class="reading-section" aria-labelledby="ratings-heading">
      <h2 id="ratings-heading">{t("reading.rating.title")}</h2>
      <RatingSummary c={c} summary={summary} />
      {reader ? (
        <RateForm c={c} workId={workId} current={current} returnTo={hereAt(c, options, "ratings")} />
      ) : (
        <p>
          <a href={signInHref(c, "ratings")}>{t("reading.rating.signIn")}</a>
        </p>
      )}
    </section>
  );
}

export async function ReviewsSection(deps: Deps, c: AppContext, workId: string, options: SectionOptions = {}) {
  const t = c.var.tr.t;
  const reader = await readerFor(deps, c, options);
  const withoutSpoilers = c.req.query("spoilers") === "hide";
  const limit = options.allReviews ? ALL_REVIEWS : RECORD_PAGE_REVIEWS;
  const list = await workReviews(deps.db, deps.clock, workId, reader, { withoutSpoilers, limit });
  const own = reader ? await ownReview(deps.db, reader, workId) : null;
  const returnTo = hereAt(c, options, "reviews");
  return (
    <section id="reviews" class="reading-section" aria-labelledby="reviews-heading">
      <h2 id="reviews-heading">{t("reading.review.title")}</h2>
      <p class="section-links">
        <span>{plural(c.var.tr, "reading.review.total", list.total)}</span>
        {!options.allReviews && <a href={`${communityPath(workId)}#reviews`}>{t("reading.review.all")}</a>}
      </p>
      <form method="get" action={`${pagePath(c, options)}#reviews`} class="review-filter">
        <label for="reviews-spoilers">{t("reading.review.filter.spoilers")}</label>
        <select id="reviews-spoilers" name="spoilers">
          <option value="show" selected={!withoutSpoilers}>
            {t("reading.review.filter.show")}
          </option>
          <option value="hide" selected={withoutSpoilers}>
            {t("reading.review.filter.hide")}
          </option>
        </select>
        <button type="submit" class="secondary">
          {t("reading.review.filter.apply")}
        </button>
      </form>
      {list.items.length ? (
        <ol class="reviews">
          {list.items.map((review) => (
            <ReviewCard c={c} review={review} reader={reader} returnTo={returnTo} />
          ))}
        </ol>
      ) : (
        <p>{t("reading.review.none")}</p>
      )}
      {reader ? (
        <ReviewForm
          c={c}
          workId={workId}
          reader={reader}
          existing={own}
          values={options.reviewForm?.values ?? reviewFormValues(own)}
          errors={options.reviewForm?.errors}
          returnTo={returnTo}
        />
      ) : (
        <p>
          <a href={signInHref(c, "reviews")}>{t("reading.review.signIn")}</a>
        </p>
      )}
    </section>
  );
}

export async function TagsSection(deps: Deps, c: AppContext, workId: string, options: SectionOptions = {}) {
  const t = c.var.tr.t;
  const reader = await readerFor(deps, c, options);
  const cloud = await workTagCloud(deps.db, workId);
  const mine = reader ? await yourTags(deps.db, reader.id, workId) : [];
  const returnTo = hereAt(c, options, "tags");
  return (
    <section id="tags" class="reading-section" aria-labelledby="tags-heading">
      <h2 id="tags-heading">{t("reading.tags.title")}</h2>
      {cloud.length ? <TagCloud c={c} tags={cloud} label={t("reading.tags.cloud")} /> : <p>{t("reading.tags.none")}</p>}
      {reader ? (
        <>
          <YourTags c={c} workId={workId} tags={mine} returnTo={returnTo} />
          <AddTagForm
            c={c}
            workId={workId}
            reader={reader}
            values={options.tagForm?.values}
            errors={options.tagForm?.errors}
            returnTo={returnTo}
          />
          {cloud.length > 0 && (
            <details class="report-tag">
              <summary>{t("reading.tags.report.summary")}</summary>
              <form method="get" action="/reports/new" class="stack">
                <input type="hidden" name="subject" value="tag" />
                <input type="hidden" name="return" value={returnTo} />
                <div class="field">
                  <label for="report-tag-id">{t("reading.tags.report.which")}</label>
                  <select id="report-tag-id" name="id">
                    {cloud.map((tag) => (
                      <option value={tag.id}>{tag.name}</option>
                    ))}
                  </select>
                </div>
                <button type="submit" class="secondary">
                  {t("reading.tags.report.continue")}
                </button>
              </form>
            </details>
          )}
        </>
      ) : (
        <p>
          <a href={signInHref(c, "tags")}>{t("reading.tags.signIn")}</a>
        </p>
      )}
    </section>
  );
}
