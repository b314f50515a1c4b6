import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

export interface FieldProblem {
  field: string;
  message: string;
}

/** RFC 9457 problem details; `errors` names each bad field. */
export function problem(
  c: Context,
  status: ContentfulStatusCode,
  title: string,
  detail?: string,
  extra: { errors?: FieldProblem[]; [k: string]: unknown } = {},
) {
  return c.body(
    JSON.stringify({
      type: `about:blank`,
      title,
      status,
      ...(detail ? { detail } : {}),
      instance: c.req.path,
      requestId: c.get("requestId"),
      ...extra,
    }),
    status,
    { "content-type": "application/problem+json" },
  );
}
