// Reads of the system catalogue that a dump needs: which tables, which columns, in which order.
// They read pg_catalog rather than the Drizzle schema so that a dump holds whatever the database holds,
// including tables a newer migration added.
import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/index.ts";

export interface ColumnInfo {
  name: string;
  /** Set for json and jsonb columns, which the dump restores from their text (see backup.service.ts). */
  json: "json" | "jsonb" | null;
}

export interface TableInfo {
  /** Name in the public schema. */
  name: string;
  /** Columns an INSERT may set; generated columns are left out because PostgreSQL computes them. */
  columns: ColumnInfo[];
  /** Primary key columns in key order; empty when the table has none. */
  primaryKey: string[];
  /** A GENERATED ALWAYS identity column refuses explicit values without OVERRIDING SYSTEM VALUE. */
  identityAlways: boolean;
}

export interface SequenceState {
  /** The sequence's qualified name as an SQL string literal, ready for setval. */
  literal: string;
  lastValue: string;
  isCalled: boolean;
}

/** Both drivers answer execute(): PGlite with { rows }, postgres.js with the rows array itself. */
export async function rowsOf<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
/** An SQL string literal. Dumps set standard_conforming_strings, under which only quotes need doubling. */
export const quoteLiteral = (text: string) => `'${text.replaceAll("'", "''")}'`;
export const qualifiedName = (schema: string, table: string) => `${quoteIdent(schema)}.${quoteIdent(table)}`;

/** The public schema's tables, parents before the tables whose foreign keys point at them. */
export async function publicTables(db: DbOrTx): Promise<TableInfo[]> {
  const tables = await rowsOf<{ name: string; columns: ColumnInfo[]; primary_key: string[] | null; identity_always: boolean }>(
    db,
    sql`
      select c.relname as name,
        (select json_agg(json_build_object('name', a.attname, 'json',
            case a.atttypid when 'json'::regtype then 'json' when 'jsonb'::regtype then 'jsonb' end) order by a.attnum)
          from pg_attribute a
          where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = '') as columns,
        (select json_agg(a.attname order by array_position(i.indkey::int2[], a.attnum))
          from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey::int2[])
          where i.indrelid = c.oid and i.indisprimary) as primary_key,
        exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attidentity = 'a') as identity_always
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
      order by c.relname`,
  );
  const references = await rowsOf<{ child: string; parent: string }>(
    db,
    sql`
      select distinct child.relname as child, parent.relname as parent
      from pg_constraint k
      join pg_class child on child.oid = k.conrelid
      join pg_namespace child_ns on child_ns.oid = child.relnamespace
      join pg_class parent on parent.oid = k.confrelid
      join pg_namespace parent_ns on parent_ns.oid = parent.relnamespace
      where k.contype = 'f' and child_ns.nspname = 'public' and parent_ns.nspname = 'public' and child.oid <> parent.oid`,
  );
  return dependencyOrder(
    tables.map((t) => ({
      name: t.name,
      columns: t.columns,
      primaryKey: t.primary_key ?? [],
      identityAlways: t.identity_always,
    })),
    references,
  );
}

/**
 * Kahn's algorithm, taking ready tables in name order so that dumps of the same data are identical.
 * A self-reference is not an edge: rows are dumped in primary-key order, and UUIDv7 keys put a parent first.
 */
function dependencyOrder<T extends { name: string }>(tables: T[], references: { child: string; parent: string }[]): T[] {
  const parentsOf = new Map(tables.map((t) => [t.name, new Set<string>()]));
  for (const r of references) parentsOf.get(r.child)?.add(r.parent);
  const placed = new Set<string>();
  const ordered: T[] = [];
  let remaining = [...tables].sort((a, b) => a.name.localeCompare(b.name));
  while (remaining.length > 0) {
    const ready = remaining.filter((t) => [...(parentsOf.get(t.name) ?? [])].every((p) => placed.has(p)));
    if (ready.length === 0) {
      // Loading such tables would need deferrable constraints; failing here shows up in the backup tests.
      throw new Error(`Foreign keys form a cycle among ${remaining.map((t) => t.name).join(", ")}; the backup cannot order them`);
    }
    for (const t of ready) placed.add(t.name);
    ordered.push(...ready);
    remaining = remaining.filter((t) => !placed.has(t.name));
  }
  return ordered;
}

/** Sequences of the public schema (serial and identity columns own one each) with their current state. */
export async function publicSequences(db: DbOrTx): Promise<SequenceState[]> {
  const names = await rowsOf<{ literal: string; ident: string }>(
    db,
    sql`
      select quote_literal(format('%I.%I', n.nspname, s.relname)) as literal, format('%I.%I', n.nspname, s.relname) as ident
      from pg_class s join pg_namespace n on n.oid = s.relnamespace
      where s.relkind = 'S' and n.nspname = 'public'
      order by s.relname`,
  );
  const states: SequenceState[] = [];
  for (const { literal, ident } of names) {
    const [state] = await rowsOf<{ last_value: string; is_called: boolean }>(
      db,
      sql.raw(`select last_value::text as last_value, is_called from ${ident}`),
    );
    if (state) states.push({ literal, lastValue: state.last_value, isCalled: state.is_called });
  }
  return states;
}

/** count(*) as a number; text on the wire because the drivers disagree on how to hand back a bigint. */
export async function countRows(db: DbOrTx, qualified: string): Promise<number> {
  const [row] = await rowsOf<{ n: string }>(db, sql.raw(`select count(*)::text as n from ${qualified}`));
  return Number(row?.n ?? 0);
}
