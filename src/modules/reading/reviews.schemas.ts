import { z } from "zod";
import { REVIEW_VISIBILITIES } from "../../db/schema/index.ts";

export const REVIEW_TITLE_MAX = 200;
export const REVIEW_BODY_MAX = 20_000;
export const CONTENT_WARNING_MAX = 200;

/** A review as written in the form or sent to the API; messages are catalogue keys. */
export const reviewInput = z.object({
  title: z.string().trim().max(REVIEW_TITLE_MAX, "reading.review.title.long").default(""),
  body: z
    .string({ error: "reading.review.body.required" })
    .trim()
    .min(1, "reading.review.body.required")
    .max(REVIEW_BODY_MAX, "reading.review.body.long"),
  spoiler: z.boolean().default(false),
  contentWarning: z.string().trim().max(CONTENT_WARNING_MAX, "reading.review.contentWarning.long").default(""),
  visibility: z.enum(REVIEW_VISIBILITIES, { error: "reading.review.visibility.invalid" }).default("public"),
});
export type ReviewInput = z.infer<typeof reviewInput>;
