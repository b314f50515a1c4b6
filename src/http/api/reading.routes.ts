import { createRoute, z } from "@hono/zod-openapi";
import { REVIEW_VISIBILITIES } from "../../db/schema/index.ts";
import { reportInput } from "../../modules/moderation/index.ts";
import { HALF_STARS_MAX, reviewInput, TAG_MAX_LENGTH } from "../../modules/reading/index.ts";
import { bodyProblems, conflictProblem, jsonContent, problems } from "./problems.ts";
import { jsonBody, patchSchema } from "./request.schemas.ts";
import { readableByAnyone, secured } from "./scope-guard.ts";

const workParams = z.object({ id: z.uuid().openapi({ description: "The work's id." }) });
const reviewParams = z.object({ id: z.uuid().openapi({ description: "The review's id." }) });

export const ratingSummarySchema = z
  .object({
    workId: z.uuid(),
    count: z.number().int(),
    average: z.number().nullable().openapi({ description: "The mean in stars (0.5 to 5); null when nobody has rated." }),
    perStar: z
      .array(z.object({ stars: z.number().int().min(1).max(5), count: z.number().int() }))
      .openapi({ description: "How many rated 1 to 5 stars; a half-star rating counts with the star above it (3.5 with 4)." }),
    perHalfStar: z
      .array(z.object({ halfStars: z.number().int().min(1).max(HALF_STARS_MAX), count: z.number().int() }))
      .openapi({ description: "The exact distribution: 1 is half a star, 10 is five stars." }),
  })
  .openapi("RatingSummary");

const ratingInputSchema = z
  .object({
    stars: z
      .number({ error: "reading.rate.choose" })
      .min(0.5, "reading.rate.choose")
      .max(5, "reading.rate.choose")
      .multipleOf(0.5, "reading.rate.choose")
      .openapi({ description: "0.5 to 5, in half stars.", example: 3.5 }),
  })
  .strict()
  .openapi("RatingInput");

const ratingSchema = z
  .object({ workId: z.uuid(), stars: z.number(), summary: ratingSummarySchema })
  .openapi("Rating", { description: "Your rating, and the work's summary with it counted." });

export const reviewSchema = z
  .object({
    id: z.uuid(),
    workId: z.uuid(),
    url: z.url().openapi({ description: "Where the review is shown." }),
    authorName: z.string(),
    mine: z.boolean().openapi({ description: "You wrote it." }),
    title: z.string(),
    body: z.string().openapi({ description: "Markdown, as written." }),
    bodyHtml: z.string().openapi({ description: "The body rendered to HTML and sanitised: safe to show." }),
    spoiler: z.boolean(),
    contentWarning: z.string().openapi({ description: "Show it instead of the review until the reader opens it." }),
    visibility: z.enum(REVIEW_VISIBILITIES).openapi({
      description:
        "public: anyone; followers: people who follow the author; private: the author. An under-13 author's reviews are always private.",
    }),
    featured: z.boolean().openapi({ description: "Featured by the library's staff, and listed first." }),
    hidden: z.boolean().openapi({ description: "Hidden by the moderators: only its author and moderators see it." }),
    helpfulCount: z.number().int(),
    votedHelpful: z.boolean().openapi({ description: "You marked it helpful." }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi("Review");

const newReviewSchema = z.object(reviewInput.shape).strict().openapi("NewReview");
const reviewPatchSchema = patchSchema(reviewInput).openapi("ReviewPatch", { description: "Only the fields sent are changed." });

const helpfulSchema = z.object({ helpfulCount: z.number().int(), votedHelpful: z.boolean() }).openapi("HelpfulVote");

const tagCountSchema = z
  .object({
    name: z.string(),
    normalized: z.string().openapi({ description: "The tag's key: how it is written in its URL." }),
    url: z.url().openapi({ description: "The tag's page." }),
    count: z.number().int().openapi({ description: "How many people gave the tag (publicly)." }),
  })
  .openapi("TagCount");

const yourTagSchema = z
  .object({ name: z.string(), normalized: z.string(), url: z.url(), private: z.boolean() })
  .openapi("YourTag");

const workTagsSchema = z
  .object({
    items: z.array(tagCountSchema).openapi({ description: "The work's public tags, most given first." }),
    yours: z
      .array(yourTagSchema)
      .optional()
      .openapi({ description: "Your own tags on the work, private ones included; only when you are signed in." }),
  })
  .openapi("WorkTags");

const newTagSchema = z
  .object({
    name: z.string().openapi({ description: `Your words, up to ${TAG_MAX_LENGTH} characters.`, example: "cosy mystery" }),
    private: z.boolean().default(false).openapi({ description: "Only for you: never shown to, counted for or found by others." }),
  })
  .strict()
  .openapi("NewTag");

const addedTagSchema = z
  .object({ tag: yourTagSchema })
  .openapi("AddedTag", { description: "The tag given: a merged tag comes back as the tag it was merged into." });

const tagPageSchema = z
  .object({
    name: z.string(),
    normalized: z.string(),
    url: z.url(),
    works: z
      .array(z.object({ id: z.uuid(), url: z.url(), title: z.string(), count: z.number().int() }))
      .openapi({ description: "Works with the tag, the most tagged first." }),
    related: z.array(tagCountSchema).openapi({ description: "The tags given most often to the same works." }),
  })
  .openapi("TagPage");

const newReportSchema = z.object(reportInput.shape).strict().openapi("NewReport");
const reportSchema = z.object({ id: z.uuid(), status: z.literal("open") }).openapi("Report");

const tags = ["Reading"];
export const getRatingsRoute = createRoute({
  method: "get",
  path: "/works/{id}/ratings",
  operationId: "getRatings",
  tags,
  summary: "A work's ratings: count, average and distribution",
  security: [],
  request: { params: workParams },
  responses: {
    200: { description: "The summary. Public: no token needed.", content: jsonContent(ratingSummarySchema) },
    404: problems[404],
    422: problems[422],
  },
});

export const putRatingRoute = createRoute({
  method: "put",
  path: "/works/{id}/rating",
  operationId: "rateWork",
  tags,
  summary: "Rate a work, or change your rating",
  ...secured("write"),
  request: { params: workParams, body: jsonBody(ratingInputSchema, "How many stars, in half stars.") },
  responses: {
    200: { description: "Your rating and the work's summary.", content: jsonContent(ratingSchema) },
    ...bodyProblems,
  },
});

export const deleteRatingRoute = createRoute({
  method: "delete",
  path: "/works/{id}/rating",
  operationId: "removeRating",
  tags,
  summary: "Remove your rating of a work",
  ...secured("write"),
  request: { params: workParams },
  responses: {
    204: { description: "Your rating is gone." },
    401: problems[401],
    403: problems[403],
    404: { ...problems[404], description: "No such work, or you had not rated it." },
    422: problems[422],
  },
});

export const listReviewsRoute = createRoute({
  method: "get",
  path: "/works/{id}/reviews",
  operationId: "listReviews",
  tags,
  summary: "A work's reviews that you may read",
  description:
    "Featured first, then the most helpful, then the newest; at most 100. Signed out: public reviews. Signed in: also followers-only reviews of people you follow, and your own at any visibility.",
  ...readableByAnyone,
  request: {
    params: workParams,
    query: z.object({
      spoilers: z
        .enum(["include", "exclude"])
        .default("include")
        .openapi({ description: "exclude: leave out reviews marked as spoilers." }),
    }),
  },
  responses: {
    200: {
      description: "The reviews, and how many there are.",
      content: jsonContent(z.object({ total: z.number().int(), items: z.array(reviewSchema) }).openapi("ReviewList")),
    },
    401: problems[401],
    403: problems[403],
    404: problems[404],
    422: problems[422],
  },
});

export const createReviewRoute = createRoute({
  method: "post",
  path: "/works/{id}/reviews",
  operationId: "createReview",
  tags,
  summary: "Review a work",
  description: "One review per person per work. An under-13 account's review is private whatever visibility is sent.",
  ...secured("write"),
  request: { params: workParams, body: jsonBody(newReviewSchema, "The review.") },
  responses: {
    201: { description: "The review as saved.", content: jsonContent(reviewSchema) },
    ...bodyProblems,
    409: { ...conflictProblem, description: "You have already reviewed this work: PATCH that review instead." },
  },
});

export const patchReviewRoute = createRoute({
  method: "patch",
  path: "/reviews/{id}",
  operationId: "updateReview",
  tags,
  summary: "Change your review",
  ...secured("write"),
  request: { params: reviewParams, body: jsonBody(reviewPatchSchema, "The fields to change.") },
  responses: {
    200: { description: "The review as saved.", content: jsonContent(reviewSchema) },
    400: problems[400],
    401: problems[401],
    403: { ...problems[403], description: "The review is someone else's, or the token lacks the scope." },
    404: problems[404],
    415: problems[415],
    422: problems[422],
  },
});

export const deleteReviewRoute = createRoute({
  method: "delete",
  path: "/reviews/{id}",
  operationId: "deleteReview",
  tags,
  summary: "Delete your review",
  ...secured("write"),
  request: { params: reviewParams },
  responses: {
    204: { description: "The review is gone." },
    401: problems[401],
    403: { ...problems[403], description: "The review is someone else's, or the token lacks the scope." },
    404: problems[404],
    422: problems[422],
  },
});

const helpfulResponses = {
  200: { description: "The review's helpful count now.", content: jsonContent(helpfulSchema) },
  401: problems[401],
  403: { ...problems[403], description: "It is your own review, or the token lacks the scope." },
  404: problems[404],
  422: problems[422],
};

export const markHelpfulRoute = createRoute({
  method: "post",
  path: "/reviews/{id}/helpful",
  operationId: "markReviewHelpful",
  tags,
  summary: "Mark a review as helpful",
  description: "Once per person (a second time changes nothing), and never on your own review.",
  ...secured("write"),
  request: { params: reviewParams },
  responses: helpfulResponses,
});

export const unmarkHelpfulRoute = createRoute({
  method: "delete",
  path: "/reviews/{id}/helpful",
  operationId: "unmarkReviewHelpful",
  tags,
  summary: "Take back your helpful mark",
  ...secured("write"),
  request: { params: reviewParams },
  responses: helpfulResponses,
});

export const listWorkTagsRoute = createRoute({
  method: "get",
  path: "/works/{id}/tags",
  operationId: "listWorkTags",
  tags,
  summary: "A work's tags",
  description: "Public tags only, counted once per person; signed in, also your own tags on it.",
  ...readableByAnyone,
  request: { params: workParams },
  responses: {
    200: { description: "The tags.", content: jsonContent(workTagsSchema) },
    401: problems[401],
    403: problems[403],
    404: problems[404],
    422: problems[422],
  },
});

export const addTagRoute = createRoute({
  method: "post",
  path: "/works/{id}/tags",
  operationId: "tagWork",
  tags,
  summary: "Tag a work in your words",
  description:
    "Tags are matched whatever their case, spacing, dashes or Unicode form. An under-13 account's tags are private. A tag the library blocked is refused (422, field name).",
  ...secured("write"),
  request: { params: workParams, body: jsonBody(newTagSchema, "The tag.") },
  responses: {
    201: { description: "The tag given.", content: jsonContent(addedTagSchema) },
    ...bodyProblems,
  },
});

export const removeTagRoute = createRoute({
  method: "delete",
  path: "/works/{id}/tags",
  operationId: "untagWork",
  tags,
  summary: "Take your tag off a work",
  ...secured("write"),
  request: {
    params: workParams,
    query: z.object({ name: z.string().min(1).openapi({ description: "The tag, written any way it matches." }) }),
  },
  responses: {
    204: { description: "Your tag is gone from the work." },
    401: problems[401],
    403: problems[403],
    404: { ...problems[404], description: "No such work, or you had not given it this tag." },
    422: problems[422],
  },
});

export const getTagRoute = createRoute({
  method: "get",
  path: "/tags/{name}",
  operationId: "getTag",
  tags,
  summary: "A tag: its works and related tags",
  description: "A tag merged into another answers as that one. Blocked tags do not exist here.",
  security: [],
  request: { params: z.object({ name: z.string().min(1).openapi({ description: "The tag, written any way it matches." }) }) },
  responses: {
    200: { description: "The tag's page. Public: no token needed.", content: jsonContent(tagPageSchema) },
    404: problems[404],
    422: problems[422],
  },
});

export const createReportRoute = createRoute({
  method: "post",
  path: "/reports",
  operationId: "report",
  tags: ["Reports"],
  summary: "Report a review, tag, list or profile to the moderators",
  ...secured("write"),
  request: { body: jsonBody(newReportSchema, "What is reported and why.") },
  responses: {
    201: { description: "The report is in the moderators' queue.", content: jsonContent(reportSchema) },
    400: problems[400],
    401: problems[401],
    403: problems[403],
    404: { ...problems[404], description: "There is nothing of that kind with this id that you can see." },
    415: problems[415],
    422: problems[422],
  },
});
