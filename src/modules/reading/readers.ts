import { eq, sql } from "drizzle-orm";
import type { Clock } from "../../clock.ts";
import type { DbOrTx } from "../../db/index.ts";
import { type Role, users } from "../../db/schema/index.ts";

/** The person reading or writing, as the reading rules need them: who, which role, and whether a child. */
export interface Reader {
  id: string;
  role: Role;
  /** Under 13 (DESIGN, privacy principle 5): may rate, but writes nothing that others can see. */
  child: boolean;
}

const CHILD_AGE_YEARS = 13;

/** Today's date in UTC as YYYY-MM-DD, the form dates are stored and compared in. */
export const isoDate = (at: Date) => at.toISOString().slice(0, 10);

/**
 * The day someone born on `birthDate` turns `years`. A 29 February birthday falls on 28 February in other
 * years, as PostgreSQL's `date + interval` does, so this and `childAuthor` below always agree.
 */
function birthday(birthDate: string, years: number): string {
  const [y, m, d] = birthDate.split("-").map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return `${String(y + years).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(Math.min(d, lastDay)).padStart(2, "0")}`;
}

/** Whether someone with this birth date is under 13 on the clock's today; no birth date means an adult account. */
export function isUnder13(birthDate: string | null, now: Date): boolean {
  return birthDate !== null && birthday(birthDate, CHILD_AGE_YEARS) > isoDate(now);
}

/** SQL: the user in `users` is under 13 today (for filtering what children wrote out of what others see). */
export const childAuthor = (now: Date) =>
  sql`coalesce((${users.birthDate} + interval '13 years')::date > ${isoDate(now)}::date, false)`;

/** The signed-in person as a Reader, or null for a visitor. */
export async function loadReader(db: DbOrTx, clock: Clock, user: { id: string; role: Role } | null): Promise<Reader | null> {
  if (!user) return null;
  const [row] = await db.select({ birthDate: users.birthDate }).from(users).where(eq(users.id, user.id));
  return { id: user.id, role: user.role, child: isUnder13(row?.birthDate ?? null, clock.now()) };
}
