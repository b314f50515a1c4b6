// Reading what an administration request carries: route ids and who is acting.
export { formFields } from "../form-data.ts";

import { z } from "zod";
import type { SessionUser } from "../../../modules/accounts/index.ts";
import type { AppContext } from "../../context.ts";

const uuid = z.uuid();

/** The route's id when it is a UUID; anything else cannot name a record, so callers answer 404. */
export function uuidParam(c: AppContext, name = "id"): string | null {
  const parsed = uuid.safeParse(c.req.param(name));
  return parsed.success ? parsed.data : null;
}

/** The signed-in person; the area's guard has already turned everyone else away. */
export function actor(c: AppContext): SessionUser {
  const user = c.var.user;
  if (!user) throw new Error("an administration handler ran without a signed-in user");
  return user;
}
