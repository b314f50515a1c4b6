// Uploaded covers: an image staff choose for a work, kept in DATA_DIR/uploads/covers. Never fetched from
// elsewhere; without one, the record page shows a generated placeholder.
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { Clock } from "../../clock.ts";
import type { DbOrTx } from "../../db/index.ts";
import { works } from "../../db/schema/index.ts";

export const COVER_MAX_BYTES = 5 * 1024 * 1024;
const EXTENSIONS = ["png", "jpg", "webp", "gif"] as const;

/** The image format by its first bytes, not by its name: a renamed file cannot pass as an image. */
export function coverFormat(bytes: Uint8Array): (typeof EXTENSIONS)[number] | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "png";
  if (starts(0xff, 0xd8, 0xff)) return "jpg";
  if (starts(0x47, 0x49, 0x46, 0x38)) return "gif";
  if (starts(0x52, 0x49, 0x46, 0x46) && String.fromCharCode(...bytes.subarray(8, 12)) === "WEBP") return "webp";
  return null;
}

export type CoverResult = { ok: true; value: string } | { ok: false; error: "not-an-image" | "too-large" | "not-found" };

export async function saveCover(
  db: DbOrTx,
  clock: Clock,
  dataDir: string,
  workId: string,
  bytes: Uint8Array,
): Promise<CoverResult> {
  if (bytes.length > COVER_MAX_BYTES) return { ok: false, error: "too-large" };
  const format = coverFormat(bytes);
  if (!format) return { ok: false, error: "not-an-image" };
  const [work] = await db.select({ id: works.id }).from(works).where(eq(works.id, workId));
  if (!work) return { ok: false, error: "not-found" };
  const dir = path.resolve(dataDir, "uploads", "covers");
  await mkdir(dir, { recursive: true });
  // One file per work: a new upload in another format replaces the old one.
  for (const ext of EXTENSIONS) if (ext !== format) await rm(path.join(dir, `${workId}.${ext}`), { force: true });
  await writeFile(path.join(dir, `${workId}.${format}`), bytes);
  const relative = path.join("uploads", "covers", `${workId}.${format}`);
  await db.update(works).set({ coverPath: relative, updatedAt: clock.now() }).where(eq(works.id, workId));
  return { ok: true, value: relative };
}

export async function removeCover(db: DbOrTx, clock: Clock, dataDir: string, workId: string): Promise<void> {
  const [work] = await db.select({ coverPath: works.coverPath }).from(works).where(eq(works.id, workId));
  if (work?.coverPath) await rm(path.resolve(dataDir, work.coverPath), { force: true });
  await db.update(works).set({ coverPath: null, updatedAt: clock.now() }).where(eq(works.id, workId));
}
