// Reading pages: a work's community page (ratings, reviews, tags), the forms behind the record page's
// sections, tag pages with their staff tools, and reporting. Every form works without JavaScript
// (Post/Redirect/Get; a form with problems comes back with the reader's text kept).
import { Hono } from "hono";
import { z } from "zod";
import type { Deps } from "../../../compose.ts";
import { REPORT_SUBJECTS } from "../../../db/schema/index.ts";
import { fieldErrors } from "../../../modules/accounts/index.ts";
import { fileReport, reportInput, reportTarget } from "../../../modules/moderation/index.ts";
import {
  addTag,
  blockTag,
  deleteReview,
  featureReview,
  findTag,
  findWorkTitle,
  mergeTag,
  rateWork,
  removeRating,
  removeTag,
  reviewInput,
  saveOwnReview,
  tagInput,
  tagPage,
  voteHelpful,
} from "../../../modules/reading/index.ts";
import type { AppContext, AppEnv } from "../../context.ts";
import { redirectWith } from "../../middleware/flash.ts";
import { requireRole, requireUser } from "../../middleware/guards.ts";
import { limitPerPerson } from "../../middleware/rate-limit.ts";
import { errorPage } from "../errors.page.tsx";
import { checked, formFields } from "../form-data.ts";
import { communityPage } from "./community.page.tsx";
import { backTo, idParam, pageOf, readerOf, signedInReader, tagPath } from "./reading-request.ts";
import { reportPage } from "./report.page.tsx";
import { tagPageView } from "./tag.page.tsx";

const halfStarsField = z.coerce.number().int().min(1).max(10);
const yes = (value: string | undefined) => value === "yes";
const reportQuery = z.object({ subject: z.enum(REPORT_SUBJECTS), id: z.uuid() });

/** Free text and reports are limited per person, so that nobody can flood the reviews or the moderators. */
const POSTS = { limit: 30, windowSeconds: 10 * 60 };

export function readingPages(deps: Deps) {
  const app = new Hono<AppEnv>();
  const limited = limitPerPerson(deps, "reading-post", POSTS);

  const workOr404 = async (c: AppContext) => {
    const id = idParam(c);
    return id ? findWorkTitle(deps.db, id) : null;
  };

  app.get("/works/:id/community", async (c) => {
    const work = await workOr404(c);
    if (!work) return errorPage(c, "404");
    return communityPage(deps, c, work);
  });

  app.post("/works/:id/rating", requireUser, async (c) => {
    const work = await workOr404(c);
    if (!work) return errorPage(c, "404");
    const fields = await formFields(c);
    const back = backTo(fields, `/works/${work.id}#ratings`);
    const halfStars = halfStarsField.safeParse(fields.halfStars);
    if (!halfStars.success) return redirectWith(c, back, "reading.rate.choose", "warning");
    const reader = await signedInReader(deps, c);
    await rateWork(deps.db, deps.clock, reader.id, work.id, halfStars.data);
    return redirectWith(c, back, "reading.rate.saved");
  });

  app.post("/works/:id/rating/delete", requireUser, async (c) => {
    const work = await workOr404(c);
    if (!work) return errorPage(c, "404");
    const fields = await formFields(c);
    const reader = await signedInReader(deps, c);
    await removeRating(deps.db, reader.id, work.id);
    return redirectWith(c, backTo(fields, `/works/${work.id}#ratings`), "reading.rate.removed");
  });

  app.post("/works/:id/review", requireUser, limited, async (c) => {
    const work = await workOr404(c);
    if (!work) return errorPage(c, "404");
    const fields = await formFields(c);
    const values = {
      title: fields.title ?? "",
      body: fields.body ?? "",
      spoiler: checked(fields, "spoiler"),
      contentWarning: fields.contentWarning ?? "",
      visibility: fields.visibility ?? "public",
    };
    const reader = await signedInReader(deps, c);
    // A child's review is made private by the service, whatever the form sent.
    const parsed = reviewInput.safeParse(values);
    const back = backTo(fields, `/works/${work.id}#reviews`);
    if (!parsed.success) {
      const reviewForm = { values, errors: fieldErrors(parsed.error) };
      return communityPage(deps, c, work, { reviewForm, pagePath: pageOf(back) }, 422);
    }
    const saved = await saveOwnReview(deps.db, deps.clock, reader, work.id, parsed.data);
    if (!saved.ok) return errorPage(c, "404");
    return redirectWith(c, back, saved.value.visibility === "public" ? "reading.review.saved" : "reading.review.savedRestricted");
  });

  app.post("/reviews/:id/delete", requireUser, async (c) => {
    const id = idParam(c);
    if (!id) return errorPage(c, "404");
    const fields = await formFields(c);
    const deleted = await deleteReview(deps.db, await signedInReader(deps, c), id);
    if (!deleted.ok) return errorPage(c, deleted.error === "forbidden" ? "403" : "404");
    return redirectWith(c, backTo(fields, `/works/${deleted.value.workId}#reviews`), "reading.review.deleted");
  });

  app.post("/reviews/:id/helpful", requireUser, async (c) => {
    const id = idParam(c);
    if (!id) return errorPage(c, "404");
    const fields = await formFields(c);
    const voted = await voteHelpful(deps.db, deps.clock, await signedInReader(deps, c), id, yes(fields.helpful));
    if (!voted.ok) return errorPage(c, voted.error === "own-review" ? "403" : "404");
    const key = voted.value.votedHelpful ? "reading.review.helpful.saved" : "reading.review.helpful.removed";
    return redirectWith(c, backTo(fields, `/works/${voted.value.workId}#review-${id}`), key);
  });

  app.post("/reviews/:id/feature", requireRole("staff"), async (c) => {
    const id = idParam(c);
    if (!id) return errorPage(c, "404");
    const fields = await formFields(c);
    const featured = yes(fields.featured);
    const result = await featureReview(deps.db, deps.clock, await signedInReader(deps, c), id, featured);
    if (!result.ok) {
      if (result.error === "not-public")
        return redirectWith(c, backTo(fields, "/"), "reading.review.feature.notPublic", "warning");
      return errorPage(c, result.error === "forbidden" ? "403" : "404");
    }
    const back = backTo(fields, `/works/${result.value.workId}#reviews`);
    return redirectWith(c, back, featured ? "reading.review.feature.saved" : "reading.review.feature.removed");
  });

  app.post("/works/:id/tags", requireUser, limited, async (c) => {
    const work = await workOr404(c);
    if (!work) return errorPage(c, "404");
    const fields = await formFields(c);
    const values = { tag: fields.tag ?? "", private: checked(fields, "private") };
    const reader = await signedInReader(deps, c);
    const parsed = tagInput.safeParse({ name: values.tag, private: values.private });
    const back = backTo(fields, `/works/${work.id}#tags`);
    const failed = (error: string) =>
      communityPage(deps, c, work, { tagForm: { values, errors: { tag: error } }, pagePath: pageOf(back) }, 422);
    if (!parsed.success) return failed(fieldErrors(parsed.error).name ?? "reading.tags.name.required");
    const added = await addTag(deps.db, deps.clock, reader, work.id, parsed.data);
    if (!added.ok) return added.error === "blocked" ? failed("reading.tags.blocked") : errorPage(c, "404");
    return redirectWith(c, back, added.value.private ? "reading.tags.addedPrivate" : "reading.tags.added");
  });

  app.post("/works/:id/tags/remove", requireUser, async (c) => {
    const work = await workOr404(c);
    if (!work) return errorPage(c, "404");
    const fields = await formFields(c);
    const tagId = z.uuid().safeParse(fields.tagId);
    const reader = await signedInReader(deps, c);
    if (!tagId.success || !(await removeTag(deps.db, reader.id, work.id, tagId.data))) return errorPage(c, "404");
    return redirectWith(c, backTo(fields, `/works/${work.id}#tags`), "reading.tags.removed");
  });

  app.get("/tags/:name", async (c) => {
    const name = c.req.param("name");
    const reader = await readerOf(deps, c);
    const page = await tagPage(deps.db, name, reader);
    if (!page) return errorPage(c, "404");
    // One address per tag: its normalised name, or the name of the tag it was merged into.
    if (page.kind === "merged") return c.redirect(tagPath(page.into.normalized), 302);
    if (name !== page.tag.normalized) return c.redirect(tagPath(page.tag.normalized), 301);
    return tagPageView(c, page, reader);
  });

  app.post("/tags/:name/merge", requireRole("staff"), async (c) => {
    const tag = await findTag(deps.db, c.req.param("name"));
    if (!tag) return errorPage(c, "404");
    const fields = await formFields(c);
    const into = fields.into ?? "";
    const reader = await signedInReader(deps, c);
    const merged = await mergeTag(deps.db, deps.clock, reader, tag.id, into);
    if (merged.ok) return redirectWith(c, tagPath(merged.value.normalized), "reading.tags.staff.merged");
    if (merged.error === "forbidden" || merged.error === "not-found")
      return errorPage(c, merged.error === "forbidden" ? "403" : "404");
    const page = await tagPage(deps.db, tag.normalized, reader);
    if (page?.kind !== "tag") return errorPage(c, "404");
    const error = merged.error === "same-tag" ? "reading.tags.staff.sameTag" : "reading.tags.staff.noTarget";
    return tagPageView(c, page, reader, { values: { into }, errors: { into: error } }, 422);
  });

  app.post("/tags/:name/block", requireRole("staff"), async (c) => {
    const tag = await findTag(deps.db, c.req.param("name"));
    if (!tag) return errorPage(c, "404");
    const blocked = yes((await formFields(c)).blocked);
    const result = await blockTag(deps.db, deps.clock, await signedInReader(deps, c), tag.id, blocked);
    if (!result.ok) return errorPage(c, result.error === "forbidden" ? "403" : "404");
    return redirectWith(c, tagPath(tag.normalized), blocked ? "reading.tags.staff.blocked" : "reading.tags.staff.unblocked");
  });

  app.get("/reports/new", requireUser, async (c) => {
    const query = reportQuery.safeParse(c.req.query());
    if (!query.success) return errorPage(c, "404");
    const { subject, id } = query.data;
    const content = await reportTarget(deps.db, deps.clock, await signedInReader(deps, c), subject, id);
    if (!content) return errorPage(c, "404");
    return reportPage(c, { type: subject, id, content }, backTo({ return: c.req.query("return") ?? "" }, "/"));
  });

  app.post("/reports", requireUser, limited, async (c) => {
    const fields = await formFields(c);
    const subject = reportQuery.safeParse({ subject: fields.subjectType, id: fields.subjectId });
    if (!subject.success) return errorPage(c, "404");
    const reader = await signedInReader(deps, c);
    const back = backTo(fields, "/");
    const parsed = reportInput.safeParse(fields);
    if (!parsed.success) {
      const content = await reportTarget(deps.db, deps.clock, reader, subject.data.subject, subject.data.id);
      if (!content) return errorPage(c, "404");
      const values = { reason: fields.reason, note: fields.note };
      const target = { type: subject.data.subject, id: subject.data.id, content };
      return reportPage(c, target, back, { values, errors: fieldErrors(parsed.error) }, 422);
    }
    const filed = await fileReport(deps.db, deps.clock, reader, parsed.data);
    if (!filed.ok) return errorPage(c, "404");
    return redirectWith(c, back, "moderation.report.sent");
  });

  return app;
}
