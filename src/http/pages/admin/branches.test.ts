import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachEngine } from "../../../../test/database.ts";
import { createApp, createTestDeps } from "../../../../test/deps.ts";
import { signedInClient, type TestClient } from "../../../../test/http.ts";
import type { Deps } from "../../../compose.ts";
import { listBranches } from "../../../modules/accounts/index.ts";

describeEachEngine("admin branches", (engine) => {
  let deps: Deps;
  let admin: TestClient;
  beforeAll(async () => {
    deps = await createTestDeps(engine);
    const app = createApp(deps);
    admin = (await signedInClient(app, deps, "admin", { displayName: "Ada Admin" })).client;
  });
  afterAll(async () => {
    await deps?.close();
  });

  const create = (fields: Record<string, string>) =>
    admin.postForm("/admin/branches/new", fields, { csrfFrom: "/admin/branches/new" });
  const branchId = async (slug: string) => {
    const found = (await listBranches(deps.db)).find((b) => b.slug === slug);
    if (!found) throw new Error(`no branch ${slug}`);
    return found.id;
  };

  it("creates a branch and lists it", async () => {
    const res = await create({ name: "Main Library", slug: "Main-Library", address: "1 River St", openingHours: "Mon–Fri 9–18" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/admin/branches");
    const html = await (await admin.get("/admin/branches")).text();
    expect(html).toContain("The branch has been added.");
    expect(html).toContain("<caption>The library&#39;s branches</caption>");
    expect(html).toContain("Main Library");
    expect(html).toContain("<code>main-library</code>"); // slugs are stored lower-case
    expect(html).toContain("Mon–Fri 9–18");
  });

  it("re-renders bad input with 422, the values kept and the problem at the field", async () => {
    const res = await create({ name: "", slug: "not a slug", address: "Somewhere kept" });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('href="#field-name"');
    expect(html).toContain("Enter the branch&#39;s name");
    expect(html).toMatch(/id="field-slug-error"[^>]*>Use lower-case letters/);
    expect(html).toContain('value="not a slug"');
    expect(html).toContain("Somewhere kept</textarea>");
  });

  it("edits a branch, and refuses a slug another branch uses with 422 at the slug field", async () => {
    await create({ name: "Eastside", slug: "eastside" });
    const id = await branchId("eastside");
    const form = await (await admin.get(`/admin/branches/${id}/edit`)).text();
    expect(form).toContain("<h1>Edit Eastside</h1>");
    expect(form).toContain('value="eastside"');

    const clash = await admin.postForm(
      `/admin/branches/${id}/edit`,
      { name: "Eastside Renamed", slug: "main-library" },
      { csrfFrom: "/admin/branches" },
    );
    expect(clash.status).toBe(422);
    const html = await clash.text();
    expect(html).toMatch(/id="field-slug-error"[^>]*>Another branch already uses this short name/);
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('value="Eastside Renamed"'); // what was typed is kept
    expect(html).toContain('value="main-library"');
    expect(html).toContain("<h1>Edit Eastside</h1>"); // the heading keeps the stored name

    const saved = await admin.postForm(
      `/admin/branches/${id}/edit`,
      { name: "East Side", slug: "east-side", openingHours: "Sat 10–14" },
      { csrfFrom: "/admin/branches" },
    );
    expect(saved.status).toBe(303);
    const branch = (await listBranches(deps.db)).find((b) => b.id === id);
    expect(branch).toMatchObject({ name: "East Side", slug: "east-side", openingHours: "Sat 10–14" });
  });

  it("creating with a taken slug is refused too", async () => {
    const res = await create({ name: "Second Main", slug: "main-library" });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("Another branch already uses this short name");
    expect((await listBranches(deps.db)).filter((b) => b.slug === "main-library")).toHaveLength(1);
  });

  it("deletes a branch only after the confirmation page's POST", async () => {
    const id = await branchId("east-side");
    const confirm = await admin.get(`/admin/branches/${id}/delete`);
    expect(confirm.status).toBe(200);
    const html = await confirm.text();
    expect(html).toContain("<h1>Delete East Side?</h1>");
    expect(html).toContain(`action="/admin/branches/${id}/delete"`);
    expect(await branchId("east-side")).toBe(id); // looking at the page deleted nothing

    const res = await admin.postForm(`/admin/branches/${id}/delete`, {}, { csrfFrom: `/admin/branches/${id}/delete` });
    expect(res.status).toBe(303);
    expect((await listBranches(deps.db)).some((b) => b.id === id)).toBe(false);
    expect(await (await admin.get("/admin/branches")).text()).toContain("The branch has been deleted.");
    expect((await admin.postForm(`/admin/branches/${id}/delete`, {})).status).toBe(404);
    expect((await admin.get("/admin/branches/not-a-uuid/edit")).status).toBe(404);
  });

  it("records the changes in the audit log, newest first", async () => {
    const html = await (await admin.get("/admin/audit")).text();
    const order = ["branch.delete", "branch.update", "branch.create"].map((a) => html.indexOf(`<code>${a}</code>`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(html).toContain("Ada Admin");
  });
});
