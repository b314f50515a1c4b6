import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkBoundaries, sourceFiles } from "./boundaries.ts";

const SRC = fileURLToPath(new URL("../src", import.meta.url));

describe("dependency direction", () => {
  it("holds for every file under src/", () => {
    const files = sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(20);
    expect(checkBoundaries(SRC, files)).toEqual([]);
  });

  it("catches each kind of violation", () => {
    const root = "/virtual/src";
    const tree: Record<string, string> = {
      [`${root}/modules/reading/reviews.service.ts`]: [
        'import { render } from "../../http/pages/layout.tsx";',
        'import { x } from "../accounts/accounts.service.ts";',
        'import { y } from "../accounts/index.ts";',
        'import { z } from "./reviews.schemas.ts";',
        'const f = await import("../../federation/index.ts");',
      ].join("\n"),
      [`${root}/db/client.ts`]: 'import { a } from "../modules/accounts/index.ts";',
      [`${root}/http/app.ts`]:
        'import { b } from "../modules/accounts/crypto.ts";\nimport { c } from "../modules/accounts/index.ts";',
    };
    const violations = checkBoundaries(root, Object.keys(tree), (f) => tree[f] ?? "");
    expect(violations.map((v) => `${v.file} -> ${v.imports}`).sort()).toEqual(
      [
        "db/client.ts -> ../modules/accounts/index.ts",
        "http/app.ts -> ../modules/accounts/crypto.ts",
        "modules/reading/reviews.service.ts -> ../../federation/index.ts",
        "modules/reading/reviews.service.ts -> ../../http/pages/layout.tsx",
        "modules/reading/reviews.service.ts -> ../accounts/accounts.service.ts",
      ].sort(),
    );
    expect(path.isAbsolute(SRC)).toBe(true);
  });
});
