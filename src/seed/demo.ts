// The demo library that a first `npm start` shows: Riverside Public Library, two branches, staff and patrons.
import { createReadStream, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { count } from "drizzle-orm";
import type { Deps } from "../compose.ts";
import { users } from "../db/schema/index.ts";
import { createVerifiedUser, saveBranch, saveLibrarySettings } from "../modules/accounts/index.ts";
import { detectFormat, importCatalog, importItems } from "../modules/catalog/index.ts";

/** Real Library of Congress records shipped with the project (samples/marc/README.md says where from). */
const SAMPLE_FILES = ["marc.dat", "one.dat", "batch.xml", "utf8.xml"];
const samplePath = (name: string) => fileURLToPath(new URL(`../../samples/marc/${name}`, import.meta.url));

export const DEMO_ACCOUNTS = [
  { email: "admin@riverside.example", password: "riverside-admin-demo", displayName: "Rosa Alvarez", role: "admin" as const },
  { email: "staff@riverside.example", password: "riverside-staff-demo", displayName: "Sam Okafor", role: "staff" as const },
  {
    email: "moderator@riverside.example",
    password: "riverside-moderator-demo",
    displayName: "Mei Lin",
    role: "moderator" as const,
  },
  { email: "patron@riverside.example", password: "riverside-patron-demo", displayName: "Pat Jordan", role: "patron" as const },
  {
    email: "lector@riverside.example",
    password: "riverside-lector-demo",
    displayName: "Lucía Romero",
    role: "patron" as const,
    locale: "es" as const,
  },
];

export async function isEmpty(deps: Pick<Deps, "db">): Promise<boolean> {
  const [row] = await deps.db.select({ n: count() }).from(users);
  return Number(row?.n ?? 0) === 0;
}

export async function seedDemo(deps: Pick<Deps, "db" | "clock">) {
  await saveLibrarySettings(deps.db, null, {
    libraryName: "Riverside Public Library",
    timeZone: "America/Chicago",
    defaultLocale: "en",
    contactEmail: "ask@riverside.example",
  });
  const main = await saveBranch(deps.db, null, {
    name: "Main Library",
    slug: "main",
    address: "100 River Street, Riverside",
    openingHours: "Monday–Saturday 9:00–20:00, Sunday 12:00–17:00",
  });
  await saveBranch(deps.db, null, {
    name: "Eastside Branch",
    slug: "eastside",
    address: "42 Orchard Avenue, Riverside",
    openingHours: "Tuesday–Saturday 10:00–18:00",
  });
  const branchId = main.ok ? main.value.id : null;
  for (const a of DEMO_ACCOUNTS) {
    await createVerifiedUser(deps, { ...a, branchId: a.role === "patron" ? null : branchId });
  }
  await seedCatalogue(deps);
}

export async function seedCatalogue(deps: Pick<Deps, "db">) {
  for (const name of SAMPLE_FILES) {
    const format = detectFormat(readFileSync(samplePath(name)).subarray(0, 64), name);
    await importCatalog(deps.db, importItems(format, createReadStream(samplePath(name))));
  }
}

export function demoCredentialsText(baseUrl: string): string {
  const lines = DEMO_ACCOUNTS.map((a) => `  ${a.role.padEnd(9)} ${a.email.padEnd(30)} ${a.password}`);
  return `\nRiverside Public Library (demo) is ready at ${baseUrl}\nSign in with:\n${lines.join("\n")}\n`;
}
