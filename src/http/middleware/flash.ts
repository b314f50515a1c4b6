import type { MiddlewareHandler } from "hono";
import { allMessages, type MessageKey } from "../../i18n/index.ts";
import type { AppContext, AppEnv } from "../context.ts";
import { clearCookie, readCookie, writeCookie } from "./cookies.ts";

const FLASH_COOKIE = "circ_flash";
const KINDS = ["info", "success", "warning"] as const;

export function setFlash(c: AppContext, key: MessageKey, kind: (typeof KINDS)[number] = "success") {
  writeCookie(c, FLASH_COOKIE, `${kind}:${key}`, 120);
}

/** Redirect after a successful form (Post/Redirect/Get), with a message for the next page. */
export function redirectWith(c: AppContext, location: string, key: MessageKey, kind: (typeof KINDS)[number] = "success") {
  setFlash(c, key, kind);
  return c.redirect(location, 303);
}

export const flash: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set("flash", null);
  const raw = readCookie(c, FLASH_COOKIE);
  if (raw) {
    const [kind, key] = raw.split(/:(.*)/s) as [string, string];
    // Only catalogue keys are shown, so the cookie can never inject text.
    if ((KINDS as readonly string[]).includes(kind) && key in allMessages("en")) {
      c.set("flash", { key: key as MessageKey, kind: kind as (typeof KINDS)[number] });
    }
    clearCookie(c, FLASH_COOKIE);
  }
  await next();
};
