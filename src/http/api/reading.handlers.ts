import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Deps } from "../../compose.ts";
import type { MessageKey } from "../../i18n/index.ts";
import { fileReport } from "../../modules/moderation/index.ts";
import {
  addTag,
  createReview,
  deleteReview,
  findTag,
  findWorkTitle,
  loadReader,
  type Reader,
  type ReviewView,
  rateWork,
  ratingSummary,
  removeRating,
  removeTag,
  renderMarkdown,
  starsOf,
  tagInput,
  tagPage,
  updateReview,
  voteHelpful,
  workReviews,
  workTagCloud,
  yourTags,
} from "../../modules/reading/index.ts";
import type { AppContext, AppEnv } from "../context.ts";
import { communityPath, tagPath } from "../pages/reading/reading-request.ts";
import { apiProblem } from "./problems.ts";
import {
  addTagRoute,
  createReportRoute,
  createReviewRoute,
  deleteRatingRoute,
  deleteReviewRoute,
  getRatingsRoute,
  getTagRoute,
  listReviewsRoute,
  listWorkTagsRoute,
  markHelpfulRoute,
  patchReviewRoute,
  putRatingRoute,
  removeTagRoute,
  unmarkHelpfulRoute,
} from "./reading.routes.ts";
import { currentUser } from "./scope-guard.ts";
import { fieldProblems } from "./validation-problem.ts";

export function readingHandlers(api: OpenAPIHono<AppEnv>, deps: Deps) {
  const url = (path: string) => `${deps.config.baseUrl}${path}`;
  const readerOf = (c: AppContext): Promise<Reader | null> => loadReader(deps.db, deps.clock, c.var.user);
  const signedIn = async (c: AppContext): Promise<Reader> => {
    const reader = await loadReader(deps.db, deps.clock, currentUser(c));
    if (!reader) throw new Error("a signed-in user could not be loaded as a reader");
    return reader;
  };
  const notFound = (c: AppContext, detail: MessageKey) =>
    apiProblem(c, 404, c.var.tr.t("api.problem.notFound.title"), c.var.tr.t(detail));
  const forbidden = (c: AppContext, detail: MessageKey) =>
    apiProblem(c, 403, c.var.tr.t("api.problem.role.title"), c.var.tr.t(detail));
  const summaryJson = async (workId: string) => ({ workId, ...(await ratingSummary(deps.db, workId)) });
  const reviewJson = (review: ReviewView) => ({
    ...review,
    url: url(`${communityPath(review.workId)}#review-${review.id}`),
    bodyHtml: renderMarkdown(review.body),
    createdAt: review.createdAt.toISOString(),
    updatedAt: review.updatedAt.toISOString(),
  });
  const tagJson = (tag: { name: string; normalized: string }) => ({
    name: tag.name,
    normalized: tag.normalized,
    url: url(tagPath(tag.normalized)),
  });

  api.openapi(getRatingsRoute, async (c) => {
    const { id } = c.req.valid("param");
    if (!(await findWorkTitle(deps.db, id))) return notFound(c, "reading.api.workNotFound");
    return c.json(await summaryJson(id), 200);
  });

  api.openapi(putRatingRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { stars } = c.req.valid("json");
    const rated = await rateWork(deps.db, deps.clock, currentUser(c).id, id, stars * 2);
    if (!rated.ok) return notFound(c, "reading.api.workNotFound");
    return c.json({ workId: id, stars: starsOf(rated.value), summary: await summaryJson(id) }, 200);
  });

  api.openapi(deleteRatingRoute, async (c) => {
    const { id } = c.req.valid("param");
    const removed = await removeRating(deps.db, currentUser(c).id, id);
    return removed ? c.body(null, 204) : notFound(c, "reading.api.workNotFound");
  });

  api.openapi(listReviewsRoute, async (c) => {
    const { id } = c.req.valid("param");
    if (!(await findWorkTitle(deps.db, id))) return notFound(c, "reading.api.workNotFound");
    const withoutSpoilers = c.req.valid("query").spoilers === "exclude";
    const list = await workReviews(deps.db, deps.clock, id, await readerOf(c), { withoutSpoilers });
    return c.json({ total: list.total, items: list.items.map(reviewJson) }, 200);
  });

  api.openapi(createReviewRoute, async (c) => {
    const { id } = c.req.valid("param");
    const created = await createReview(deps.db, deps.clock, await signedIn(c), id, c.req.valid("json"));
    if (created.ok) return c.json(reviewJson(created.value), 201);
    if (created.error === "not-found") return notFound(c, "reading.api.workNotFound");
    const t = c.var.tr.t;
    return apiProblem(c, 409, t("reading.api.conflict"), t("reading.api.alreadyReviewed"));
  });

  api.openapi(patchReviewRoute, async (c) => {
    const updated = await updateReview(deps.db, deps.clock, await signedIn(c), c.req.valid("param").id, c.req.valid("json"));
    if (updated.ok) return c.json(reviewJson(updated.value), 200);
    return updated.error === "forbidden" ? forbidden(c, "reading.api.notYourReview") : notFound(c, "reading.api.reviewNotFound");
  });

  api.openapi(deleteReviewRoute, async (c) => {
    const deleted = await deleteReview(deps.db, await signedIn(c), c.req.valid("param").id);
    if (deleted.ok) return c.body(null, 204);
    return deleted.error === "forbidden" ? forbidden(c, "reading.api.notYourReview") : notFound(c, "reading.api.reviewNotFound");
  });

  for (const [route, helpful] of [
    [markHelpfulRoute, true],
    [unmarkHelpfulRoute, false],
  ] as const) {
    api.openapi(route, async (c) => {
      const voted = await voteHelpful(deps.db, deps.clock, await signedIn(c), c.req.valid("param").id, helpful);
      if (voted.ok) return c.json({ helpfulCount: voted.value.helpfulCount, votedHelpful: voted.value.votedHelpful }, 200);
      return voted.error === "own-review" ? forbidden(c, "reading.api.ownReview") : notFound(c, "reading.api.reviewNotFound");
    });
  }

  api.openapi(listWorkTagsRoute, async (c) => {
    const { id } = c.req.valid("param");
    if (!(await findWorkTitle(deps.db, id))) return notFound(c, "reading.api.workNotFound");
    const items = (await workTagCloud(deps.db, id)).map((tag) => ({ ...tagJson(tag), count: tag.count }));
    const reader = await readerOf(c);
    if (!reader) return c.json({ items }, 200);
    const yours = (await yourTags(deps.db, reader.id, id)).map((tag) => ({ ...tagJson(tag), private: tag.private }));
    return c.json({ items, yours }, 200);
  });

  api.openapi(addTagRoute, async (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const parsed = tagInput.safeParse(body);
    const t = c.var.tr.t;
    const refuse = (errors: { field: string; message: string }[]) =>
      apiProblem(c, 422, t("api.problem.validation.title"), t("api.problem.validation.detail"), { errors });
    if (!parsed.success) return refuse(fieldProblems(parsed.error, body, c.var.tr));
    const added = await addTag(deps.db, deps.clock, await signedIn(c), id, parsed.data);
    if (added.ok) return c.json({ tag: { ...tagJson(added.value.tag), private: added.value.private } }, 201);
    if (added.error === "blocked") return refuse([{ field: "name", message: t("reading.tags.blocked") }]);
    return notFound(c, "reading.api.workNotFound");
  });

  api.openapi(removeTagRoute, async (c) => {
    const { id } = c.req.valid("param");
    const tag = await findTag(deps.db, c.req.valid("query").name);
    const removed = tag ? await removeTag(deps.db, currentUser(c).id, id, tag.mergedIntoId ?? tag.id) : false;
    return removed ? c.body(null, 204) : notFound(c, "reading.api.notTagged");
  });

  api.openapi(getTagRoute, async (c) => {
    const first = await tagPage(deps.db, c.req.valid("param").name, null);
    // A merged tag answers as the tag it was merged into, which is never itself merged.
    const page = first?.kind === "merged" ? await tagPage(deps.db, first.into.normalized, null) : first;
    if (page?.kind !== "tag") return notFound(c, "reading.api.tagNotFound");
    return c.json(
      {
        ...tagJson(page.tag),
        works: page.works.map((work) => ({ id: work.id, url: url(`/works/${work.id}`), title: work.title, count: work.count })),
        related: page.related.map((tag) => ({ ...tagJson(tag), count: tag.count })),
      },
      200,
    );
  });

  api.openapi(createReportRoute, async (c) => {
    const filed = await fileReport(deps.db, deps.clock, await signedIn(c), c.req.valid("json"));
    if (!filed.ok) return notFound(c, "moderation.api.subjectNotFound");
    return c.json({ id: filed.value.id, status: "open" as const }, 201);
  });
}
