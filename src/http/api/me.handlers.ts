import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Deps } from "../../compose.ts";
import {
  collectPersonalData,
  type ProfileInput,
  personalDataArchive,
  type SessionUser,
  updateProfile,
} from "../../modules/accounts/index.ts";
import type { AppEnv } from "../context.ts";
import { exportMeRoute, getMeRoute, patchMeRoute } from "./me.routes.ts";
import { currentUser } from "./scope-guard.ts";

export function profileJson(user: SessionUser) {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    pronouns: user.pronouns,
    locale: user.locale,
    role: user.role,
    branchId: user.branchId,
    emailVerified: user.emailVerified,
    profileVisibility: user.profileVisibility,
    showReadingActivity: user.showReadingActivity,
    newsletterOptIn: user.newsletterOptIn,
    createdAt: user.createdAt.toISOString(),
  };
}

const editable = (user: SessionUser): ProfileInput => ({
  displayName: user.displayName,
  pronouns: user.pronouns,
  locale: user.locale,
  profileVisibility: user.profileVisibility,
  showReadingActivity: user.showReadingActivity,
  newsletterOptIn: user.newsletterOptIn,
});

export function meHandlers(api: OpenAPIHono<AppEnv>, deps: Deps) {
  api.openapi(getMeRoute, (c) => c.json(profileJson(currentUser(c)), 200));

  api.openapi(patchMeRoute, async (c) => {
    const user = currentUser(c);
    const saved = await updateProfile(deps, user.id, { ...editable(user), ...c.req.valid("json") });
    return c.json(profileJson(saved), 200);
  });

  api.openapi(exportMeRoute, async (c) => {
    const user = currentUser(c);
    const data = await collectPersonalData(deps.db, user.id, deps.personalData);
    const exportedAt = deps.clock.now();
    if (c.req.valid("query").format === "json") return c.json({ exportedAt: exportedAt.toISOString(), ...data }, 200);
    const day = exportedAt.toISOString().slice(0, 10);
    // Copied because Hono's body type wants an ArrayBuffer-backed array, which fflate's type does not promise.
    return c.body(new Uint8Array(personalDataArchive(data, exportedAt)), 200, {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="circulate-data-${day}.zip"`,
    });
  });
}
