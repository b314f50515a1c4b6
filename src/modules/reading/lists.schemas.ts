import { z } from "zod";
import { LIST_VISIBILITIES } from "../../db/schema/index.ts";

// Messages are catalogue keys: pages translate them, the API reports them with the field name.

export const listTitle = z.string().trim().min(1, "lists.validation.title.required").max(120, "lists.validation.title.long");
export const listDescription = z.string().trim().max(2000, "lists.validation.description.long");
export const listVisibility = z.enum(LIST_VISIBILITIES, { message: "lists.validation.visibility.invalid" });
export const itemNote = z.string().trim().max(1000, "lists.validation.note.long");

export const listInput = z.object({
  title: listTitle,
  description: listDescription.default(""),
  visibility: listVisibility.default("private"),
  openToSuggestions: z.boolean().default(false),
  /** Honoured only for staff: the list speaks as the library. */
  byLibrary: z.boolean().default(false),
});
export type ListInput = z.infer<typeof listInput>;
export type ListPatch = Partial<ListInput>;

export const listItemInput = z.object({
  workId: z.uuid({ message: "lists.validation.work.invalid" }),
  note: itemNote.default(""),
});
export type ListItemInput = z.infer<typeof listItemInput>;

export const editorInput = z.object({
  email: z.string().trim().toLowerCase().min(1, "lists.validation.email.required").email("lists.validation.email.invalid"),
});

export const MOVE_DIRECTIONS = ["up", "down"] as const;
export type MoveDirection = (typeof MOVE_DIRECTIONS)[number];
export const SUGGESTION_DECISIONS = ["approve", "decline"] as const;
export type SuggestionDecision = (typeof SUGGESTION_DECISIONS)[number];
