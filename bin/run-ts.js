#!/usr/bin/env node
// Runs a TypeScript file (benchmarks, scripts) with the same loader as the CLI.
const { register } = await import("tsx/esm/api");
register();
const { pathToFileURL } = await import("node:url");
const file = process.argv[2];
if (!file) {
  console.error("usage: run-ts FILE [args...]");
  process.exit(2);
}
process.argv.splice(1, 1);
await import(pathToFileURL(file).href);
