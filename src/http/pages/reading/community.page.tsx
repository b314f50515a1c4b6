// /works/:id/community: everything readers made of one work — ratings, every review, tags — on one page.
import type { Deps } from "../../../compose.ts";
import type { WorkTitle } from "../../../modules/reading/index.ts";
import type { AppContext } from "../../context.ts";
import { render } from "../layout.tsx";
import { readerOf } from "./reading-request.ts";
import { RatingSection, ReviewsSection, type SectionOptions, TagsSection } from "./sections.tsx";

export async function communityPage(
  deps: Deps,
  c: AppContext,
  work: WorkTitle,
  forms: Pick<SectionOptions, "reviewForm" | "tagForm" | "pagePath"> = {},
  status: 200 | 422 = 200,
) {
  const t = c.var.tr.t;
  const options: SectionOptions = { ...forms, reader: await readerOf(deps, c), allReviews: true };
  const title = t("reading.community.title", { title: work.title });
  return render(
    c,
    title,
    <>
      <h1>{title}</h1>
      <p>
        <a href={`/works/${work.id}`}>{t("reading.community.back", { title: work.title })}</a>
      </p>
      {await RatingSection(deps, c, work.id, options)}
      {await ReviewsSection(deps, c, work.id, options)}
      {await TagsSection(deps, c, work.id, options)}
    </>,
    status,
  );
}
