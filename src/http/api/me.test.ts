import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachEngine } from "../../../test/database.ts";
import { createApp, createTestDeps, type TestApp } from "../../../test/deps.ts";
import { signedInClient } from "../../../test/http.ts";
import type { Deps } from "../../compose.ts";
import type { ApiScope, Role } from "../../db/schema/index.ts";
import { translator } from "../../i18n/index.ts";
import { createApiToken, createVerifiedUser, findUserById, type SessionUser } from "../../modules/accounts/index.ts";

let people = 0;
/** A verified person of the given role and a bearer token with the given scopes. */
async function personWithToken(deps: Deps, scopes: ApiScope[], role: Role = "patron", locale: "en" | "es" = "en") {
  people += 1;
  const created = await createVerifiedUser(deps, {
    email: `api-me-${people}@example.org`,
    password: "a long test password",
    displayName: `Reader ${people}`,
    role,
    locale,
  });
  if (!created.ok) throw new Error("could not create the test person");
  const { token } = await createApiToken(deps.db, created.value.id, "test", scopes);
  return { user: created.value, auth: { authorization: `Bearer ${token}` } };
}

const json = (body: unknown) => ({ "content-type": "application/json", body: JSON.stringify(body) });

describeEachEngine("API /api/v1/me", (engine) => {
  let deps: Deps;
  let app: TestApp;
  beforeAll(async () => {
    deps = await createTestDeps(engine, { jobs: false });
    app = createApp(deps);
  });
  afterAll(() => deps?.close());

  function patch(headers: Record<string, string>, body: unknown) {
    const { "content-type": type, body: text } = json(body);
    return app.request("/api/v1/me", { method: "PATCH", headers: { ...headers, "content-type": type }, body: text });
  }

  describe("authentication", () => {
    it("answers the profile to a token with the read scope", async () => {
      const { user, auth } = await personWithToken(deps, ["read"]);
      const res = await app.request("/api/v1/me", { headers: auth });
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("private, no-store");
      expect(await res.json()).toEqual({
        id: user.id,
        email: user.email,
        displayName: user.displayName,
        pronouns: "",
        locale: "en",
        role: "patron",
        branchId: null,
        emailVerified: true,
        profileVisibility: "private",
        showReadingActivity: false,
        newsletterOptIn: false,
        createdAt: user.createdAt.toISOString(),
      });
    });

    it("answers the profile to a signed-in browser session", async () => {
      const { client, user } = await signedInClient(app, deps);
      const res = await client.get("/api/v1/me");
      expect(res.status).toBe(200);
      expect((await res.json()).email).toBe(user.email);
    });

    it("answers 401 problem+json with WWW-Authenticate when nobody is signed in", async () => {
      const res = await app.request("/api/v1/me");
      expect(res.status).toBe(401);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(res.headers.get("www-authenticate")).toBe("Bearer");
      expect(await res.json()).toMatchObject({ status: 401, title: "Authentication required", instance: "/api/v1/me" });
    });

    it("answers 401 naming the token as invalid when an unknown token is sent", async () => {
      const res = await app.request("/api/v1/me", { headers: { authorization: "Bearer circ_not-a-real-token" } });
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
    });

    it("refuses a token without the scope the route declares, naming the scope", async () => {
      const writer = await personWithToken(deps, ["write"]);
      const read = await app.request("/api/v1/me", { headers: writer.auth });
      expect(read.status).toBe(403);
      expect(await read.json()).toMatchObject({ status: 403, scope: "read" });

      const reader = await personWithToken(deps, ["read"]);
      const res = await patch(reader.auth, { displayName: "Changed" });
      expect(res.status).toBe(403);
      expect(res.headers.get("www-authenticate")).toBe('Bearer error="insufficient_scope", scope="write"');
      expect(await res.json()).toMatchObject({ scope: "write", detail: "This request needs a token with the “write” scope." });
      expect((await findUserById(deps.db, reader.user.id))?.displayName).toBe(reader.user.displayName);
    });
  });

  describe("PATCH", () => {
    it("changes only the fields sent, and answers the saved profile", async () => {
      const { user, auth } = await personWithToken(deps, ["write"]);
      expect((await patch(auth, { pronouns: "they/them", newsletterOptIn: true })).status).toBe(200);
      const res = await patch(auth, { displayName: "  New Name  " });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ displayName: "New Name", pronouns: "they/them", newsletterOptIn: true });
      const saved = await findUserById(deps.db, user.id);
      expect(saved).toMatchObject({ displayName: "New Name", pronouns: "they/them", newsletterOptIn: true, locale: "en" });
    });

    it("answers 422 naming each bad field, and writes nothing", async () => {
      const { user, auth } = await personWithToken(deps, ["write"]);
      const res = await patch(auth, { displayName: "", locale: "fr", role: "admin", pronouns: "ok" });
      expect(res.status).toBe(422);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      const body = await res.json();
      expect(body.errors).toEqual(
        expect.arrayContaining([
          { field: "displayName", message: "Enter the name other people will see" },
          { field: "locale", message: "Choose one of the languages in the list" },
          { field: "role", message: "This field cannot be set here" },
        ]),
      );
      expect(body.errors).toHaveLength(3);
      expect(await findUserById(deps.db, user.id)).toEqual(user);
    });

    it("reports problems in the person's own language", async () => {
      const { auth } = await personWithToken(deps, ["write"], "patron", "es");
      const es = translator("es");
      const res = await patch(auth, { displayName: "x".repeat(81), newsletterOptIn: "yes" });
      expect(res.status).toBe(422);
      expect((await res.json()).errors).toEqual([
        { field: "displayName", message: es.t("validation.displayName.long") },
        { field: "newsletterOptIn", message: es.t("api.validation.type", { expected: "boolean" }) },
      ]);
    });

    it("answers 400 problem+json to malformed JSON", async () => {
      const { auth } = await personWithToken(deps, ["write"]);
      const res = await app.request("/api/v1/me", {
        method: "PATCH",
        headers: { ...auth, "content-type": "application/json" },
        body: "{displayName:",
      });
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    });

    it("requires the CSRF header from a browser session, and accepts it", async () => {
      const { client, user } = await signedInClient(app, deps);
      const body = JSON.stringify({ pronouns: "she/her" });
      const headers = { "content-type": "application/json" };
      const refused = await client.request("/api/v1/me", { method: "PATCH", headers, body });
      expect(refused.status).toBe(403);
      expect(refused.headers.get("content-type")).toBe("application/problem+json");
      expect((await findUserById(deps.db, user.id))?.pronouns).toBe("");

      const csrf = await client.csrf();
      const accepted = await client.request("/api/v1/me", {
        method: "PATCH",
        headers: { ...headers, "x-csrf-token": csrf },
        body,
      });
      expect(accepted.status).toBe(200);
      expect((await findUserById(deps.db, user.id))?.pronouns).toBe("she/her");
    });
  });

  describe("export", () => {
    let person: { user: SessionUser; auth: Record<string, string> };
    beforeAll(async () => {
      person = await personWithToken(deps, ["read"]);
    });

    it("answers every section of the person's data as JSON", async () => {
      const res = await app.request("/api/v1/me/export", { headers: person.auth });
      expect(res.status).toBe(200);
      const data = await res.json();
      expect(data.profile).toEqual([expect.objectContaining({ id: person.user.id, email: person.user.email })]);
      expect(data.api_tokens).toEqual([expect.objectContaining({ name: "test", scopes: ["read"] })]);
      expect(JSON.stringify(data)).not.toContain("tokenHash");
      expect(Date.parse(data.exportedAt)).not.toBeNaN();
    });

    it("answers a zip download with ?format=zip", async () => {
      const res = await app.request("/api/v1/me/export?format=zip", { headers: person.auth });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/zip");
      expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="circulate-data-\d{4}-\d{2}-\d{2}\.zip"$/);
      const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
      expect(Object.keys(files)).toEqual(expect.arrayContaining(["data.json", "profile.csv"]));
      expect(new TextDecoder().decode(files["profile.csv"])).toContain(person.user.email);
    });

    it("answers 422 naming an unknown format", async () => {
      const res = await app.request("/api/v1/me/export?format=pdf", { headers: person.auth });
      expect(res.status).toBe(422);
      expect((await res.json()).errors).toEqual([{ field: "format", message: "Use one of: json, zip" }]);
    });
  });
});
