// Backups: a full export of the database (plain SQL that psql can load too), the uploaded files and a
// manifest, and the import that restores them into an empty database on either engine.
export { FORMAT_VERSION, type Manifest } from "./backup.schemas.ts";
export * from "./backup.service.ts";
export { type BackupCommand, type BackupOutput, runBackupCommand } from "./cli.ts";
