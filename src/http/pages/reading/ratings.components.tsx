// The average and distribution of a work's ratings (a table whose rows carry their own bars, so the numbers
// sit beside the chart and need no script), and the form to rate with half stars.
import type { Translator } from "../../../i18n/index.ts";
import { HALF_STARS_MAX, type RatingSummary as Summary, starsOf } from "../../../modules/reading/index.ts";
import type { AppContext } from "../../context.ts";
import { plural } from "../catalog/catalog-labels.ts";
import { CsrfField } from "../components/form.tsx";

/** "3.5 stars", "1 star", "½" written as the locale writes decimals. */
export const starsText = (tr: Translator, halfStars: number) =>
  plural(tr, "reading.rating.stars", starsOf(halfStars), { stars: tr.number(starsOf(halfStars)) });

export function RatingSummary({ c, summary }: { c: AppContext; summary: Summary }) {
  const { tr } = c.var;
  const t = tr.t;
  if (summary.count === 0 || summary.average === null) return <p class="rating-none">{t("reading.rating.none")}</p>;
  const average = tr.number(summary.average, { maximumFractionDigits: 1 });
  const rows = [...summary.perStar].reverse();
  return (
    <div class="rating-summary">
      <p class="rating-average">
        <span class="rating-average-value">{t("reading.rating.average", { average })}</span>{" "}
        <span class="muted">{plural(tr, "reading.rating.count", summary.count)}</span>
      </p>
      <table class="rating-chart">
        <caption>{t("reading.rating.chart.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("reading.rating.chart.stars")}</th>
            <th scope="col">{t("reading.rating.chart.share")}</th>
            <th scope="col">{t("reading.rating.chart.count")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const share = row.count / summary.count;
            return (
              <tr>
                <th scope="row">{plural(tr, "reading.rating.stars", row.stars, { stars: tr.number(row.stars) })}</th>
                <td class="rating-share">
                  {/* The bar repeats the percentage beside it, so it is hidden from assistive technology. */}
                  <svg class="rating-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                    <rect class="rating-bar-track" x="0" y="0" width="100" height="10" />
                    <rect class="rating-bar-fill" x="0" y="0" width={String(Math.round(share * 100))} height="10" />
                  </svg>
                  <span>{tr.number(share, { style: "percent", maximumFractionDigits: 0 })}</span>
                </td>
                <td>{tr.number(row.count)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p class="hint">{t("reading.rating.chart.halves")}</p>
    </div>
  );
}

/** Ten radio buttons, ½ to 5 stars, in one fieldset: works without JavaScript, and with the keyboard's arrows. */
export function RateForm({
  c,
  workId,
  current,
  returnTo,
}: {
  c: AppContext;
  workId: string;
  /** The reader's rating in half stars, or null. */
  current: number | null;
  returnTo: string;
}) {
  const { tr } = c.var;
  const t = tr.t;
  const choices = Array.from({ length: HALF_STARS_MAX }, (_, i) => i + 1);
  return (
    <div class="rate">
      <form method="post" action={`/works/${workId}/rating`} class="rate-form">
        <CsrfField c={c} />
        <input type="hidden" name="return" value={returnTo} />
        <fieldset class="star-choices">
          <legend>
            {current ? t("reading.rate.legendChange", { stars: starsText(tr, current) }) : t("reading.rate.legend")}
          </legend>
          {choices.map((halfStars) => (
            <span class="star-choice">
              <input
                type="radio"
                id={`rate-${workId}-${halfStars}`}
                name="halfStars"
                value={String(halfStars)}
                checked={current === halfStars}
                required
              />
              <label for={`rate-${workId}-${halfStars}`}>{starsText(tr, halfStars)}</label>
            </span>
          ))}
        </fieldset>
        <button type="submit">{current ? t("reading.rate.change") : t("reading.rate.submit")}</button>
      </form>
      {current !== null && (
        <form method="post" action={`/works/${workId}/rating/delete`} class="inline-form">
          <CsrfField c={c} />
          <input type="hidden" name="return" value={returnTo} />
          <button type="submit" class="secondary">
            {t("reading.rate.remove")}
          </button>
        </form>
      )}
    </div>
  );
}
