// Moderation: reports on what patrons wrote or made (reviews, tags, lists, profiles), the queue where
// moderators read them, and their decisions (hide, restore, dismiss), each one recorded.
export * from "./queue.service.ts";
export * from "./reports.schemas.ts";
export * from "./reports.service.ts";
export type { SubjectContent } from "./subjects.ts";
