import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachEngine } from "../../../../test/database.ts";
import { createApp, createTestDeps } from "../../../../test/deps.ts";
import { signedInClient, type TestClient } from "../../../../test/http.ts";
import { until } from "../../../../test/processes.ts";
import type { Deps } from "../../../compose.ts";
import { catalogCounts } from "../../../modules/catalog/index.ts";

const sample = (name: string) => readFileSync(fileURLToPath(new URL(`../../../../samples/marc/${name}`, import.meta.url)));

async function upload(client: TestClient, name: string, bytes: Uint8Array, format = "auto") {
  const form = new FormData();
  form.append("_csrf", await client.csrf("/admin/imports"));
  form.append("format", format);
  form.append("file", new File([new Uint8Array(bytes)], name));
  return client.request("/admin/imports", { method: "POST", body: form });
}

describeEachEngine("catalogue import pages", (engine) => {
  let deps: Deps;
  let staff: TestClient;
  beforeAll(async () => {
    deps = await createTestDeps(engine, { work: true });
    const app = createApp(deps);
    staff = (await signedInClient(app, deps, "staff")).client;
  });
  afterAll(() => deps?.close());

  const finished = async (location: string) => {
    await until(
      async () => !(await (await staff.get(location)).text()).includes('http-equiv="refresh"'),
      30_000,
      "the import to finish",
    );
    return (await staff.get(location)).text();
  };

  it("imports an uploaded MARC file in the worker and shows the report", async () => {
    const res = await upload(staff, "marc.dat", sample("marc.dat"));
    expect(res.status).toBe(303);
    const location = res.headers.get("location") ?? "";
    expect(location).toMatch(/^\/admin\/imports\/[0-9a-f-]{36}$/);
    const html = await finished(location);
    expect(html).toContain("Finished");
    expect(html).toContain("Every record was read.");
    expect((await catalogCounts(deps.db)).editions).toBe(20);
  });

  it("lists each bad record with its position, offset and reason", async () => {
    const res = await upload(staff, "bad_records.mrc", sample("bad_records.mrc"));
    const html = await finished(res.headers.get("location") ?? "");
    for (const position of [2, 3, 4, 5, 6, 7]) expect(html).toMatch(new RegExp(`<td>${position}</td><td>[\\d,—]+</td><td>`));
    expect(html).toContain("the record has no fields");
    expect(await (await staff.get("/admin/imports")).text()).toContain("bad_records.mrc");
  });

  it("asks for a file when none is chosen, and keeps patrons out", async () => {
    const form = new FormData();
    form.append("_csrf", await staff.csrf("/admin/imports"));
    const res = await staff.request("/admin/imports", { method: "POST", body: form });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("Choose a file to import");
    const { client: patron } = await signedInClient(createApp(deps), deps, "patron");
    expect((await patron.get("/admin/imports")).status).toBe(403);
  });
});
