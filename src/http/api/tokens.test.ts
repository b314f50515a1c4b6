import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachEngine } from "../../../test/database.ts";
import { createApp, createTestDeps, type TestApp } from "../../../test/deps.ts";
import { signedInClient } from "../../../test/http.ts";
import type { Deps } from "../../compose.ts";
import type { ApiScope, Role } from "../../db/schema/index.ts";
import { createApiToken, createVerifiedUser } from "../../modules/accounts/index.ts";

let people = 0;
async function personWithToken(deps: Deps, scopes: ApiScope[], role: Role = "patron") {
  people += 1;
  const created = await createVerifiedUser(deps, {
    email: `api-tokens-${people}@example.org`,
    password: "a long test password",
    displayName: `Reader ${people}`,
    role,
  });
  if (!created.ok) throw new Error("could not create the test person");
  const { token, summary } = await createApiToken(deps.db, created.value.id, "first", scopes);
  return { user: created.value, tokenId: summary.id, auth: { authorization: `Bearer ${token}` } };
}

describeEachEngine("API /api/v1/me/tokens", (engine) => {
  let deps: Deps;
  let app: TestApp;
  beforeAll(async () => {
    deps = await createTestDeps(engine, { jobs: false });
    app = createApp(deps);
  });
  afterAll(() => deps?.close());

  const create = (headers: Record<string, string>, body: unknown) =>
    app.request("/api/v1/me/tokens", {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  const list = async (headers: Record<string, string>) => (await app.request("/api/v1/me/tokens", { headers })).json();

  it("creates a token shown once, lists it without secrets, and revokes it for good", async () => {
    const { auth } = await personWithToken(deps, ["read", "write"]);
    const created = await create(auth, { name: "  Reading app  ", scopes: ["read", "read"] });
    expect(created.status).toBe(201);
    const token = await created.json();
    expect(token).toMatchObject({ name: "Reading app", scopes: ["read"], lastUsedAt: null, expiresAt: null });
    expect(token.token).toMatch(/^circ_/);
    expect(token.prefix).toBe(token.token.slice(0, 12));
    const newAuth = { authorization: `Bearer ${token.token}` };
    expect((await app.request("/api/v1/me", { headers: newAuth })).status).toBe(200);

    const listed = await list(auth);
    expect(listed.items.map((t: { name: string }) => t.name)).toEqual(["Reading app", "first"]);
    expect(JSON.stringify(listed)).not.toContain(token.token);
    expect(Object.keys(listed.items[0]).sort()).toEqual([
      "createdAt",
      "expiresAt",
      "id",
      "lastUsedAt",
      "name",
      "prefix",
      "scopes",
    ]);

    const revoked = await app.request(`/api/v1/me/tokens/${token.id}`, { method: "DELETE", headers: auth });
    expect(revoked.status).toBe(204);
    const refused = await app.request("/api/v1/me", { headers: newAuth });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
    expect((await list(auth)).items).toHaveLength(1);
    const again = await app.request(`/api/v1/me/tokens/${token.id}`, { method: "DELETE", headers: auth });
    expect(again.status).toBe(404);
    expect(again.headers.get("content-type")).toBe("application/problem+json");
  });

  it("lets a signed-in browser create a token with its CSRF header", async () => {
    const { client } = await signedInClient(app, deps);
    const csrf = await client.csrf();
    const res = await client.request("/api/v1/me/tokens", {
      method: "POST",
      headers: { "content-type": "application/json", "x-csrf-token": csrf },
      body: JSON.stringify({ name: "From the browser", scopes: ["read", "write"] }),
    });
    expect(res.status).toBe(201);
    expect((await res.json()).scopes).toEqual(["read", "write"]);
  });

  it("gives the admin scope to administrators only", async () => {
    for (const role of ["patron", "staff"] as const) {
      const person = await personWithToken(deps, ["write", "admin"], role);
      const refused = await create(person.auth, { name: "Admin", scopes: ["write", "admin"] });
      expect(refused.status).toBe(403);
      expect((await refused.json()).errors).toEqual([
        { field: "scopes", message: "Only administrators can create tokens with the admin scope." },
      ]);
    }
    const admin = await personWithToken(deps, ["write", "admin"], "admin");
    expect((await create(admin.auth, { name: "Admin", scopes: ["admin"] })).status).toBe(201);
  });

  it("limits writes per person with 429 and Retry-After, and leaves reads alone", async () => {
    const { auth } = await personWithToken(deps, ["read", "write"]);
    const missing = `/api/v1/me/tokens/${"0".repeat(8)}-0000-7000-8000-${"0".repeat(12)}`;
    const statuses: number[] = [];
    for (let i = 0; i < 121; i++) statuses.push((await app.request(missing, { method: "DELETE", headers: auth })).status);
    expect(statuses.slice(0, 120).every((s) => s === 404)).toBe(true);
    const limited = await app.request(missing, { method: "DELETE", headers: auth });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await app.request("/api/v1/me", { headers: auth })).status).toBe(200);
  });

  it("answers an unsafe request with a bad token or no credentials with 401, not a CSRF error", async () => {
    const bogus = await create({ authorization: "Bearer circ_not-a-real-token" }, { name: "x", scopes: ["read"] });
    expect(bogus.status).toBe(401);
    expect(bogus.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
    const anonymous = await app.request("/api/v1/me", {
      method: "PATCH",
      body: "{}",
      headers: { "content-type": "application/json" },
    });
    expect(anonymous.status).toBe(401);
  });

  it("does not let a token create a token with scopes it lacks", async () => {
    const { auth } = await personWithToken(deps, ["write"]);
    const res = await create(auth, { name: "Wider", scopes: ["read", "write"] });
    expect(res.status).toBe(403);
    expect((await res.json()).errors).toEqual([
      { field: "scopes", message: "A token can only create tokens with scopes it has itself" },
    ]);
  });

  it("answers 422 naming each field of a bad request", async () => {
    const { auth } = await personWithToken(deps, ["write"]);
    const missing = await create(auth, {});
    expect(missing.status).toBe(422);
    expect((await missing.json()).errors).toEqual([
      { field: "name", message: "Give the token a name so you can recognise it later" },
      { field: "scopes", message: "This field is required" },
    ]);
    const wrong = await create(auth, { name: "x".repeat(101), scopes: ["everything"] });
    expect((await wrong.json()).errors).toEqual([
      { field: "name", message: "Use at most 100 characters for the token's name" },
      { field: "scopes.0", message: "Choose scopes from the list" },
    ]);
    const none = await create(auth, { name: "Nothing", scopes: [] });
    expect((await none.json()).errors).toEqual([{ field: "scopes", message: "Choose at least one scope" }]);
  });

  it("revokes only the person's own tokens", async () => {
    const owner = await personWithToken(deps, ["read"]);
    const other = await personWithToken(deps, ["write"]);
    const res = await app.request(`/api/v1/me/tokens/${owner.tokenId}`, { method: "DELETE", headers: other.auth });
    expect(res.status).toBe(404);
    expect((await app.request("/api/v1/me", { headers: owner.auth })).status).toBe(200);

    const malformed = await app.request("/api/v1/me/tokens/not-a-uuid", { method: "DELETE", headers: other.auth });
    expect(malformed.status).toBe(422);
    expect((await malformed.json()).errors).toEqual([{ field: "id", message: "Expected a value in the uuid format" }]);
  });

  it("needs the write scope to create or revoke, and read to list", async () => {
    const reader = await personWithToken(deps, ["read"]);
    expect((await create(reader.auth, { name: "x", scopes: ["read"] })).status).toBe(403);
    const revoke = await app.request(`/api/v1/me/tokens/${reader.tokenId}`, { method: "DELETE", headers: reader.auth });
    expect(revoke.status).toBe(403);
    const writer = await personWithToken(deps, ["write"]);
    expect((await app.request("/api/v1/me/tokens", { headers: writer.auth })).status).toBe(403);
  });
});
