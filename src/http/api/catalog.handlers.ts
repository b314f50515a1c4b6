import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Deps } from "../../compose.ts";
import { catalogLink, findWork, searchCatalog, similarWorks, toSearchRequest } from "../../modules/catalog/index.ts";
import type { AppEnv } from "../context.ts";
import { coverPath, workPath } from "../pages/catalog/work-paths.ts";
import { getWorkRoute, searchRoute } from "./catalog.routes.ts";
import { apiProblem } from "./problems.ts";

export function catalogHandlers(api: OpenAPIHono<AppEnv>, deps: Deps) {
  const url = (path: string) => `${deps.config.baseUrl}${path}`;

  api.openapi(searchRoute, async (c) => {
    const { hits, ...result } = await searchCatalog(deps.db, toSearchRequest(c.req.valid("query")), c.var.tr.locale);
    return c.json({ ...result, items: hits.map((hit) => ({ ...hit, url: url(workPath(hit.id)) })) }, 200);
  });

  api.openapi(getWorkRoute, async (c) => {
    const work = await findWork(deps.db, c.req.valid("param").id);
    if (!work) return apiProblem(c, 404, c.var.tr.t("api.problem.notFound.title"), c.var.tr.t("catalog.api.workNotFound"));
    const related = await similarWorks(deps.db, work.id);
    const { coverPath: _file, updatedAt: _updated, ...fields } = work;
    return c.json(
      {
        ...fields,
        url: url(workPath(work.id)),
        coverUrl: url(coverPath(work)),
        catalogLink: catalogLink(c.var.library.catalogLinkTemplate, work.title, work.editions),
        related: related.map((r) => ({ id: r.id, url: url(workPath(r.id)), title: r.title, year: r.year })),
      },
      200,
    );
  });
}
