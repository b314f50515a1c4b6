import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachEngine } from "../../../test/database.ts";
import { fixedClock, loadSampleCatalogue, person } from "../../../test/reading.ts";
import type { Database } from "../../db/index.ts";
import {
  importReadingHistory,
  parseReadingHistory,
  type ReadingContext,
  shelveOnDefault,
  workShelving,
  yourRating,
} from "./index.ts";

const GOODREADS_HEADER =
  "Book Id,Title,Author,Author l-f,Additional Authors,ISBN,ISBN13,My Rating,Average Rating,Publisher,Binding,Number of Pages,Year Published,Original Publication Year,Date Read,Date Added,Bookshelves,Bookshelves with positions,Exclusive Shelf,My Review,Spoiler,Private Notes,Read Count,Owned Copies";
const goodreadsRow = (fields: {
  id: number;
  title: string;
  author: string;
  isbn?: string;
  isbn13?: string;
  rating?: number;
  read?: string;
  shelf: string;
  review?: string;
}) =>
  [
    fields.id,
    `"${fields.title.replace(/"/g, '""')}"`,
    fields.author,
    "",
    "",
    `"=""${fields.isbn ?? ""}"""`,
    `"=""${fields.isbn13 ?? ""}"""`,
    fields.rating ?? 0,
    "4.10",
    "",
    "Paperback",
    "",
    "",
    "",
    fields.read ?? "",
    "2020/01/01",
    "",
    "",
    fields.shelf,
    `"${(fields.review ?? "").replace(/"/g, '""')}"`,
    "",
    "",
    fields.read ? 1 : 0,
    0,
  ].join(",");

const GOODREADS = [
  GOODREADS_HEADER,
  goodreadsRow({
    id: 1,
    title: "The Pragmatic Programmer: From Journeyman to Master",
    author: "Andrew Hunt",
    isbn: "020161622X",
    isbn13: "9780201616224",
    rating: 5,
    read: "2021/03/14",
    shelf: "read",
    review: 'Great, "really".\nWould read again.',
  }),
  goodreadsRow({ id: 2, title: "Learning Python", author: "Mark Lutz", shelf: "to-read" }),
  goodreadsRow({
    id: 3,
    title: "Design Patterns: Elements of Reusable Object-Oriented Software",
    author: "Erich Gamma",
    read: "2020/1/5",
    shelf: "read",
    rating: 4,
  }),
  goodreadsRow({ id: 4, title: "Python Cookbook (O'Reilly Cookbooks, #2)", author: "Alex Martelli", shelf: "currently-reading" }),
  goodreadsRow({
    id: 5,
    title: "The Left Hand of Darkness",
    author: "Ursula K. Le Guin",
    isbn13: "9780441478125",
    shelf: "read",
  }),
  goodreadsRow({ id: 6, title: "Python programming", author: "Someone Else", shelf: "to-read" }),
  goodreadsRow({ id: 7, title: "", author: "Nobody", shelf: "read" }),
  goodreadsRow({ id: 8, title: "Python cookbook", author: "Alex Martelli", read: "2021/02/30", shelf: "read" }),
  // Some exports leave the ISBN formula unquoted.
  '9,Programming Python,Mark Lutz,"Lutz, Mark",,="",="9780596000851",0,4.02,,,,,,,2020/01/01,,,did-not-finish,,,,0,0',
  "",
].join("\r\n");

const STORYGRAPH = [
  "Title,Authors,Contributors,ISBN/UID,Format,Read Status,Date Added,Last Date Read,Dates Read,Read Count,Moods,Pace,Character- or Plot-Driven?,Strong Character Development?,Loveable Characters?,Diverse Characters?,Flawed Characters?,Star Rating,Review,Content Warnings,Content Warning Description,Tags,Owned?",
  'ANSI Common Lisp,Paul Graham,,9780133708752,paperback,read,2021/01/02,2021/02/03,2021/01/02-2021/02/03,1,"informative, reflective",medium,,,,,,4.25,"Dense, but ""worth it""",,,,No',
  'Core Python Programming,"Wesley Chun, Someone Else",,,paperback,currently-reading,2021/01/02,,,0,,,,,,,,,,,,,No',
  'Introduction to Algorithms,"Thomas H. Cormen, Charles E. Leiserson",,,hardcover,did-not-finish,2021/01/02,,,0,,,,,,,,,,,,,No',
  "Unknown Book,Nobody,,,paperback,to-read,2021/01/02,,,0,,,,,,,,,,,,,No",
  "Odd status,Somebody,,,paperback,on-loan,2021/01/02,,,0,,,,,,,,,,,,,No",
  "Python Web programming,Steve Holden,,,paperback,read,2021/01/02,,,0,,,,,,,,five,,,,,No",
].join("\n");

describeEachEngine("reading history import", (engine) => {
  let database: Database;
  let ctx: ReadingContext;
  let byTitle: Map<string, string>;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    ctx = { db: database.db, clock: fixedClock };
    byTitle = new Map((await loadSampleCatalogue(database.db)).map((w) => [w.title, w.id]));
  });
  afterAll(() => database?.close());

  const id = (title: string) => {
    const found = byTitle.get(title);
    if (!found) throw new Error(`no sample work “${title}”`);
    return found;
  };

  it("recognises each export by its header and reads ISBN formulas, quoted cells and line breaks", () => {
    const goodreads = parseReadingHistory(GOODREADS);
    expect(goodreads.ok && goodreads.value.source).toBe("goodreads");
    const first = goodreads.ok ? goodreads.value.rows[0] : undefined;
    expect(first).toEqual({
      ok: true,
      entry: {
        row: 2,
        title: "The Pragmatic Programmer: From Journeyman to Master",
        author: "Andrew Hunt",
        isbns: ["9780201616224", "020161622X"],
        shelf: "read",
        finishedOn: "2021-03-14",
        halfStars: 10,
      },
    });
    const storygraph = parseReadingHistory(STORYGRAPH);
    expect(storygraph.ok && storygraph.value.source).toBe("storygraph");
    expect(storygraph.ok && storygraph.value.rows[0]).toMatchObject({ ok: true, entry: { author: "Paul Graham", halfStars: 9 } });

    expect(parseReadingHistory("Title,Author,Rating\nDune,Frank Herbert,5\n")).toEqual({ ok: false, error: "unknown-format" });
    expect(parseReadingHistory(`${GOODREADS_HEADER}\n`)).toEqual({ ok: false, error: "empty" });
    expect(parseReadingHistory("")).toEqual({ ok: false, error: "empty" });
    expect(parseReadingHistory('Title,"Exclusive Shelf\nDune,read\n')).toEqual({ ok: false, error: "unreadable" });
  });

  it("shelves a Goodreads export by ISBN, then title and author, and reports the rest by row", async () => {
    const reader = await person(ctx.db);
    // A start date given here before the import survives it.
    await shelveOnDefault(ctx, reader.id, "reading", id("The pragmatic programmer"), { startedOn: "2021-03-01" });

    const result = await importReadingHistory(ctx, reader.id, GOODREADS);
    if (!result.ok) throw new Error(result.error);
    const report = result.value;
    expect(report.source).toBe("goodreads");
    expect(report.imported.map((r) => [r.row, r.workTitle, r.shelf, r.matchedBy, r.rated])).toEqual([
      [2, "The pragmatic programmer", "read", "isbn", true],
      [3, "Learning Python", "want-to-read", "title", false],
      [4, "Design patterns", "read", "title", true],
      [5, "Python cookbook", "reading", "title", false],
      [10, "Programming Python", "stopped", "isbn", false],
    ]);
    expect(report.unmatched).toEqual([
      { row: 6, title: "The Left Hand of Darkness", author: "Ursula K. Le Guin" },
      { row: 7, title: "Python programming", author: "Someone Else" },
    ]);
    expect(report.problems).toEqual([
      { row: 8, title: "", author: "Nobody", problem: "no-title" },
      { row: 9, title: "Python cookbook", author: "Alex Martelli", problem: "bad-date" },
    ]);

    const pragmatic = await workShelving(ctx.db, reader.id, id("The pragmatic programmer"));
    expect(pragmatic.status).toMatchObject({ kind: "read", startedOn: "2021-03-01", finishedOn: "2021-03-14" });
    expect((await workShelving(ctx.db, reader.id, id("Design patterns"))).status).toMatchObject({ finishedOn: "2020-01-05" });
    expect(await yourRating(ctx.db, reader.id, id("The pragmatic programmer"))).toBe(10);
    expect(await yourRating(ctx.db, reader.id, id("Design patterns"))).toBe(8);
    expect(await yourRating(ctx.db, reader.id, id("Learning Python"))).toBeNull();

    // The same file again changes nothing and reports the same.
    const again = await importReadingHistory(ctx, reader.id, GOODREADS);
    expect(again.ok && again.value.imported.length).toBe(5);
    expect((await workShelving(ctx.db, reader.id, id("The pragmatic programmer"))).status).toEqual(pragmatic.status);
  });

  it("shelves a StoryGraph export, did-not-finish on the stopped shelf, quarter stars to the nearest half", async () => {
    const reader = await person(ctx.db);
    const result = await importReadingHistory(ctx, reader.id, STORYGRAPH);
    if (!result.ok) throw new Error(result.error);
    expect(result.value.source).toBe("storygraph");
    expect(result.value.imported.map((r) => [r.row, r.workTitle, r.shelf, r.matchedBy])).toEqual([
      [2, "ANSI Common Lisp", "read", "isbn"],
      [3, "Core python programming", "reading", "title"],
      [4, "Introduction to algorithms", "stopped", "title"],
    ]);
    expect(result.value.unmatched).toEqual([{ row: 5, title: "Unknown Book", author: "Nobody" }]);
    expect(result.value.problems.map((p) => [p.row, p.problem])).toEqual([
      [6, "unknown-shelf"],
      [7, "bad-rating"],
    ]);
    expect((await workShelving(ctx.db, reader.id, id("ANSI Common Lisp"))).status).toMatchObject({ finishedOn: "2021-02-03" });
    expect(await yourRating(ctx.db, reader.id, id("ANSI Common Lisp"))).toBe(9);
  });
});
