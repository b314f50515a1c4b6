import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachEngine } from "../../test/database.ts";
import { createApp, createTestDeps } from "../../test/deps.ts";
import type { Deps } from "../compose.ts";

describeEachEngine("the web app", (engine) => {
  let deps: Deps;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    deps = await createTestDeps(engine);
    app = createApp(deps);
    // A route that fails the way a bug would, to see what people get.
    app.get("/test-failure", () => {
      throw new Error("simulated bug with a secret in it");
    });
    app.get("/api/test-failure", () => {
      throw new Error("simulated bug with a secret in it");
    });
  });
  afterAll(() => deps?.close());

  it("sends a strict Content-Security-Policy and the other security headers on every page", async () => {
    const res = await app.request("/");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
    const cookies = res.headers.getSetCookie().join("\n");
    expect(cookies).toMatch(/circ_csrf=[^;]+; .*HttpOnly/i);
    expect(cookies).toMatch(/SameSite=Lax/i);
  });

  it("answers a bug with a 500 page that names the request, never the error", async () => {
    const res = await app.request("/test-failure");
    expect(res.status).toBe(500);
    const html = await res.text();
    const id = res.headers.get("x-request-id") ?? "";
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(html).toContain(`mention request ${id}`);
    expect(html).not.toContain("secret");
    expect(html).toContain('<html lang="en"');
  });

  it("answers API bugs and unknown API paths with problem+json", async () => {
    const failure = await app.request("/api/test-failure");
    expect(failure.status).toBe(500);
    expect(failure.headers.get("content-type")).toBe("application/problem+json");
    const body = await failure.json();
    expect(body).toMatchObject({ status: 500, requestId: failure.headers.get("x-request-id") });
    expect(JSON.stringify(body)).not.toContain("secret");
    const missing = await app.request("/api/v1/nothing-here");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toBe("application/problem+json");
  });

  it("shows a 404 page in the visitor's language", async () => {
    const res = await app.request("/no-such-page", { headers: { "accept-language": "es-ES,es;q=0.9" } });
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('<html lang="es"');
    expect(html).toContain("Página no encontrada");
  });

  it("reports health and readiness of the database and the queue", async () => {
    expect(await (await app.request("/healthz")).json()).toEqual({ status: "ok" });
    const ready = await app.request("/readyz");
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready", checks: { database: true, queue: true } });
  });

  it("refuses an oversized form body before reading it", async () => {
    const res = await app.request("/sign-in", {
      method: "POST",
      body: "x=".padEnd(2 * 1024 * 1024, "y"),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(413);
  });
});
