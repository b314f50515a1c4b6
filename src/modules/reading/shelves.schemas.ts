import { z } from "zod";
import { REVIEW_VISIBILITIES, type ReviewVisibility, type SHELF_KINDS } from "../../db/schema/index.ts";

// Messages are catalogue keys: pages translate them, the API reports them with the field name.

/** The four shelves every patron has; a work is on at most one of them at a time. */
export const DEFAULT_SHELF_KINDS = [
  "want-to-read",
  "reading",
  "read",
  "stopped",
] as const satisfies readonly (typeof SHELF_KINDS)[number][];
export type DefaultShelfKind = (typeof DEFAULT_SHELF_KINDS)[number];

export const SHELF_VISIBILITIES = REVIEW_VISIBILITIES;
export type ShelfVisibility = ReviewVisibility;

export const shelfName = z
  .string()
  .trim()
  .min(1, "lists.validation.shelfName.required")
  .max(80, "lists.validation.shelfName.long");
export const shelfVisibility = z.enum(SHELF_VISIBILITIES, { message: "lists.validation.visibility.invalid" });

export const shelfInput = z.object({ name: shelfName, visibility: shelfVisibility.default("private") });
export type ShelfInput = z.infer<typeof shelfInput>;
export type ShelfPatch = Partial<ShelfInput>;

const isoDate = z.iso.date({ message: "lists.validation.date.invalid" });

/** Reading dates and progress of one work on one shelf; null clears a value. */
export const shelfItemInput = z
  .object({
    startedOn: isoDate.nullable().default(null),
    finishedOn: isoDate.nullable().default(null),
    progress: z
      .number({ message: "lists.validation.progress.invalid" })
      .int("lists.validation.progress.invalid")
      .min(0, "lists.validation.progress.invalid")
      .max(100, "lists.validation.progress.invalid")
      .nullable()
      .default(null),
  })
  .refine((v) => !v.startedOn || !v.finishedOn || v.startedOn <= v.finishedOn, {
    message: "lists.validation.date.order",
    path: ["finishedOn"],
  });
export type ShelfItemInput = z.infer<typeof shelfItemInput>;
