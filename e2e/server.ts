// Circulate served for real on loopback, with the demo library and a real SMTP server, so a browser can
// follow the links in the emails it sends.
import { createServer } from "node:net";
import { serve } from "@hono/node-server";
import type { Deps } from "../src/compose.ts";
import { seedDemo } from "../src/seed/demo.ts";
import { createApp, createTestDeps } from "../test/deps.ts";
import { startTestSmtp, type TestSmtp } from "../test/smtp.ts";

export interface TestServer {
  /** `http://127.0.0.1:<port>`, which is also the app's BASE_URL. */
  baseUrl: string;
  deps: Deps;
  smtp: TestSmtp;
  close(): Promise<void>;
}

/**
 * BASE_URL is read once when the dependencies are built, before the app listens, so the port is chosen
 * first: the kernel picks a free one, and it is released just before the app binds it again.
 */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", resolve);
  });
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (!address || typeof address === "string") throw new Error("could not read the probe's port");
  return address.port;
}

export async function startTestServer(): Promise<TestServer> {
  const smtp = await startTestSmtp();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // work: true so the mail queue is drained in this process and emails reach the SMTP server.
  const deps = await createTestDeps("pglite", { env: { SMTP_URL: smtp.url, BASE_URL: baseUrl }, work: true });
  await seedDemo(deps);
  const app = createApp(deps);
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" }, () => resolve(s));
    s.once("error", reject);
  });
  return {
    baseUrl,
    deps,
    smtp,
    async close() {
      // The browser keeps connections alive; without dropping them, close() would wait for their timeout.
      if ("closeAllConnections" in server) server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await deps.close();
      await smtp.close();
    },
  };
}
