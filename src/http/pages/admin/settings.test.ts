import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachEngine } from "../../../../test/database.ts";
import { createApp, createTestDeps } from "../../../../test/deps.ts";
import { signedInClient, TestClient } from "../../../../test/http.ts";
import type { Deps } from "../../../compose.ts";
import { getLibrarySettings } from "../../../modules/accounts/index.ts";

describeEachEngine("admin settings", (engine) => {
  let deps: Deps;
  let app: ReturnType<typeof createApp>;
  let admin: TestClient;
  beforeAll(async () => {
    deps = await createTestDeps(engine);
    app = createApp(deps);
    admin = (await signedInClient(app, deps, "admin")).client;
  });
  afterAll(async () => {
    await deps?.close();
  });

  const save = (fields: Record<string, string>) => admin.postForm("/admin/settings", fields, { csrfFrom: "/admin/settings" });

  it("shows the current settings in the form", async () => {
    const html = await (await admin.get("/admin/settings")).text();
    expect(html).toContain('value="Circulate Library"');
    expect(html).toContain('value="UTC"');
    expect(html).toMatch(/<option value="en" lang="en" selected="">English<\/option>/);
  });

  it("saves the settings, and every page shows them at once", async () => {
    const res = await save({
      libraryName: "Riverside Public Library",
      timeZone: "Europe/Madrid",
      defaultLocale: "es",
      contactEmail: "ask@riverside.example",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/admin/settings");
    const html = await (await admin.get("/admin/settings")).text();
    expect(html).toContain("<title>Library settings · Riverside Public Library</title>");
    expect(html).toContain("The settings have been saved.");
    expect(html).toContain('value="Europe/Madrid"');
    expect(await getLibrarySettings(deps.db)).toEqual({
      libraryName: "Riverside Public Library",
      timeZone: "Europe/Madrid",
      defaultLocale: "es",
      contactEmail: "ask@riverside.example",
    });
    // A visitor whose browser names no language now gets the library's default one.
    const visitor = await (await new TestClient(app).get("/")).text();
    expect(visitor).toContain('<html lang="es"');
    expect(visitor).toContain("<title>Inicio · Riverside Public Library</title>");
  });

  it("refuses bad settings with 422, naming each field and keeping what was typed", async () => {
    const res = await save({
      libraryName: "Kept Name",
      timeZone: "Mars/Olympus_Mons",
      defaultLocale: "xx",
      contactEmail: "not-an-address",
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(/id="field-timeZone-error"[^>]*>Enter a time zone like/);
    expect(html).toMatch(/id="field-defaultLocale-error"[^>]*>Choose one of the languages in the list/);
    expect(html).toMatch(/id="field-contactEmail-error"[^>]*>Enter an email address like/);
    for (const field of ["timeZone", "defaultLocale", "contactEmail"]) expect(html).toContain(`href="#field-${field}"`);
    expect(html).toContain('value="Kept Name"');
    expect(html).toContain('value="Mars/Olympus_Mons"');
    expect((await getLibrarySettings(deps.db)).libraryName).toBe("Riverside Public Library");
  });

  it("refuses an empty library name", async () => {
    const res = await save({ libraryName: "  ", timeZone: "UTC", defaultLocale: "en" });
    expect(res.status).toBe(422);
    expect(await res.text()).toMatch(/id="field-libraryName-error"[^>]*>Enter the library&#39;s name/);
  });
});
