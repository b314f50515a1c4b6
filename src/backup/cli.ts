// `circulate export` and `circulate import-backup`: parse nothing, call the service, print progress and a summary.
import path from "node:path";
import type { Deps } from "../compose.ts";
import { exportBackup, type ImportFailure, importBackup, type ProgressListener } from "./backup.service.ts";

export interface BackupOutput {
  write(text: string): void;
  error(text: string): void;
  /** A terminal gets one progress line per table rewritten in place; a pipe or log gets a line when a table is done. */
  isTTY: boolean;
}

const processOutput = (): BackupOutput => ({
  write: (text) => void process.stdout.write(text),
  error: (text) => void process.stderr.write(text),
  isTTY: process.stdout.isTTY === true,
});

export type BackupCommand = "export" | "import-backup";

/** Returns false when the command failed; the message has been printed. */
export async function runBackupCommand(
  deps: Pick<Deps, "database" | "config" | "clock">,
  command: BackupCommand,
  options: { out?: string; dir?: string },
  output: BackupOutput = processOutput(),
): Promise<boolean> {
  const uploadsDir = path.resolve(deps.config.dataDir, "uploads");
  const onProgress = progressPrinter(output);

  if (command === "export") {
    const stamp = deps.clock.now().toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
    const outDir = path.resolve(options.out ?? path.join("backups", `circulate-${stamp}`));
    output.write(`Writing a backup of the ${deps.database.engine} database to ${outDir}\n`);
    const result = await exportBackup(deps.database, { outDir, uploadsDir, clock: deps.clock, onProgress });
    if (!result.ok) {
      output.error(`${result.dir} already has files in it; choose an empty or new folder with --out.\n`);
      return false;
    }
    const { manifest, dir } = result.value;
    const rows = Object.values(manifest.tables).reduce((a, b) => a + b, 0);
    output.write(
      `Backup written to ${dir}: ${Object.keys(manifest.tables).length} tables, ${rows} rows, ` +
        `${manifest.migrations} migrations, ${manifest.uploads.files} uploaded files (${manifest.uploads.bytes} bytes).\n`,
    );
    return true;
  }

  if (!options.dir) {
    output.error("Usage: circulate import-backup DIR\n");
    return false;
  }
  const dir = path.resolve(options.dir);
  output.write(`Restoring ${dir} into the ${deps.database.engine} database\n`);
  const result = await importBackup(deps.database, { dir, uploadsDir, onProgress });
  if (!result.ok) {
    output.error(`${importFailureMessage(result, dir)}\n`);
    return false;
  }
  const { manifest, tables, uploads } = result.value;
  const width = Math.max(5, ...Object.keys(tables).map((t) => t.length));
  const lines = Object.entries(tables).map(
    ([table, found]) =>
      `  ${table.padEnd(width)}  ${String(manifest.tables[table] ?? 0).padStart(9)}  ${String(found).padStart(9)}`,
  );
  output.write(
    [
      `Restored the backup written ${manifest.createdAt} by Circulate ${manifest.circulateVersion} (${manifest.engine}).`,
      `  ${"table".padEnd(width)}  ${"in backup".padStart(9)}  ${"restored".padStart(9)}`,
      ...lines,
      `Uploaded files copied to ${uploadsDir}: ${uploads.files} (${uploads.bytes} bytes).`,
      "",
    ].join("\n"),
  );
  return true;
}

function importFailureMessage(failure: ImportFailure, dir: string): string {
  switch (failure.error) {
    case "not-a-backup":
      return `${dir} is not a complete Circulate backup: ${failure.reason}.`;
    case "newer-format":
      return `This backup uses format ${failure.formatVersion}, which is newer than this Circulate can read. Upgrade Circulate first.`;
    case "newer-schema":
      return (
        `This backup comes from a database with ${failure.backupMigrations} migrations; this Circulate has ` +
        `${failure.databaseMigrations}. Upgrade Circulate to the version that wrote the backup (or newer) first.`
      );
    case "not-empty":
      return (
        `The database already has ${failure.users} account(s); a backup is only restored into an empty database. ` +
        "Point DATABASE_URL (or DATA_DIR) at a new one."
      );
    case "count-mismatch":
      return `The restore was rolled back because row counts differ from the manifest: ${failure.tables
        .map((t) => `${t.table} (manifest ${t.expected}, restored ${t.found})`)
        .join(", ")}.`;
  }
}

function progressPrinter(output: BackupOutput): ProgressListener {
  return ({ table, done, total, finished }) => {
    const line = `  ${table.padEnd(30)} ${done} / ${total}`;
    if (output.isTTY) output.write(`\r${line}${finished ? "\n" : ""}`);
    else if (finished) output.write(`${line}\n`);
  };
}
