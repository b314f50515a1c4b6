import type { Context } from "hono";
import type { Deps } from "../compose.ts";
import type { ApiScope } from "../db/schema/index.ts";
import type { MessageKey, Translator } from "../i18n/index.ts";
import type { LibrarySettings, SessionUser } from "../modules/accounts/index.ts";

export interface AppEnv {
  Variables: {
    requestId: string;
    user: SessionUser | null;
    /** Present when the request authenticated with a personal access token. */
    apiScopes: ApiScope[] | null;
    sessionToken: string | null;
    tr: Translator;
    csrfToken: string;
    library: LibrarySettings;
    /** A one-time message from the previous request (Post/Redirect/Get). */
    flash: { key: MessageKey; kind: "info" | "success" | "warning" } | null;
  };
}
export type AppContext = Context<AppEnv>;
export type { Deps };
