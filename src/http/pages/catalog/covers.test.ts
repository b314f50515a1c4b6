import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachEngine } from "../../../../test/database.ts";
import { createApp, createTestDeps } from "../../../../test/deps.ts";
import { signedInClient, type TestClient } from "../../../../test/http.ts";
import { loadSampleCatalogue } from "../../../../test/reading.ts";
import type { Deps } from "../../../compose.ts";

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3]);

async function upload(client: TestClient, path: string, bytes: Uint8Array, name: string) {
  const form = new FormData();
  form.append("_csrf", await client.csrf(path));
  form.append("cover", new File([new Uint8Array(bytes)], name));
  return client.request(`${path}/cover`, { method: "POST", body: form });
}

describeEachEngine("uploaded covers", (engine) => {
  let deps: Deps;
  let app: ReturnType<typeof createApp>;
  let path: string;
  beforeAll(async () => {
    deps = await createTestDeps(engine);
    app = createApp(deps);
    const [work] = await loadSampleCatalogue(deps.db);
    path = `/works/${work?.id}`;
  });
  afterAll(() => deps?.close());

  it("lets staff upload, serve and remove a cover, checked by its bytes", async () => {
    const { client: staff } = await signedInClient(app, deps, "staff");
    expect(await (await staff.get(path)).text()).toContain(`src="${path}/cover.svg"`);

    const fake = await upload(staff, path, new TextEncoder().encode("<svg onload=alert(1)>"), "cover.png");
    expect(fake.status).toBe(303);
    expect(await (await staff.get(path)).text()).toContain("is not a PNG, JPEG, WebP or GIF image");

    expect((await upload(staff, path, PNG, "scan.png")).status).toBe(303);
    expect(await (await staff.get(path)).text()).toContain(`src="${path}/cover"`);
    const served = await staff.get(`${path}/cover`);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(PNG);

    await staff.postForm(`${path}/cover/delete`, {}, { csrfFrom: path });
    expect(await (await staff.get(path)).text()).toContain(`src="${path}/cover.svg"`);
    expect((await staff.get(`${path}/cover`)).status).toBe(404);
  });

  it("accepts a cover larger than an ordinary form, and refuses one over 5 MB", async () => {
    const { client: staff } = await signedInClient(app, deps, "staff");
    const big = new Uint8Array(3 * 1024 * 1024);
    big.set(PNG);
    expect((await upload(staff, path, big, "big.png")).status).toBe(303);
    expect(await (await staff.get(path)).text()).toContain("The cover has been saved.");
    const huge = new Uint8Array(5 * 1024 * 1024 + 10);
    huge.set(PNG);
    await upload(staff, path, huge, "huge.png");
    expect(await (await staff.get(path)).text()).toContain("larger than 5 MB");
  });

  it("keeps the cover form and its actions to staff", async () => {
    const { client: patron } = await signedInClient(app, deps, "patron");
    expect(await (await patron.get(path)).text()).not.toContain('name="cover"');
    expect((await upload(patron, path, PNG, "scan.png")).status).toBe(403);
  });
});
