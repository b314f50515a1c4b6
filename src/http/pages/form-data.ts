import type { AppContext } from "../context.ts";

/** The submitted form as strings (files and repeated fields are not used by these pages). */
export async function formFields(c: AppContext): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === "string") out[k] = v;
  return out;
}

export const checked = (fields: Record<string, string>, name: string) => fields[name] === "on";
