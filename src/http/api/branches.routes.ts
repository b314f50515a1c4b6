import { createRoute, z } from "@hono/zod-openapi";

export const branchSchema = z
  .object({
    id: z.uuid(),
    slug: z.string().openapi({ example: "main-library" }),
    name: z.string(),
    address: z.string(),
    openingHours: z.string().openapi({ description: "Free text, as the library wrote it." }),
  })
  .openapi("Branch");

export const listBranchesRoute = createRoute({
  method: "get",
  path: "/branches",
  operationId: "listBranches",
  tags: ["Branches"],
  summary: "The library's branches",
  security: [],
  responses: {
    200: {
      description: "Every branch, by name. Public: no token needed.",
      content: { "application/json": { schema: z.object({ items: z.array(branchSchema) }).openapi("BranchList") } },
    },
  },
});
