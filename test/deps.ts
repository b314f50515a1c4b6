// Test dependencies built with the same compose() as production, on a per-file database.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Clock, systemClock } from "../src/clock.ts";
import { compose, type Deps } from "../src/compose.ts";
import { loadConfig } from "../src/config/index.ts";
import type { Engine } from "../src/db/index.ts";
import { createApp } from "../src/http/app.ts";
import { createLog } from "../src/log.ts";
import { createTestDatabase } from "./database.ts";

export interface TestDepsOptions {
  clock?: Clock;
  env?: Record<string, string>;
  /** Start pg-boss (needed to enqueue jobs). Default true. */
  jobs?: boolean;
  /** Also run workers in this process. Default false: tests drain queues explicitly. */
  work?: boolean;
}

export async function createTestDeps(engine: Engine, options: TestDepsOptions = {}): Promise<Deps> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "circulate-test-"));
  const config = loadConfig({
    NODE_ENV: "test",
    DATA_DIR: dataDir,
    BASE_URL: "http://circulate.test",
    SECRET_KEY: "test-secret-key-that-is-long-enough-0123456789",
    LOG_LEVEL: "silent",
    ...options.env,
  });
  const database = await createTestDatabase(engine);
  const deps = await compose(config, { database, clock: options.clock ?? systemClock, log: createLog("silent") });
  if (options.jobs !== false) await deps.jobs.start();
  if (options.work) await deps.jobs.work();
  const close = deps.close;
  deps.close = async () => {
    await close();
    await database.close();
  };
  return deps;
}

export type TestApp = ReturnType<typeof createApp>;
export { createApp };
