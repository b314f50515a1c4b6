import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import { works } from "../../db/schema/index.ts";

export interface WorkTitle {
  id: string;
  title: string;
  subtitle: string;
}

/** The little of a work that reading pages show around ratings, reviews and tags; null when there is no such work. */
export async function findWorkTitle(db: DbOrTx, workId: string): Promise<WorkTitle | null> {
  const [row] = await db
    .select({ id: works.id, title: works.title, subtitle: works.subtitle })
    .from(works)
    .where(eq(works.id, workId));
  return row ?? null;
}
