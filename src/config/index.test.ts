import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./index.ts";

describe("loadConfig", () => {
  it("uses documented defaults", () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.dataDir).toBe("./data");
    expect(c.baseUrl).toBe("http://localhost:3000");
    expect(c.databaseUrl).toBeUndefined();
  });

  it("names each bad variable and the expected form", () => {
    try {
      loadConfig({ PORT: "eighty", DATABASE_URL: "mysql://x", SMTP_URL: "nope" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const msg = (e as Error).message;
      expect(msg).toContain("PORT: PORT must be a whole number");
      expect(msg).toContain("DATABASE_URL: DATABASE_URL must look like postgres://");
      expect(msg).toContain("SMTP_URL");
    }
  });

  it("rejects a short SECRET_KEY and treats empty values as unset", () => {
    expect(() => loadConfig({ SECRET_KEY: "short" })).toThrow(/SECRET_KEY must be at least 32/);
    expect(loadConfig({ PORT: "" }).port).toBe(3000);
  });

  it("strips a trailing slash from BASE_URL", () => {
    expect(loadConfig({ BASE_URL: "https://lib.example.org/" }).baseUrl).toBe("https://lib.example.org");
  });
});
