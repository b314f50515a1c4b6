import { createRoute, z } from "@hono/zod-openapi";
import { LIST_SUGGESTION_STATUSES, LIST_VISIBILITIES, REVIEW_VISIBILITIES, SHELF_KINDS } from "../../db/schema/index.ts";
import { listInput, listItemInput, shelfInput, shelfItemInput } from "../../modules/reading/index.ts";
import { bodyProblems, conflictProblem, jsonContent, problems } from "./problems.ts";
import { jsonBody, patchSchema } from "./request.schemas.ts";
import { readableByAnyone, secured } from "./scope-guard.ts";

const person = z.object({ id: z.uuid(), displayName: z.string() }).openapi("Person");
const workRef = {
  workId: z.uuid(),
  url: z.url().openapi({ description: "The work's record page." }),
  title: z.string(),
  contributors: z.array(z.string()).openapi({ description: "Contributor names in the catalogue's order." }),
};

export const shelfSchema = z
  .object({
    id: z.uuid(),
    url: z.url(),
    name: z.string().openapi({ description: "For the four default shelves, the name is their kind." }),
    kind: z.enum(SHELF_KINDS).openapi({
      description:
        "A work is on at most one of the default shelves (want-to-read, reading, read, stopped); custom shelves hold any.",
    }),
    visibility: z.enum(REVIEW_VISIBILITIES),
    itemCount: z.number().int(),
    createdAt: z.iso.datetime(),
  })
  .openapi("Shelf");

const shelfItemSchema = z
  .object({
    ...workRef,
    startedOn: z.iso.date().nullable(),
    finishedOn: z.iso.date().nullable(),
    progress: z.number().int().min(0).max(100).nullable().openapi({ description: "Per cent." }),
    addedAt: z.iso.datetime(),
  })
  .openapi("ShelfItem");

export const shelfDetailSchema = shelfSchema
  .extend({ owner: person, items: z.array(shelfItemSchema).openapi({ description: "Most recently added first." }) })
  .openapi("ShelfWithItems");

const shelfItemChanges = patchSchema(shelfItemInput).openapi("ShelfItemChanges", {
  description:
    "Fields left out keep their value; on a default shelf, the values the work had on the default shelf it moves from. null clears a value.",
});

export const listSchema = z
  .object({
    id: z.uuid(),
    url: z.url(),
    title: z.string(),
    description: z.string(),
    visibility: z
      .enum(LIST_VISIBILITIES)
      .openapi({ description: "unlisted: anyone with the address may see it; it is listed nowhere." }),
    byLibrary: z.boolean().openapi({ description: "Published by staff as the library's own list." }),
    openToSuggestions: z.boolean(),
    hidden: z.boolean().openapi({ description: "Hidden by a moderator: seen only by its owner and moderators." }),
    owner: person,
    itemCount: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi("List");

const listItemSchema = z
  .object({ ...workRef, note: z.string(), position: z.number().int(), addedAt: z.iso.datetime() })
  .openapi("ListItem");

export const listDetailSchema = listSchema
  .extend({
    items: z.array(listItemSchema).openapi({ description: "In the list's order." }),
    editors: z.array(person).openapi({ description: "Co-editors; listed for the owner and co-editors only." }),
    permissions: z
      .object({ edit: z.boolean(), manage: z.boolean(), suggest: z.boolean() })
      .openapi({ description: "What the person asking may do: edit the works, manage the list, suggest a work." }),
  })
  .openapi("ListWithItems");

const suggestionSchema = z
  .object({
    id: z.uuid(),
    listId: z.uuid(),
    workId: z.uuid(),
    note: z.string(),
    status: z.enum(LIST_SUGGESTION_STATUSES),
    createdAt: z.iso.datetime(),
  })
  .openapi("ListSuggestion");

// The module's schemas are plain zod; wrapped here so that the document can name them.
const listItemBody = z.object(listItemInput.shape).openapi("ListItemInput");

const shelfId = z.object({ id: z.uuid().openapi({ description: "The shelf's id." }) });
const shelfWork = shelfId.extend({ workId: z.uuid().openapi({ description: "The work's id." }) });
const listId = z.object({ id: z.uuid().openapi({ description: "The list's id." }) });
const listWork = listId.extend({ workId: z.uuid().openapi({ description: "The work's id." }) });
const shelves = ["Shelves"];
const listsTag = ["Lists"];

export const listShelvesRoute = createRoute({
  method: "get",
  path: "/shelves",
  operationId: "listShelves",
  tags: shelves,
  summary: "Your shelves",
  description: "Every shelf of the person asking, the four default shelves first (they are made on first use).",
  ...secured("read"),
  responses: {
    200: { description: "Your shelves.", content: jsonContent(z.object({ items: z.array(shelfSchema) }).openapi("ShelfList")) },
    401: problems[401],
    403: problems[403],
  },
});

export const createShelfRoute = createRoute({
  method: "post",
  path: "/shelves",
  operationId: "createShelf",
  tags: shelves,
  summary: "Make a custom shelf",
  ...secured("write"),
  request: {
    body: jsonBody(
      z.object(shelfInput.shape).openapi("ShelfInput"),
      "The shelf's name and who may see it (private when left out).",
    ),
  },
  responses: {
    201: { description: "The new shelf.", content: jsonContent(shelfSchema) },
    400: problems[400],
    401: problems[401],
    403: problems[403],
    415: problems[415],
    422: problems[422],
  },
});

export const getShelfRoute = createRoute({
  method: "get",
  path: "/shelves/{id}",
  operationId: "getShelf",
  tags: shelves,
  summary: "One shelf with its works",
  description:
    "Public shelves need no token; followers-only shelves need the read scope of someone who follows the owner; private ones, of the owner.",
  ...readableByAnyone,
  request: { params: shelfId },
  responses: {
    200: { description: "The shelf and its works.", content: jsonContent(shelfDetailSchema) },
    401: problems[401],
    403: problems[403],
    404: problems[404],
    422: problems[422],
  },
});

export const updateShelfRoute = createRoute({
  method: "patch",
  path: "/shelves/{id}",
  operationId: "updateShelf",
  tags: shelves,
  summary: "Rename a shelf or change who may see it",
  description: "Default shelves keep their names; their visibility may change.",
  ...secured("write"),
  request: {
    params: shelfId,
    body: jsonBody(
      patchSchema(shelfInput).openapi("ShelfPatch", { description: "Only the fields sent are changed." }),
      "The fields to change.",
    ),
  },
  responses: {
    200: { description: "The shelf as saved.", content: jsonContent(shelfSchema) },
    ...bodyProblems,
  },
});

export const deleteShelfRoute = createRoute({
  method: "delete",
  path: "/shelves/{id}",
  operationId: "deleteShelf",
  tags: shelves,
  summary: "Delete a custom shelf",
  ...secured("write"),
  request: { params: shelfId },
  responses: {
    204: { description: "The shelf is gone; its works stay on your other shelves." },
    401: problems[401],
    403: problems[403],
    404: problems[404],
    409: { ...conflictProblem, description: "Default shelves cannot be deleted." },
    422: problems[422],
  },
});

export const shelveWorkRoute = createRoute({
  method: "put",
  path: "/shelves/{id}/works/{workId}",
  operationId: "shelveWork",
  tags: shelves,
  summary: "Put a work on a shelf, or change its dates and progress there",
  description: "On a default shelf, the work leaves the other default shelf it was on.",
  ...secured("write"),
  request: { params: shelfWork, body: jsonBody(shelfItemChanges, "Reading dates and progress; {} to keep them.") },
  responses: {
    200: { description: "The work on the shelf.", content: jsonContent(shelfItemSchema) },
    ...bodyProblems,
  },
});

export const unshelveWorkRoute = createRoute({
  method: "delete",
  path: "/shelves/{id}/works/{workId}",
  operationId: "unshelveWork",
  tags: shelves,
  summary: "Take a work off a shelf",
  ...secured("write"),
  request: { params: shelfWork },
  responses: {
    204: { description: "The work is no longer on the shelf." },
    401: problems[401],
    403: problems[403],
    404: problems[404],
    422: problems[422],
  },
});

export const listListsRoute = createRoute({
  method: "get",
  path: "/lists",
  operationId: "listLists",
  tags: listsTag,
  summary: "Public lists, or your own",
  description: "public: every public list, the library's first (no token needed). mine: the lists you own or co-edit.",
  ...readableByAnyone,
  request: {
    query: z.object({
      scope: z.enum(["public", "mine"]).default("public"),
      page: z.coerce.number().int().min(1).max(10_000).default(1),
    }),
  },
  responses: {
    200: {
      description: "One page of lists (24 a page for public lists; all of yours).",
      content: jsonContent(z.object({ total: z.number().int(), items: z.array(listSchema) }).openapi("ListList")),
    },
    401: problems[401],
    403: problems[403],
    422: problems[422],
  },
});

export const createListRoute = createRoute({
  method: "post",
  path: "/lists",
  operationId: "createList",
  tags: listsTag,
  summary: "Make a list",
  description: "byLibrary is honoured for staff only; anyone else's list is a patron's list.",
  ...secured("write"),
  request: {
    body: jsonBody(z.object(listInput.shape).openapi("ListInput"), "The new list (private when visibility is left out)."),
  },
  responses: {
    201: { description: "The new list.", content: jsonContent(listSchema) },
    400: problems[400],
    401: problems[401],
    403: problems[403],
    415: problems[415],
    422: problems[422],
  },
});

export const getListRoute = createRoute({
  method: "get",
  path: "/lists/{id}",
  operationId: "getList",
  tags: listsTag,
  summary: "One list with its works",
  description: "Public and unlisted lists need no token; private ones need the read scope of their owner or a co-editor.",
  ...readableByAnyone,
  request: { params: listId },
  responses: {
    200: { description: "The list and its works.", content: jsonContent(listDetailSchema) },
    401: problems[401],
    403: problems[403],
    404: problems[404],
    422: problems[422],
  },
});

export const updateListRoute = createRoute({
  method: "patch",
  path: "/lists/{id}",
  operationId: "updateList",
  tags: listsTag,
  summary: "Change a list's title, description or settings",
  ...secured("write"),
  request: {
    params: listId,
    body: jsonBody(
      patchSchema(listInput).openapi("ListPatch", { description: "Only the fields sent are changed." }),
      "The fields to change.",
    ),
  },
  responses: {
    200: { description: "The list as saved.", content: jsonContent(listSchema) },
    ...bodyProblems,
  },
});

export const deleteListRoute = createRoute({
  method: "delete",
  path: "/lists/{id}",
  operationId: "deleteList",
  tags: listsTag,
  summary: "Delete a list",
  ...secured("write"),
  request: { params: listId },
  responses: {
    204: { description: "The list, its notes and suggestions are gone." },
    401: problems[401],
    403: problems[403],
    404: problems[404],
    422: problems[422],
  },
});

export const addListItemRoute = createRoute({
  method: "post",
  path: "/lists/{id}/items",
  operationId: "addListItem",
  tags: listsTag,
  summary: "Add a work at the end of a list",
  description: "For the list's owner and co-editors.",
  ...secured("write"),
  request: { params: listId, body: jsonBody(listItemBody, "The work, and a note on it.") },
  responses: {
    201: { description: "The work on the list.", content: jsonContent(listItemSchema) },
    ...bodyProblems,
    409: { ...conflictProblem, description: "The work is already on the list." },
  },
});

export const removeListItemRoute = createRoute({
  method: "delete",
  path: "/lists/{id}/items/{workId}",
  operationId: "removeListItem",
  tags: listsTag,
  summary: "Take a work off a list",
  ...secured("write"),
  request: { params: listWork },
  responses: {
    204: { description: "The work is no longer on the list." },
    401: problems[401],
    403: problems[403],
    404: problems[404],
    422: problems[422],
  },
});

export const suggestListItemRoute = createRoute({
  method: "post",
  path: "/lists/{id}/suggestions",
  operationId: "suggestListItem",
  tags: listsTag,
  summary: "Suggest a work to a list open to suggestions",
  description: "The list's owner approves or declines it on the list's suggestions page.",
  ...secured("write"),
  request: { params: listId, body: jsonBody(listItemBody, "The work, and why you suggest it.") },
  responses: {
    201: { description: "The suggestion, waiting for the owner.", content: jsonContent(suggestionSchema) },
    ...bodyProblems,
    409: { ...conflictProblem, description: "The work is already on the list, or already suggested to it." },
  },
});
