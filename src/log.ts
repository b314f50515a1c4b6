/** One line per event; JSON in production so log shippers can read it, readable text otherwise. */
export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";
export interface Log {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}
const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3, silent: 4 };

export function createLog(
  level: LogLevel,
  json = false,
  write: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Log {
  const emit = (lvl: Exclude<LogLevel, "silent">) => (msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[lvl] < ORDER[level]) return;
    if (json) write(JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...fields }));
    else write(`${lvl.padEnd(5)} ${msg}${fields ? ` ${JSON.stringify(fields)}` : ""}`);
  };
  return { debug: emit("debug"), info: emit("info"), warn: emit("warn"), error: emit("error") };
}
