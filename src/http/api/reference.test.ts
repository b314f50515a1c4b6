import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachEngine } from "../../../test/database.ts";
import { createApp, createTestDeps, type TestApp } from "../../../test/deps.ts";
import type { Deps } from "../../compose.ts";
import { saveBranch } from "../../modules/accounts/index.ts";

const ROUTES = [
  ["get", "/me"],
  ["patch", "/me"],
  ["get", "/me/export"],
  ["get", "/me/tokens"],
  ["post", "/me/tokens"],
  ["delete", "/me/tokens/{id}"],
  ["get", "/branches"],
  ["get", "/search"],
  ["get", "/works/{id}"],
  ["get", "/shelves"],
  ["post", "/shelves"],
  ["get", "/shelves/{id}"],
  ["patch", "/shelves/{id}"],
  ["delete", "/shelves/{id}"],
  ["put", "/shelves/{id}/works/{workId}"],
  ["delete", "/shelves/{id}/works/{workId}"],
  ["get", "/lists"],
  ["post", "/lists"],
  ["get", "/lists/{id}"],
  ["patch", "/lists/{id}"],
  ["delete", "/lists/{id}"],
  ["post", "/lists/{id}/items"],
  ["delete", "/lists/{id}/items/{workId}"],
  ["post", "/lists/{id}/suggestions"],
  ["get", "/works/{id}/ratings"],
  ["put", "/works/{id}/rating"],
  ["delete", "/works/{id}/rating"],
  ["get", "/works/{id}/reviews"],
  ["post", "/works/{id}/reviews"],
  ["patch", "/reviews/{id}"],
  ["delete", "/reviews/{id}"],
  ["post", "/reviews/{id}/helpful"],
  ["delete", "/reviews/{id}/helpful"],
  ["get", "/works/{id}/tags"],
  ["post", "/works/{id}/tags"],
  ["delete", "/works/{id}/tags"],
  ["get", "/tags/{name}"],
  ["post", "/reports"],
] as const;

describeEachEngine("API reference and public routes", (engine) => {
  let deps: Deps;
  let app: TestApp;
  beforeAll(async () => {
    deps = await createTestDeps(engine, { jobs: false });
    app = createApp(deps);
  });
  afterAll(() => deps?.close());

  it("serves an OpenAPI 3.1 document describing every route, its scope and the bearer scheme", async () => {
    const res = await app.request("/api/openapi.json");
    expect(res.status).toBe(200);
    const doc = JSON.parse(await res.text());
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.servers).toEqual([{ url: "http://circulate.test/api/v1" }]);
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    const described = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item as object).map((m) => `${m} ${path}`));
    expect(described.sort()).toEqual(ROUTES.map(([m, p]) => `${m} ${p}`).sort());
    expect(doc.paths["/me"].patch.security).toEqual([{ bearerAuth: ["write"] }]);
    expect(doc.paths["/branches"].get.security).toEqual([]);
    expect(doc.paths["/me"].patch.requestBody.content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/ProfilePatch",
    });
  });

  it("renders a reference page listing each operation, with nothing from elsewhere", async () => {
    const res = await app.request("/api/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    for (const [method, path] of ROUTES) expect(html).toContain(`${method.toUpperCase()} /api/v1${path}`);
    expect(html).toContain('<a class="skip-link" href="#main">');
    expect(html).not.toMatch(/<script|<style|\sstyle=|(src|href)="(https?:)?\/\//);

    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    const levels = [...html.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
    expect(levels[0]).toBe(1);
    const skipped = levels.filter((level, i) => i > 0 && level > (levels[i - 1] ?? 1) + 1);
    expect(skipped).toEqual([]);
    const tables = html.match(/<table>/g)?.length ?? 0;
    expect(html.match(/<table><caption>/g)?.length).toBe(tables);
    expect(html).not.toMatch(/<th>/);
  });

  it("renders the reference page in Spanish for a Spanish reader", async () => {
    const html = await (await app.request("/api/docs", { headers: { "accept-language": "es" } })).text();
    expect(html).toContain('<html lang="es"');
    expect(html).toContain("<h1>Referencia de la API</h1>");
    expect(html).toContain("Permiso necesario");
  });

  it("lists the branches to anyone", async () => {
    const saved = await saveBranch(deps.db, null, {
      name: "Central Library",
      slug: "central",
      address: "1 Main Street",
      openingHours: "Mon–Sat 9–18",
    });
    if (!saved.ok) throw new Error(saved.error);
    const res = await app.request("/api/v1/branches");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      items: [
        { id: saved.value.id, slug: "central", name: "Central Library", address: "1 Main Street", openingHours: "Mon–Sat 9–18" },
      ],
    });
  });
});
