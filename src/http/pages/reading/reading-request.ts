// Reading what a reading-page request carries: the reader, the work or review in the route, and where to go back.
import { z } from "zod";
import type { Deps } from "../../../compose.ts";
import { loadReader, type Reader } from "../../../modules/reading/index.ts";
import type { AppContext } from "../../context.ts";
import { safeNext } from "../../middleware/guards.ts";

const uuid = z.uuid();

/** The route's id when it is a UUID; anything else names nothing, and callers answer 404. */
export function idParam(c: AppContext, name = "id"): string | null {
  const parsed = uuid.safeParse(c.req.param(name));
  return parsed.success ? parsed.data : null;
}

/** The signed-in person as a Reader (with the under-13 flag), or null for a visitor. */
export const readerOf = (deps: Deps, c: AppContext): Promise<Reader | null> => loadReader(deps.db, deps.clock, c.var.user);

/** A reader the guard has already required; reaching this without one is a bug. */
export async function signedInReader(deps: Deps, c: AppContext): Promise<Reader> {
  const reader = await readerOf(deps, c);
  if (!reader) throw new Error(`${c.req.method} ${c.req.path} ran without a signed-in reader`);
  return reader;
}

export const communityPath = (workId: string) => `/works/${workId}/community`;
export const tagPath = (normalized: string) => `/tags/${encodeURIComponent(normalized)}`;

/**
 * Where a form sends the reader back to: the page it was on (the record page, or the community page), as
 * the form's `return` field says, never another site.
 */
export const backTo = (fields: Record<string, string>, fallback: string) => safeNext(fields.return, fallback);

/** A `return` path without its section: the page that a re-rendered form belongs to. */
export const pageOf = (returnTo: string) => returnTo.split("#")[0] ?? returnTo;
