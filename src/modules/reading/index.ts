// Reading: what patrons make of the catalogue — ratings, reviews, tags, shelves with reading dates, and
// lists (collaborative, open to suggestions, or the library's own), and their imported reading history.
export * from "./lists.personal-data.ts";
export * from "./lists.schemas.ts";
export * from "./lists.service.ts";
export * from "./markdown.ts";
export * from "./ratings.service.ts";
export * from "./readers.ts";
export * from "./reading-history.parse.ts";
export * from "./reading-history.service.ts";
export * from "./reviews.schemas.ts";
export * from "./reviews.service.ts";
export * from "./shelves.personal-data.ts";
export * from "./shelves.queries.ts";
export * from "./shelves.schemas.ts";
export * from "./shelves.service.ts";
export * from "./tags.schemas.ts";
export * from "./tags.service.ts";
export * from "./work-lookup.ts";
