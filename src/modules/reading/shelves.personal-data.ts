// What the library holds about a patron's shelves, for the data export. Deleting the account deletes the
// shelves and everything on them (the foreign keys cascade), so no erase step is needed.
import { asc, eq } from "drizzle-orm";
import { shelfItems, shelves, works } from "../../db/schema/index.ts";
import type { PersonalDataSection } from "../accounts/index.ts";

export const shelfSections: PersonalDataSection[] = [
  {
    name: "shelves",
    export: (db, userId) =>
      db
        .select({
          id: shelves.id,
          name: shelves.name,
          kind: shelves.kind,
          visibility: shelves.visibility,
          createdAt: shelves.createdAt,
        })
        .from(shelves)
        .where(eq(shelves.userId, userId))
        .orderBy(asc(shelves.position), asc(shelves.createdAt)),
  },
  {
    name: "shelf_items",
    export: (db, userId) =>
      db
        .select({
          shelfId: shelves.id,
          shelf: shelves.name,
          workId: works.id,
          title: works.title,
          startedOn: shelfItems.startedOn,
          finishedOn: shelfItems.finishedOn,
          progress: shelfItems.progress,
          addedAt: shelfItems.addedAt,
        })
        .from(shelfItems)
        .innerJoin(shelves, eq(shelves.id, shelfItems.shelfId))
        .innerJoin(works, eq(works.id, shelfItems.workId))
        .where(eq(shelves.userId, userId))
        .orderBy(asc(shelves.position), asc(shelves.createdAt), asc(shelfItems.addedAt)),
  },
];
