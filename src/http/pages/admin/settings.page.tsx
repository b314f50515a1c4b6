import { Hono } from "hono";
import type { Deps } from "../../../compose.ts";
import { LOCALES } from "../../../i18n/index.ts";
import {
  fieldErrors,
  type LibrarySettings,
  librarySettingsSchema,
  saveLibrarySettings,
} from "../../../modules/accounts/index.ts";
import type { AppContext, AppEnv } from "../../context.ts";
import { redirectWith } from "../../middleware/flash.ts";
import type { SettingsCache } from "../../middleware/session.ts";
import { CsrfField, ErrorSummary, type Errors, Field, Select } from "../components/form.tsx";
import { adminRender } from "./admin-layout.tsx";
import { actor, formFields } from "./admin-request.ts";

type SettingsValues = Partial<Record<keyof LibrarySettings, string>>;

function settingsPage(c: AppContext, values: SettingsValues, errors?: Errors, status: 200 | 422 = 200) {
  const t = c.var.tr.t;
  // Language names are shown in their own language, as in the site's language switcher.
  const locales = LOCALES.map((l) => ({ value: l, label: t(`lang.${l}`), lang: l }));
  return adminRender(
    c,
    t("admin.settings.title"),
    <>
      <h1>{t("admin.settings.title")}</h1>
      <ErrorSummary c={c} errors={errors} />
      <form method="post" action="/admin/settings" class="stack" novalidate>
        <CsrfField c={c} />
        <Field
          c={c}
          name="libraryName"
          label={t("admin.settings.libraryName")}
          hint={t("admin.settings.libraryName.hint")}
          value={values.libraryName}
          errors={errors}
          required
          maxlength={120}
        />
        <Field
          c={c}
          name="timeZone"
          label={t("admin.settings.timeZone")}
          hint={t("admin.settings.timeZone.hint")}
          value={values.timeZone}
          errors={errors}
          required
        />
        <Select
          c={c}
          name="defaultLocale"
          label={t("admin.settings.defaultLocale")}
          hint={t("admin.settings.defaultLocale.hint")}
          options={locales}
          value={values.defaultLocale}
          errors={errors}
        />
        <Field
          c={c}
          name="contactEmail"
          type="email"
          label={t("admin.settings.contactEmail")}
          hint={t("admin.settings.contactEmail.hint")}
          value={values.contactEmail}
          errors={errors}
          autocomplete="email"
        />
        <Field
          c={c}
          name="catalogLinkTemplate"
          type="url"
          label={t("catalog.settings.linkTemplate")}
          hint={t("catalog.settings.linkTemplate.hint")}
          value={values.catalogLinkTemplate}
          errors={errors}
          maxlength={500}
        />
        <button type="submit">{t("admin.settings.save")}</button>
      </form>
    </>,
    status,
  );
}

export function settingsPages(deps: Deps, cache: SettingsCache) {
  const app = new Hono<AppEnv>();

  app.get("/", (c) => settingsPage(c, c.var.library));

  app.post("/", async (c) => {
    const fields = await formFields(c);
    const parsed = librarySettingsSchema.safeParse(fields);
    if (!parsed.success) return settingsPage(c, fields, fieldErrors(parsed.error), 422);
    await saveLibrarySettings(deps.db, actor(c).id, parsed.data);
    // Every page reads the settings through this cache; without clearing it the old name lingers.
    cache.clear();
    return redirectWith(c, "/admin/settings", "admin.settings.saved");
  });

  return app;
}
