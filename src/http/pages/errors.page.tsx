import type { MessageKey } from "../../i18n/index.ts";
import type { AppContext } from "../context.ts";
import { render } from "./layout.tsx";

type ErrorKind = "404" | "403" | "500" | "csrf" | "rateLimited" | "tooLarge";
const STATUS = { "404": 404, "403": 403, "500": 500, csrf: 403, rateLimited: 429, tooLarge: 413 } as const;

export function errorPage(c: AppContext, kind: ErrorKind, vars: Record<string, string | number> = {}) {
  const t = c.var.tr.t;
  return render(
    c,
    t(`error.${kind}.title` as MessageKey),
    <>
      <h1>{t(`error.${kind}.title` as MessageKey)}</h1>
      <p>{t(`error.${kind}.text` as MessageKey, vars)}</p>
      {kind === "500" && <p>{t("error.requestId", { id: c.var.requestId })}</p>}
      <p>
        <a href="/">{t("error.backHome")}</a>
      </p>
    </>,
    STATUS[kind],
  );
}
