// How a reported thing is named and shown: on the report form (so the reporter sees what they report) and
// in the moderation queue (with its full content, hidden or not).
import { raw } from "hono/html";
import type { MessageKey } from "../../../i18n/index.ts";
import type { SubjectContent } from "../../../modules/moderation/index.ts";
import { renderMarkdown } from "../../../modules/reading/index.ts";
import type { AppContext } from "../../context.ts";
import { plural } from "../catalog/catalog-labels.ts";

/** One line naming the subject: "the review “Great” by Ana of Dune", "the tag “cozy”", ... */
export function subjectName(c: AppContext, content: SubjectContent): string {
  const t = c.var.tr.t;
  switch (content.type) {
    case "review":
      return t("moderation.subject.review", {
        title: content.title || t("moderation.subject.untitled"),
        name: content.authorName,
        work: content.workTitle,
      });
    case "tag":
      return t("moderation.subject.tag", { name: content.name });
    case "list":
      return t("moderation.subject.list", { title: content.title, name: content.ownerName });
    case "profile":
      return t("moderation.subject.profile", { name: content.displayName });
  }
}

/** Where the subject can be seen on the site, for a moderator who wants its context. */
export function subjectHref(content: SubjectContent): string | null {
  switch (content.type) {
    case "review":
      return `/works/${content.workId}/community#review-${content.id}`;
    case "tag":
      return `/tags/${encodeURIComponent(content.normalized)}`;
    case "list":
      return `/lists/${content.id}`;
    case "profile":
      return null;
  }
}

/** The subject's own words, as moderators read them. */
export function SubjectBody({ c, content }: { c: AppContext; content: SubjectContent }) {
  const t = c.var.tr.t;
  switch (content.type) {
    case "review":
      return (
        <div class="subject-body">
          {content.contentWarning && <p>{t("moderation.subject.contentWarning", { warning: content.contentWarning })}</p>}
          {content.spoiler && <p>{t("moderation.subject.spoiler")}</p>}
          <p class="muted">{t(`reading.review.visibility.${content.visibility}` as MessageKey)}</p>
          <blockquote class="review-body">{raw(renderMarkdown(content.body))}</blockquote>
        </div>
      );
    case "tag":
      return (
        <div class="subject-body">
          <p>{plural(c.var.tr, "moderation.subject.tagUse", content.publicWorks)}</p>
        </div>
      );
    case "list":
      return <div class="subject-body">{content.description ? <blockquote>{content.description}</blockquote> : null}</div>;
    case "profile":
      return (
        <div class="subject-body">
          {content.pronouns ? <p>{t("moderation.subject.pronouns", { pronouns: content.pronouns })}</p> : null}
        </div>
      );
  }
}
