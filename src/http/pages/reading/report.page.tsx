// /reports/new: what is being reported, and the form (reason and note) that sends it to the moderators.
import type { ReportSubject } from "../../../db/schema/index.ts";
import type { SubjectContent } from "../../../modules/moderation/index.ts";
import type { AppContext } from "../../context.ts";
import { ErrorSummary, type Errors } from "../components/form.tsx";
import { render } from "../layout.tsx";
import { subjectName } from "../moderation/subject-labels.tsx";
import { ReportForm, type ReportValues } from "./report.components.tsx";

export function reportPage(
  c: AppContext,
  subject: { type: ReportSubject; id: string; content: SubjectContent },
  returnTo: string,
  form: { values: ReportValues; errors?: Errors } = { values: {} },
  status: 200 | 422 = 200,
) {
  const t = c.var.tr.t;
  const title = t("moderation.report.title");
  return render(
    c,
    title,
    <>
      <h1>{title}</h1>
      <p>{t("moderation.report.about", { subject: subjectName(c, subject.content) })}</p>
      <p class="hint">{t("moderation.report.intro")}</p>
      <ErrorSummary c={c} errors={form.errors} />
      <ReportForm
        c={c}
        subjectType={subject.type}
        subjectId={subject.id}
        returnTo={returnTo}
        values={form.values}
        errors={form.errors}
      />
    </>,
    status,
  );
}
