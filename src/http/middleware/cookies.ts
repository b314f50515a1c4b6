import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppContext } from "../context.ts";

export const SESSION_COOKIE = "circ_session";
export const CSRF_COOKIE = "circ_csrf";
export const LOCALE_COOKIE = "circ_lang";

export function cookieOptions(c: AppContext, maxAgeSeconds?: number) {
  return {
    httpOnly: true,
    sameSite: "Lax" as const,
    secure: new URL(c.req.url).protocol === "https:",
    path: "/",
    ...(maxAgeSeconds ? { maxAge: maxAgeSeconds } : {}),
  };
}

export const readCookie = (c: AppContext, name: string) => getCookie(c, name) ?? null;
export const writeCookie = (c: AppContext, name: string, value: string, maxAgeSeconds?: number) =>
  setCookie(c, name, value, cookieOptions(c, maxAgeSeconds));
export const clearCookie = (c: AppContext, name: string) => deleteCookie(c, name, { path: "/" });
