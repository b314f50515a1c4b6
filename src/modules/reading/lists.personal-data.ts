// What the library holds about a patron's lists, co-editing and suggestions, for the data export and for
// deletion. Lists, editorships and suggestions go with the account (the foreign keys cascade); works the
// person added to someone else's list stay on that list, but the notes they wrote there are erased, as the
// account page promises that nothing they wrote for others is kept.
import { and, asc, eq, inArray, ne, or } from "drizzle-orm";
import { listEditors, listItems, listSuggestions, lists, works } from "../../db/schema/index.ts";
import type { PersonalDataSection } from "../accounts/index.ts";

export const listSections: PersonalDataSection[] = [
  {
    name: "lists",
    export: (db, userId) =>
      db
        .select({
          id: lists.id,
          title: lists.title,
          description: lists.description,
          visibility: lists.visibility,
          byLibrary: lists.byLibrary,
          openToSuggestions: lists.openToSuggestions,
          hiddenAt: lists.hiddenAt,
          createdAt: lists.createdAt,
          updatedAt: lists.updatedAt,
        })
        .from(lists)
        .where(eq(lists.ownerId, userId))
        .orderBy(asc(lists.createdAt)),
  },
  {
    name: "list_items",
    // The works on the person's own lists, and those they added to lists they co-edit.
    export: (db, userId) =>
      db
        .select({
          listId: lists.id,
          list: lists.title,
          workId: works.id,
          title: works.title,
          note: listItems.note,
          position: listItems.position,
          addedAt: listItems.addedAt,
        })
        .from(listItems)
        .innerJoin(lists, eq(lists.id, listItems.listId))
        .innerJoin(works, eq(works.id, listItems.workId))
        .where(or(eq(lists.ownerId, userId), eq(listItems.addedBy, userId)))
        .orderBy(asc(lists.createdAt), asc(listItems.position)),
    async erase(db, userId) {
      const othersLists = db.select({ id: lists.id }).from(lists).where(ne(lists.ownerId, userId));
      await db
        .update(listItems)
        .set({ note: "" })
        .where(and(eq(listItems.addedBy, userId), inArray(listItems.listId, othersLists)));
    },
  },
  {
    name: "list_editorships",
    export: (db, userId) =>
      db
        .select({ listId: lists.id, list: lists.title, since: listEditors.createdAt })
        .from(listEditors)
        .innerJoin(lists, eq(lists.id, listEditors.listId))
        .where(eq(listEditors.userId, userId))
        .orderBy(asc(listEditors.createdAt)),
  },
  {
    name: "list_suggestions",
    export: (db, userId) =>
      db
        .select({
          listId: lists.id,
          list: lists.title,
          workId: works.id,
          title: works.title,
          note: listSuggestions.note,
          status: listSuggestions.status,
          createdAt: listSuggestions.createdAt,
          decidedAt: listSuggestions.decidedAt,
        })
        .from(listSuggestions)
        .innerJoin(lists, eq(lists.id, listSuggestions.listId))
        .innerJoin(works, eq(works.id, listSuggestions.workId))
        .where(eq(listSuggestions.suggestedBy, userId))
        .orderBy(asc(listSuggestions.createdAt)),
  },
];
