// The whole schema, one file per module; drizzle-kit reads this file to generate migrations.
export * from "./accounts.ts";
export * from "./catalog.ts";
export * from "./moderation.ts";
export * from "./reading.ts";
export * from "./system.ts";
