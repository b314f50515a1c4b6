import { z } from "@hono/zod-openapi";

/** A JSON request body that must be sent, as PATCH and POST bodies here always are. */
export function jsonBody<T extends z.ZodType>(schema: T, description: string) {
  return { required: true, description, content: { "application/json": { schema } } };
}

type WithoutDefaults<T extends z.ZodRawShape> = { [K in keyof T]: T[K] extends z.ZodDefault<infer Inner> ? Inner : T[K] };

/**
 * The body of a PATCH: every field optional, unknown fields refused, and no defaults. Zod applies a
 * field's default inside `.partial()`, which would quietly reset whatever the client left out.
 */
export function patchSchema<T extends z.ZodRawShape>(object: z.ZodObject<T>) {
  const shape = Object.fromEntries(
    Object.entries(object.shape).map(([key, field]) => [key, field instanceof z.ZodDefault ? field.removeDefault() : field]),
  ) as WithoutDefaults<T>;
  return z.object(shape).partial().strict();
}
