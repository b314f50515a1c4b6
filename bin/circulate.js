#!/usr/bin/env node
// Entry point for `npx circulate` and `npm start`: checks the Node.js version, then runs the TypeScript CLI.
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `Circulate needs Node.js 22.12 or newer; this is ${process.version}.\n` +
      "Run it through npm (npm start, npx circulate), which uses the Node.js 24 that npm install added, or install Node.js 24 LTS.",
  );
  process.exit(1);
}
const { register } = await import("tsx/esm/api");
register();
await import("./circulate.ts");
