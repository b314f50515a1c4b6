import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachEngine } from "../../../../test/database.ts";
import { createApp, createTestDeps } from "../../../../test/deps.ts";
import { signedInClient, type TestClient } from "../../../../test/http.ts";
import type { Deps } from "../../../compose.ts";
import { createMailer } from "../../../mail/index.ts";

describeEachEngine("admin outbox", (engine) => {
  let deps: Deps;
  let staff: TestClient;
  beforeAll(async () => {
    deps = await createTestDeps(engine);
    staff = (await signedInClient(createApp(deps), deps, "staff")).client;
  });
  afterAll(async () => {
    await deps?.close();
  });

  it("says the outbox is empty before anything is sent", async () => {
    expect(await (await staff.get("/admin/outbox")).text()).toContain("The outbox is empty.");
  });

  it("lists a message written to the outbox and shows its raw text", async () => {
    await deps.mailer.send({
      to: "reader@example.org",
      subject: "Your hold is ready: Cien años de soledad",
      text: "Pick it up at Main <by Friday>.",
    });
    const html = await (await staff.get("/admin/outbox")).text();
    expect(html).toContain("<caption>Emails in the outbox</caption>");
    expect(html).toContain("reader@example.org");
    const link = html.match(/<a href="(\/admin\/outbox\/[^"]+)">Your hold is ready: Cien años de soledad<\/a>/)?.[1];
    expect(link).toBeTruthy();

    const message = await staff.get(link ?? "");
    expect(message.status).toBe(200);
    const raw = await message.text();
    expect(raw).toMatch(/<pre>[\s\S]*To: reader@example.org[\s\S]*<\/pre>/);
    expect(raw).toContain("Pick it up at Main &lt;by Friday&gt;."); // escaped, never rendered as markup
  });

  it("answers 404 for a file that is not in the outbox", async () => {
    expect((await staff.get("/admin/outbox/missing.eml")).status).toBe(404);
    expect((await staff.get("/admin/outbox/..%2F..%2Fetc%2Fpasswd")).status).toBe(404);
  });

  it("says so when mail goes through an SMTP server", async () => {
    // No message is sent, so nothing needs to listen at this address.
    const mailer = createMailer({
      smtpUrl: "smtp://127.0.0.1:2525",
      from: "Library <library@example.org>",
      outboxDir: mkdtempSync(path.join(tmpdir(), "circulate-outbox-")),
    });
    const app = createApp({ ...deps, mailer });
    const client = (await signedInClient(app, deps, "staff")).client;
    const html = await (await client.get("/admin/outbox")).text();
    expect(html).toContain("This library sends email through an SMTP server");
    expect(html).not.toContain("<table>");
    expect(await (await client.get("/admin")).text()).toContain("Email is sent through the library&#39;s SMTP server.");
    mailer.close();
  });
});
