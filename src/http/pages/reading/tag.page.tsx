// /tags/:name: the works readers gave a tag to (publicly), the tags that go with it, a report link, and for
// staff the tools to merge or block it.
import type { Reader, TagPage } from "../../../modules/reading/index.ts";
import type { AppContext } from "../../context.ts";
import { plural } from "../catalog/catalog-labels.ts";
import { ErrorSummary, type Errors } from "../components/form.tsx";
import { render } from "../layout.tsx";
import { tagPath } from "./reading-request.ts";
import { ReportLink } from "./report.components.tsx";
import { TagCloud, TagStaffTools } from "./tags.components.tsx";

export function tagPageView(
  c: AppContext,
  page: Extract<TagPage, { kind: "tag" }>,
  reader: Reader | null,
  merge: { values: { into?: string }; errors: Errors } | null = null,
  status: 200 | 422 = 200,
) {
  const { tr } = c.var;
  const t = tr.t;
  const { tag } = page;
  const title = t("reading.tagPage.title", { name: tag.name });
  return render(
    c,
    title,
    <>
      <h1>{title}</h1>
      {tag.blocked && <p class="notice notice-warning">{t("reading.tagPage.blocked")}</p>}
      <ErrorSummary c={c} errors={merge?.errors} />
      <section aria-labelledby="tag-works-heading">
        <h2 id="tag-works-heading">{t("reading.tagPage.works")}</h2>
        {page.works.length ? (
          <ol class="tagged-works">
            {page.works.map((work) => (
              <li>
                <a href={`/works/${work.id}`}>{work.title}</a>
                {work.subtitle && <span class="muted"> {work.subtitle}</span>}{" "}
                <span class="muted">({plural(tr, "reading.tags.count", work.count)})</span>
              </li>
            ))}
          </ol>
        ) : (
          <p>{t("reading.tagPage.noWorks")}</p>
        )}
      </section>
      {page.related.length > 0 && (
        <section aria-labelledby="tag-related-heading">
          <h2 id="tag-related-heading">{t("reading.tagPage.related")}</h2>
          <TagCloud c={c} tags={page.related} label={t("reading.tagPage.related")} />
        </section>
      )}
      {reader && (
        <p>
          <ReportLink c={c} subjectType="tag" subjectId={tag.id} returnTo={tagPath(tag.normalized)} label={tag.name} />
        </p>
      )}
      <TagStaffTools c={c} reader={reader} tag={tag} values={merge?.values} errors={merge?.errors} />
    </>,
    status,
  );
}
