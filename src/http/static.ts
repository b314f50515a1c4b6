import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Context } from "hono";

const PUBLIC_DIR = fileURLToPath(new URL("../../public", import.meta.url));
const TYPES: Record<string, string> = {
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
};

/** Serves public/ under /static, read once per process (the files are small and change only on deploy). */
export function staticFiles() {
  const cache = new Map<string, { body: Buffer; type: string } | null>();
  return async (c: Context) => {
    const rel = c.req.path.replace(/^\/static\//, "");
    if (rel.includes("..") || rel.includes("\0")) return c.notFound();
    if (!cache.has(rel)) {
      try {
        const body = await readFile(path.join(PUBLIC_DIR, rel));
        cache.set(rel, { body, type: TYPES[path.extname(rel)] ?? "application/octet-stream" });
      } catch {
        cache.set(rel, null);
      }
    }
    const file = cache.get(rel);
    if (!file) return c.notFound();
    return c.body(new Uint8Array(file.body), 200, { "content-type": file.type, "cache-control": "public, max-age=3600" });
  };
}
