// `npm run bench`: starts a bare Hono "hello" server and Circulate in this process, on loopback, runs every
// scenario of bench/scenarios.ts against them with autocannon, prints a table and writes bench/results/<time>.json.
//
// Environment: BENCH_DURATION (seconds per scenario, default 10), BENCH_CONNECTIONS (default 10),
// BENCH_WARMUP (seconds before each measurement, default 2), BENCH_DATABASE_URL (a PostgreSQL server on
// which a throw-away database is created and dropped; default: PGlite in a temporary DATA_DIR).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import autocannon from "autocannon";
import { sql } from "drizzle-orm";
import { Hono } from "hono";
import postgres from "postgres";
import { z } from "zod";
import { compose, type Deps } from "../src/compose.ts";
import { loadConfig } from "../src/config/index.ts";
import { createApp } from "../src/http/app.ts";
import { createApiToken, findUserByEmail, randomToken, startSession } from "../src/modules/accounts/index.ts";
import { seedDemo } from "../src/seed/demo.ts";
import { generateCatalogue } from "./catalogue-data.ts";
import { type BenchContext, type Scenario, scenarios } from "./scenarios.ts";

const settingsSchema = z.object({
  BENCH_DURATION: z.coerce.number().int().min(1).max(300).default(10),
  BENCH_CONNECTIONS: z.coerce.number().int().min(1).max(1000).default(10),
  BENCH_WARMUP: z.coerce.number().int().min(0).max(60).default(2),
  /** Generated catalogue for the record and search scenarios: works, and ratings + reviews (9:1). */
  BENCH_CATALOG_WORKS: z.coerce.number().int().min(0).max(1_000_000).default(0),
  BENCH_CATALOG_RATINGS: z.coerce.number().int().min(0).max(5_000_000).default(500_000),
  BENCH_DATABASE_URL: z
    .string()
    .refine((v) => /^postgres(ql)?:\/\//.test(v) && URL.canParse(v), "must look like postgres://user@host:5432/database")
    .optional(),
});

interface Measurement {
  scenario: string;
  method: string;
  path: string;
  work: string;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; average: number; max: number };
  ratioToBaseline: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

interface Server {
  url: string;
  close(): Promise<void>;
}

/** Listens on an ephemeral loopback port; fetch is looked up per request so it can be set after listening. */
function listen(fetch: (request: Request) => Response | Promise<Response>): Promise<Server> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: "127.0.0.1" }, (info) =>
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    );
  });
}

/** A throw-away database on the server, so the benchmark never touches real data. */
async function throwAwayDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `circ_bench_${process.pid}_${randomToken(6)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const again = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists ${name} with (force)`);
      await again.end();
    },
  };
}

async function measure(
  scenario: Scenario,
  target: string,
  context: BenchContext,
  settings: { duration: number; warmup: number; connections: number },
) {
  const paths = scenario.paths?.(context);
  const options = {
    url: `${target}${paths ? "" : scenario.path}`,
    ...(paths ? { requests: paths.map((path) => ({ method: "GET" as const, path })) } : {}),
    method: scenario.method ?? "GET",
    headers: scenario.headers?.(context) ?? {},
    connections: settings.connections,
    // The load is generated on a worker thread, so it does not share an event loop with the servers.
    workers: 1,
    timeout: 10,
  } as const;
  // Warming up lets V8 optimise the hot paths and fills the caches the figures should include.
  if (settings.warmup > 0) await autocannon({ ...options, duration: settings.warmup });
  return autocannon({ ...options, duration: settings.duration });
}

function machine() {
  const cpus = os.cpus();
  return {
    os: `${os.type()} ${os.release()} (${os.platform()} ${os.arch()})`,
    cpu: cpus[0]?.model ?? "unknown",
    cores: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    /** Other work on the machine when the run started (1, 5, 15 minutes): a busy machine lowers every figure. */
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

/** autocannon records latency in whole milliseconds, so 0 means "under one". */
const milliseconds = (value: number) => (value < 1 ? "<1" : String(value));

function printTable(rows: Measurement[]) {
  const header = ["scenario", "req/s", "p50 ms", "p99 ms", "× baseline", "non-2xx", "errors"];
  const lines = rows.map((r) => [
    r.scenario,
    Math.round(r.requestsPerSecond).toLocaleString("en"),
    milliseconds(r.latencyMs.p50),
    milliseconds(r.latencyMs.p99),
    r.ratioToBaseline.toFixed(2),
    r.non2xx.toLocaleString("en"),
    r.errors.toLocaleString("en"),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? "").length)));
  const format = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  console.log(`\n${format(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}`);
  for (const line of lines) console.log(format(line));
}

async function main() {
  const parsed = settingsSchema.safeParse(process.env);
  if (!parsed.success) {
    console.error(`Bad benchmark settings:\n${z.prettifyError(parsed.error)}`);
    process.exit(2);
  }
  const env = parsed.data;
  const machineInfo = machine();
  const settings = { duration: env.BENCH_DURATION, warmup: env.BENCH_WARMUP, connections: env.BENCH_CONNECTIONS };
  const baselineScenarios = scenarios.filter((s) => s.server === "baseline");
  if (baselineScenarios.length !== 1) throw new Error("bench/scenarios.ts must define exactly one baseline scenario");

  const cleanups: (() => Promise<void>)[] = [];
  try {
    const hello = new Hono().get("/", (c) => c.text("hello"));
    const baseline = await listen((request) => hello.fetch(request));
    cleanups.push(baseline.close);

    const dataDir = mkdtempSync(path.join(os.tmpdir(), "circulate-bench-"));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    let databaseUrl: string | undefined;
    if (env.BENCH_DATABASE_URL) {
      const database = await throwAwayDatabase(env.BENCH_DATABASE_URL);
      cleanups.push(database.drop);
      databaseUrl = database.url;
    }

    let app: ReturnType<typeof createApp> | undefined;
    const circulate = await listen((request) => app?.fetch(request) ?? new Response("starting", { status: 503 }));
    cleanups.push(circulate.close);
    const deps: Deps = await compose(
      loadConfig({
        NODE_ENV: "production",
        DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl,
        BASE_URL: circulate.url,
        SECRET_KEY: randomToken(48),
        LOG_LEVEL: "silent",
      }),
    );
    cleanups.push(deps.close);
    // As `circulate web` does: the queue is started so that requests could enqueue, but no worker runs here.
    await deps.jobs.start();
    await seedDemo(deps);
    const patron = await findUserByEmail(deps.db, "patron@riverside.example");
    if (!patron) throw new Error("the demo seed did not create the demo patron");
    const catalogue = env.BENCH_CATALOG_WORKS
      ? await generateCatalogue(deps.database, env.BENCH_CATALOG_WORKS, env.BENCH_CATALOG_RATINGS, (m) => console.log(m))
      : { workIds: [], searchTerms: [] };
    const context: BenchContext = {
      patronReadToken: (await createApiToken(deps.db, patron.id, "benchmark", ["read"])).token,
      patronSessionToken: (await startSession(deps, patron.id)).token,
      ...catalogue,
    };
    app = createApp(deps);
    const [versionRow] = await deps.database.rows<{ version: string }>(sql`select version() as version`);
    const engine = deps.database.engine;

    console.log(
      `Circulate on ${engine} (${versionRow?.version ?? "unknown version"})\n` +
        `${settings.connections} connections, ${settings.warmup} s warm-up + ${settings.duration} s per scenario, ${scenarios.length} scenarios`,
    );
    const results: Measurement[] = [];
    let baselineRate = 0;
    const runnable = scenarios.filter((s) => s.server !== "baseline" && (!s.needsCatalogue || context.workIds.length > 0));
    for (const scenario of [...baselineScenarios, ...runnable]) {
      process.stdout.write(`  ${scenario.name} ...`);
      const result = await measure(scenario, scenario.server === "baseline" ? baseline.url : circulate.url, context, settings);
      if (scenario.server === "baseline") baselineRate = result.requests.average;
      const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count]));
      results.push({
        scenario: scenario.name,
        method: scenario.method ?? "GET",
        path: scenario.path,
        work: scenario.work,
        requestsPerSecond: result.requests.average,
        latencyMs: {
          p50: result.latency.p50,
          p90: result.latency.p90,
          p99: result.latency.p99,
          average: result.latency.average,
          max: result.latency.max,
        },
        ratioToBaseline: baselineRate > 0 ? result.requests.average / baselineRate : 0,
        requests: result.requests.total,
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
        statusCodes,
      });
      const codes = Object.entries(statusCodes)
        .map(([code, n]) => `${code}×${n}`)
        .join(" ");
      process.stdout.write(` ${Math.round(result.requests.average)} req/s (${codes || "no responses"})\n`);
    }
    printTable(results);

    const pkg = z
      .object({ version: z.string() })
      .parse(JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")));
    const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
    const resultsDir = fileURLToPath(new URL("./results/", import.meta.url));
    mkdirSync(resultsDir, { recursive: true });
    const file = path.join(resultsDir, `${stamp}.json`);
    const report = {
      date: new Date().toISOString(),
      circulateVersion: pkg.version,
      engine,
      databaseVersion: versionRow?.version ?? null,
      machine: machineInfo,
      settings: { ...settings, loadGenerator: "autocannon, 1 worker thread, same machine" },
      results,
    };
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nSaved ${path.relative(process.cwd(), file)}`);
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((e: unknown) => console.error(`cleanup: ${String(e)}`));
  }
}

await main();
