import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Deps } from "../../compose.ts";
import { listBranches } from "../../modules/accounts/index.ts";
import type { AppEnv } from "../context.ts";
import { listBranchesRoute } from "./branches.routes.ts";

export function branchesHandlers(api: OpenAPIHono<AppEnv>, deps: Deps) {
  api.openapi(listBranchesRoute, async (c) => {
    const branches = await listBranches(deps.db);
    return c.json(
      { items: branches.map(({ id, slug, name, address, openingHours }) => ({ id, slug, name, address, openingHours })) },
      200,
    );
  });
}
