import { z } from "@hono/zod-openapi";
import type { TypedResponse } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppContext } from "../context.ts";
import { type FieldProblem, problem } from "../problem.ts";

export const problemSchema = z
  .object({
    type: z.string().openapi({ example: "about:blank" }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().openapi({ description: "The path that was requested." }),
    requestId: z.string().openapi({ description: "Quote it when reporting a problem." }),
    errors: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .openapi({ description: "One entry for each field that was not accepted." }),
    scope: z.string().optional().openapi({ description: "The scope the request needed, when it lacked one." }),
  })
  .openapi("Problem", { description: "An RFC 9457 problem report." });

const content = { "application/problem+json": { schema: problemSchema } };

/** The error responses routes declare, each described once here. */
export const problems = {
  400: { description: "The body is not well-formed JSON.", content },
  401: { description: "No valid token or session was sent.", content },
  403: { description: "The token lacks the scope, or the person the role, this needs.", content },
  404: { description: "There is no such resource.", content },
  415: { description: "The body is not sent as application/json.", content },
  422: { description: "Some fields were not accepted; the errors list says which and why.", content },
};

/** The responses every route that takes a JSON body and needs a token can give. */
export const bodyProblems = {
  400: problems[400],
  401: problems[401],
  403: problems[403],
  404: problems[404],
  415: problems[415],
  422: problems[422],
};

/** A 409: what was asked conflicts with what is there (say what in `description`). */
export const conflictProblem = { description: "The request conflicts with what is already there.", content };

/** A JSON response body of the given schema. */
export const jsonContent = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });

/**
 * problem() for route handlers. zod-openapi checks each status and body a handler returns against the
 * route's declared responses, and problem() is typed as an untyped body; the response itself is the same.
 */
export function apiProblem<S extends ContentfulStatusCode>(
  c: AppContext,
  status: S,
  title: string,
  detail?: string,
  extra?: { errors?: FieldProblem[] },
) {
  return problem(c, status, title, detail, extra) as unknown as Response &
    TypedResponse<z.infer<typeof problemSchema>, S, "json">;
}
