// The dependency rules of DESIGN.md ("Dependency direction"), as a function over a source tree.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

export interface Violation {
  file: string;
  imports: string;
  rule: string;
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;
/** Shared infrastructure that modules may use, and that must not depend on modules or the web layer. */
const INFRASTRUCTURE = ["config", "db", "jobs", "mail", "i18n", "log.ts", "clock.ts"];

export function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

export function importsOf(source: string): string[] {
  return [...source.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? "").filter((s) => s.startsWith("."));
}

/** Checks every file under srcRoot; `read` is injectable so the rules can be tested on made-up trees. */
export function checkBoundaries(
  srcRoot: string,
  files: string[],
  read: (f: string) => string = (f) => readFileSync(f, "utf8"),
): Violation[] {
  const violations: Violation[] = [];
  for (const file of files) {
    const rel = path.relative(srcRoot, file).split(path.sep);
    const [top, moduleName] = rel;
    for (const spec of importsOf(read(file))) {
      const target = path.relative(srcRoot, path.resolve(path.dirname(file), spec)).split(path.sep);
      const [targetTop, targetModule, ...rest] = target;
      const add = (rule: string) => violations.push({ file: rel.join("/"), imports: spec, rule });
      if (targetTop === "..") continue; // outside src (tests, package.json): not a layer
      const inModule = top === "modules";
      if ((inModule || INFRASTRUCTURE.includes(top ?? "")) && (targetTop === "http" || targetTop === "federation")) {
        add(`${top}/ must not import ${targetTop}/`);
      }
      if (INFRASTRUCTURE.includes(top ?? "") && targetTop === "modules")
        add(`${top}/ is infrastructure and must not import modules/`);
      const crossing = targetTop === "modules" && !(inModule && moduleName === targetModule);
      if (crossing && !(rest.length === 1 && rest[0] === "index.ts")) {
        add(`reach modules/${targetModule} through its index.ts, not ${target.slice(2).join("/")}`);
      }
    }
  }
  return violations;
}
