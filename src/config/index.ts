// The one reader of process.env: parse it once with zod and stop with a message that names the variable.
import { z } from "zod";

const url = (name: string) =>
  z
    .string()
    .trim()
    .refine((v) => URL.canParse(v), { message: `${name} must be an absolute URL, for example https://library.example.org` });

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce
      .number({ message: "PORT must be a whole number between 1 and 65535" })
      .int("PORT must be a whole number between 1 and 65535")
      .min(1, "PORT must be a whole number between 1 and 65535")
      .max(65535, "PORT must be a whole number between 1 and 65535")
      .default(3000),
    HOST: z.string().trim().min(1).default("0.0.0.0"),
    DATA_DIR: z.string().trim().min(1, "DATA_DIR must be a folder path").default("./data"),
    DATABASE_URL: z
      .string()
      .trim()
      .refine((v) => /^postgres(ql)?:\/\//.test(v) && URL.canParse(v), {
        message: "DATABASE_URL must look like postgres://user:password@host:5432/database",
      })
      .optional(),
    BASE_URL: url("BASE_URL").optional(),
    SMTP_URL: z
      .string()
      .trim()
      .refine((v) => /^smtps?:\/\//.test(v) && URL.canParse(v), {
        message: "SMTP_URL must look like smtp://user:password@host:587 or smtps://host:465",
      })
      .optional(),
    MAIL_FROM: z.string().trim().min(3).default("Riverside Public Library <library@localhost>"),
    SECRET_KEY: z
      .string()
      .min(32, "SECRET_KEY must be at least 32 characters (generate one with: openssl rand -hex 32)")
      .optional(),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
    SEED_DEMO: z.enum(["auto", "always", "never"], { message: "SEED_DEMO must be auto, always or never" }).default("auto"),
    TRUST_PROXY: z
      .enum(["true", "false"], { message: "TRUST_PROXY must be true or false" })
      .default("false")
      .transform((v) => v === "true"),
  })
  .passthrough();

export type Config = {
  env: "development" | "production" | "test";
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  baseUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Undefined means "generate and keep one in DATA_DIR" (embedded mode only). */
  secretKey: string | undefined;
  logLevel: "debug" | "info" | "warn" | "error" | "silent";
  seedDemo: "auto" | "always" | "never";
  trustProxy: boolean;
};

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      `Circulate cannot start because of its configuration:\n${problems
        .map((p) => `  - ${p.variable}: ${p.message}`)
        .join("\n")}\nSee the configuration table in README.md.`,
    );
    this.name = "ConfigError";
  }
}

/** Parses an environment (process.env by default). Throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "not set": shells and .env files often leave them behind.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => ({ variable: String(i.path[0] ?? "environment"), message: i.message })));
  }
  const e = parsed.data;
  if (e.DATABASE_URL && !e.SECRET_KEY && e.NODE_ENV === "production") {
    throw new ConfigError([
      { variable: "SECRET_KEY", message: "is required in production with DATABASE_URL, so every process shares it" },
    ]);
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    baseUrl: (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ""),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    secretKey: e.SECRET_KEY,
    logLevel: e.LOG_LEVEL,
    seedDemo: e.SEED_DEMO,
    trustProxy: e.TRUST_PROXY,
  };
}
