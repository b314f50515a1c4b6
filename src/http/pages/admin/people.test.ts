import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachEngine } from "../../../../test/database.ts";
import { createApp, createTestDeps } from "../../../../test/deps.ts";
import { signedInClient, type TestClient } from "../../../../test/http.ts";
import type { Deps } from "../../../compose.ts";
import { findUserById, type SessionUser, saveBranch } from "../../../modules/accounts/index.ts";

describeEachEngine("admin people and roles", (engine) => {
  let deps: Deps;
  let admin: { client: TestClient; user: SessionUser };
  let patron: SessionUser;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    deps = await createTestDeps(engine);
    app = createApp(deps);
    admin = await signedInClient(app, deps, "admin", { displayName: "Only Admin" });
    patron = (await signedInClient(app, deps, "patron", { displayName: "Rosa Reader", email: "rosa@example.org" })).user;
  });
  afterAll(async () => {
    await deps?.close();
  });

  it("searches people by name or email and shows role, branch and verification", async () => {
    const html = await (await admin.client.get("/admin/people?q=ROSA")).text();
    expect(html).toContain('value="ROSA"'); // the search box keeps the query
    expect(html).toContain("People 1 to 1 of 1");
    expect(html).toContain(`href="/admin/people/${patron.id}">Rosa Reader</a>`);
    expect(html).toContain("rosa@example.org");
    expect(html).toMatch(/<td>Patron<\/td><td>No branch<\/td><td>Yes<\/td>/);
    expect(html).not.toContain("Only Admin</a>");
    expect(await (await admin.client.get("/admin/people?q=nobody-like-this")).text()).toContain("Nobody matches your search.");
    // Nonsense paging falls back to the first page instead of failing.
    expect((await admin.client.get("/admin/people?page=-3")).status).toBe(200);
  });

  it("sets a person's role and branch", async () => {
    const branch = await saveBranch(deps.db, null, { name: "Hillside", slug: "hillside", address: "", openingHours: "" });
    if (!branch.ok) throw new Error("branch not created");
    const form = await (await admin.client.get(`/admin/people/${patron.id}`)).text();
    expect(form).toContain("<h1>Role and branch of Rosa Reader</h1>");
    expect(form).toMatch(/<option value="patron" selected="">Patron<\/option>/);

    const res = await admin.client.postForm(
      `/admin/people/${patron.id}`,
      { role: "staff", branchId: branch.value.id },
      { csrfFrom: "/admin/people" },
    );
    expect(res.status).toBe(303);
    expect(await findUserById(deps.db, patron.id)).toMatchObject({ role: "staff", branchId: branch.value.id });
    const list = await (await admin.client.get("/admin/people?q=rosa")).text();
    expect(list).toContain("The role and branch have been saved.");
    expect(list).toMatch(/<td>Staff<\/td><td>Hillside<\/td>/);
  });

  it("refuses an unknown role or branch with 422 at the field", async () => {
    const badRole = await admin.client.postForm(
      `/admin/people/${patron.id}`,
      { role: "emperor", branchId: "" },
      { csrfFrom: "/admin/people" },
    );
    expect(badRole.status).toBe(422);
    expect(await badRole.text()).toMatch(/id="field-role-error"[^>]*>Choose one of the roles in the list/);
    const badBranch = await admin.client.postForm(
      `/admin/people/${patron.id}`,
      { role: "staff", branchId: "0190a000-0000-7000-8000-000000000000" },
      { csrfFrom: "/admin/people" },
    );
    expect(badBranch.status).toBe(422);
    expect(await badBranch.text()).toMatch(/id="field-branchId-error"[^>]*>Choose one of the branches in the list/);
  });

  it("refuses to demote the last administrator, and allows it once there is another", async () => {
    const refused = await admin.client.postForm(
      `/admin/people/${admin.user.id}`,
      { role: "staff", branchId: "" },
      { csrfFrom: "/admin/people" },
    );
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toMatch(/id="field-role-error"[^>]*>This is the library&#39;s only administrator/);
    expect(html).toContain('href="#field-role"');
    expect(html).toMatch(/<option value="staff" selected="">Staff<\/option>/); // the choice is kept
    expect((await findUserById(deps.db, admin.user.id))?.role).toBe("admin");

    await admin.client.postForm(`/admin/people/${patron.id}`, { role: "admin", branchId: "" }, { csrfFrom: "/admin/people" });
    const demoted = await admin.client.postForm(
      `/admin/people/${admin.user.id}`,
      { role: "staff", branchId: "" },
      { csrfFrom: "/admin/people" },
    );
    expect(demoted.status).toBe(303);
    expect((await findUserById(deps.db, admin.user.id))?.role).toBe("staff");
    // The change applies at once: the former administrator can no longer open the section.
    expect((await admin.client.get("/admin/people")).status).toBe(403);
  });
});
