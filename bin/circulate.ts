// The `circulate` command line: start, web, worker, migrate, seed, admin and backups.

import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { type ServerType, serve } from "@hono/node-server";
import { runBackupCommand } from "../src/backup/index.ts";
import { compose, type Deps } from "../src/compose.ts";
import { ConfigError, loadConfig } from "../src/config/index.ts";
import { createApp } from "../src/http/app.ts";
import { createVerifiedUser, randomToken } from "../src/modules/accounts/index.ts";
import { createImportRun, executeImport, type ImportFormat, sniffFormat } from "../src/modules/catalog/index.ts";
import { demoCredentialsText, isEmpty, seedDemo } from "../src/seed/demo.ts";
import { progressLine } from "./progress.ts";

const HELP: Record<string, string> = {
  main: `circulate — a community and outreach platform for libraries

Usage: circulate <command> [options]

Commands:
  start                 serve the web site and run background jobs in one process (what npm start runs)
  web                   serve the web site only (run workers separately)
  worker                run background jobs only
  migrate               apply database migrations and exit
  seed demo             load the demo library (Riverside Public Library)
  admin create          create an administrator account
  import [marc|csv] FILE   load catalogue records (MARC 21, MARCXML or CSV), with a progress bar and a report
  export                write a full backup (database dump and uploaded files)
  import-backup DIR     restore a backup written by export into an empty database

Run 'circulate <command> --help' for a command's options. Configuration comes from the environment:
see the table in README.md (PORT, DATA_DIR, DATABASE_URL, BASE_URL, SMTP_URL, SECRET_KEY, ...).`,
  start: `circulate start — web and worker in one process

On first start with an empty embedded database (no DATABASE_URL) the demo library is loaded and its
sign-in details are printed. Set SEED_DEMO=never to start empty, SEED_DEMO=always to seed a server too.`,
  web: "circulate web — serve pages and the API; jobs are only enqueued (run 'circulate worker' beside it).",
  worker: "circulate worker — run background jobs until stopped (SIGINT/SIGTERM finish the jobs in hand first).",
  migrate: "circulate migrate — apply pending database migrations and exit.",
  seed: "circulate seed demo — load the demo library into the configured database (refuses if it has accounts).",
  admin: `circulate admin create --email ADDRESS [--name NAME] [--password PASSWORD]

Creates a verified administrator. Without --password a strong one is generated and printed.`,
  export: `circulate export [--out DIR]

Writes a full backup to DIR (default ./backups/circulate-<time>): database.sql (a PostgreSQL-compatible
dump of every table), the uploaded files and a manifest.`,
  import: `circulate import [marc|csv] FILE

Loads catalogue records into the configured database. "marc" reads MARC 21 (ISO 2709, MARC-8 or UTF-8)
and MARCXML, told apart by the file's content; "csv" reads CSV with a header row (columns: title, subtitle,
authors, isbn, control_number, subjects, series, summary, language, format, publisher, year, extent,
edition). Without a kind, the format is recognised from the file.

Records already in the catalogue are matched by control number, then ISBN, and updated; unchanged records
are left alone, so importing the same file twice changes nothing. Each bad record is reported with its
position and the reason, and the rest are imported. The import also appears at /admin/imports.`,
  "import-backup": `circulate import-backup DIR

Restores a backup written by 'circulate export' into the configured database, which must be empty.`,
};

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function boot(): Promise<Deps> {
  try {
    const config = loadConfig();
    return await compose(config);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}

function listen(deps: Deps): Promise<ServerType> {
  const app = createApp(deps);
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: deps.config.port, hostname: deps.config.host }, () => resolve(server));
  });
}

function onShutdown(deps: Deps, server?: ServerType) {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    deps.log.info(`received ${signal}, finishing work in hand`);
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await deps.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

async function maybeSeed(deps: Deps) {
  const { seedDemo: mode, databaseUrl, baseUrl } = deps.config;
  const shouldSeed = mode === "always" || (mode === "auto" && !databaseUrl);
  if (shouldSeed && (await isEmpty(deps))) {
    await seedDemo(deps);
    console.log(demoCredentialsText(baseUrl));
  } else if (shouldSeed) {
    console.log(`\nCirculate is running at ${baseUrl} (demo sign-in details: README.md, "Demo library").\n`);
  }
}

async function importFile(deps: Deps, file: string, kind: "marc" | "csv" | undefined) {
  const sniffed = await sniffFormat(file, path.basename(file));
  const format: ImportFormat = kind === "csv" ? "csv" : kind === "marc" && sniffed === "csv" ? "marc" : sniffed;
  const totalBytes = statSync(file).size;
  const run = await createImportRun(deps.db, {
    fileName: path.basename(file),
    filePath: null,
    format,
    totalBytes,
    startedBy: null,
  });
  const bar = progressLine(`Importing ${path.basename(file)} (${format})`);
  const started = Date.now();
  const summary = (r: { processed: number; imported: number; updated: number; unchanged: number; failed: number }) => {
    const perSecond = Math.round(r.processed / Math.max(0.001, (Date.now() - started) / 1000));
    return `${r.processed} records: ${r.imported} new, ${r.updated} updated, ${r.unchanged} unchanged, ${r.failed} bad · ${perSecond}/s`;
  };
  const report = await executeImport(deps.db, deps.clock, run, file, (p) => bar.update(p.bytesRead, p.totalBytes, summary(p)));
  bar.finish(summary(report));
  if (report.problems.length) {
    console.log(`\n${report.failed} record(s) were not imported:`);
    for (const p of report.problems.slice(0, 20)) {
      console.log(`  record ${p.position}${p.offset === null ? "" : ` (byte ${p.offset})`}: ${p.reason}`);
    }
    if (report.problems.length > 20)
      console.log(`  ...and ${report.problems.length - 20} more: see ${deps.config.baseUrl}/admin/imports/${run.id}`);
  }
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    strict: false,
    options: {
      help: { type: "boolean", short: "h" },
      email: { type: "string" },
      name: { type: "string" },
      password: { type: "string" },
      out: { type: "string" },
    },
  });
  const [command = "help", sub] = positionals;
  if (values.help || command === "help" || command === "--help") {
    console.log(HELP[command === "help" ? "main" : command] ?? HELP.main);
    return;
  }

  switch (command) {
    case "start":
    case "web":
    case "worker": {
      const deps = await boot();
      await deps.jobs.start();
      if (command !== "web") await deps.jobs.work();
      let server: ServerType | undefined;
      if (command !== "worker") {
        await maybeSeed(deps);
        server = await listen(deps);
        deps.log.info(`listening on ${deps.config.baseUrl} (${deps.database.engine}, ${command})`);
      } else {
        deps.log.info(`worker running (${deps.database.engine}, pid ${process.pid})`);
      }
      onShutdown(deps, server);
      return;
    }
    case "import": {
      const kind = sub === "marc" || sub === "csv" ? sub : undefined;
      const file = kind ? positionals[2] : sub;
      if (!file) fail(HELP.import ?? "");
      if (!existsSync(file)) fail(`No such file: ${file}`);
      const deps = await boot();
      try {
        await importFile(deps, file, kind);
      } finally {
        await deps.close();
      }
      return;
    }
    case "migrate": {
      const deps = await boot();
      console.log(`Migrations applied (${deps.database.engine}).`);
      await deps.close();
      return;
    }
    case "seed": {
      if (sub !== "demo") fail("Usage: circulate seed demo");
      const deps = await boot();
      if (!(await isEmpty(deps))) fail("The database already has accounts; the demo library is only loaded into an empty one.");
      await seedDemo(deps);
      console.log(demoCredentialsText(deps.config.baseUrl));
      await deps.close();
      return;
    }
    case "admin": {
      if (sub !== "create") fail(HELP.admin ?? "");
      const email = typeof values.email === "string" ? values.email : "";
      if (!/^[^@\s]+@[^@\s]+$/.test(email)) fail("--email must be an email address, for example --email librarian@example.org");
      const password = typeof values.password === "string" ? values.password : randomToken(15);
      if (password.length < 10) fail("--password must be at least 10 characters");
      const deps = await boot();
      const created = await createVerifiedUser(deps, {
        email,
        password,
        displayName: typeof values.name === "string" ? values.name : "Administrator",
        role: "admin",
      });
      await deps.close();
      if (!created.ok) fail(`An account with ${email} already exists.`);
      console.log(`Administrator created: ${email}${values.password ? "" : `\nPassword: ${password}`}`);
      return;
    }
    case "export":
    case "import-backup": {
      // Checked before boot, so that a usage mistake neither opens nor migrates a database.
      if (command === "import-backup" && !sub) fail(HELP["import-backup"] ?? "");
      const deps = await boot();
      const done = await runBackupCommand(deps, command, {
        out: typeof values.out === "string" ? values.out : undefined,
        dir: sub,
      });
      await deps.close();
      if (!done) process.exit(1);
      return;
    }
    default: {
      fail(`Unknown command '${command}'.\n\n${HELP.main}`);
    }
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
