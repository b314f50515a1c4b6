// The one wiring point: builds every dependency from the configuration. Nothing else reads the
// environment or holds module-level state; tests build their own deps with the same function.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { type Clock, systemClock } from "./clock.ts";
import type { Config } from "./config/index.ts";
import { type Database, openDatabase } from "./db/index.ts";
import { settings } from "./db/schema/index.ts";
import { createJobs, type Jobs } from "./jobs/index.ts";
import { createLog, type Log } from "./log.ts";
import { createMailer, MAIL_JOB, type Mailer, type MailMessage } from "./mail/index.ts";
import {
  ACCOUNT_DELETE_JOB,
  accountSections,
  executeAccountDeletion,
  type PersonalDataSection,
  purgeExpiredSessions,
  randomToken,
} from "./modules/accounts/index.ts";
import { CATALOG_IMPORT_JOB, runQueuedImport } from "./modules/catalog/index.ts";
import { moderationActionsData, reportsData } from "./modules/moderation/index.ts";
import { listSections, ratingsData, reviewsData, reviewVotesData, shelfSections, taggingsData } from "./modules/reading/index.ts";
import { runWorkerCheck, WORKER_CHECK_JOB } from "./modules/system/index.ts";

export interface Deps {
  config: Config;
  database: Database;
  db: Database["db"];
  jobs: Jobs;
  mailer: Mailer;
  clock: Clock;
  log: Log;
  secretKey: string;
  /** Every module's personal data, for export and deletion. */
  personalData: PersonalDataSection[];
  close(): Promise<void>;
}

export interface ComposeOptions {
  /** Use this database instead of opening one from the configuration (tests). */
  database?: Database;
  clock?: Clock;
  log?: Log;
  mailer?: Mailer;
}

export async function compose(config: Config, options: ComposeOptions = {}): Promise<Deps> {
  const log = options.log ?? createLog(config.logLevel, config.env === "production");
  const clock = options.clock ?? systemClock;
  const database =
    options.database ??
    (await openDatabase(
      config.databaseUrl ? { engine: "postgres", url: config.databaseUrl } : { engine: "pglite", dataDir: config.dataDir },
    ));
  await database.migrate();
  if (!config.databaseUrl) mkdirSync(config.dataDir, { recursive: true });
  const secretKey = config.secretKey ?? (await storedSecret(database));
  const mailer =
    options.mailer ??
    createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, outboxDir: path.resolve(config.dataDir, "outbox") });
  const jobs = createJobs(database, (m) => log.warn(m));
  const personalData = [
    ...accountSections,
    ratingsData,
    reviewsData,
    reviewVotesData,
    taggingsData,
    reportsData,
    moderationActionsData,
    ...shelfSections,
    ...listSections,
  ];

  jobs.define<MailMessage>({ name: MAIL_JOB, retryLimit: 8, retryDelay: 30, handler: async (m) => void (await mailer.send(m)) });
  jobs.define<{ userId: string }>({
    name: ACCOUNT_DELETE_JOB,
    handler: async ({ userId }) => {
      const outcome = await executeAccountDeletion(database.db, clock, userId, personalData);
      log.info("account deletion job", { userId, outcome });
    },
  });
  jobs.define<{ checkId: string }>({
    name: WORKER_CHECK_JOB,
    batchSize: 20,
    retryDelay: 1,
    expireInSeconds: 10,
    handler: ({ checkId }) => runWorkerCheck(database.db, clock, checkId),
  });
  jobs.define<{ runId: string }>({
    name: CATALOG_IMPORT_JOB,
    retryLimit: 2,
    expireInSeconds: 3600,
    concurrency: 1,
    batchSize: 1,
    handler: ({ runId }) => runQueuedImport(database.db, clock, runId, config.dataDir),
  });
  jobs.define<Record<string, never>>({
    name: "accounts.purge-sessions",
    handler: () => purgeExpiredSessions({ db: database.db, clock }),
  });

  return {
    config,
    database,
    db: database.db,
    jobs,
    mailer,
    clock,
    log,
    secretKey,
    personalData,
    async close() {
      await jobs.stop({ graceful: true, timeout: 10_000 }).catch((e) => log.warn(`stopping jobs: ${String(e)}`));
      mailer.close();
      if (!options.database) await database.close();
    },
  };
}

/**
 * Without SECRET_KEY, the key is generated once and kept in the database, so every process that
 * shares the database shares the key (signed cookies and CSRF tokens stay valid across restarts).
 */
async function storedSecret(database: Database): Promise<string> {
  const candidate = randomToken(48);
  await database.db.insert(settings).values({ key: "secret_key", value: candidate }).onConflictDoNothing();
  const [row] = await database.db.select().from(settings).where(eq(settings.key, "secret_key"));
  return String(row?.value ?? candidate);
}
