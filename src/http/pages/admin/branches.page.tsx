import { Hono } from "hono";
import type { Deps } from "../../../compose.ts";
import {
  type Branch,
  branchInput,
  deleteBranch,
  fieldErrors,
  getBranch,
  listBranches,
  saveBranch,
} from "../../../modules/accounts/index.ts";
import type { AppContext, AppEnv } from "../../context.ts";
import { redirectWith } from "../../middleware/flash.ts";
import { CsrfField, ErrorSummary, type Errors, Field } from "../components/form.tsx";
import { errorPage } from "../errors.page.tsx";
import { adminRender } from "./admin-layout.tsx";
import { actor, formFields, uuidParam } from "./admin-request.ts";

type BranchValues = Partial<Record<"name" | "slug" | "address" | "openingHours", string>>;
type FormStatus = 200 | 422;

function BranchForm({
  c,
  action,
  values,
  errors,
  submit,
}: {
  c: AppContext;
  action: string;
  values: BranchValues;
  errors?: Errors | undefined;
  submit: string;
}) {
  const t = c.var.tr.t;
  return (
    <>
      <ErrorSummary c={c} errors={errors} />
      <form method="post" action={action} class="stack" novalidate>
        <CsrfField c={c} />
        <Field c={c} name="name" label={t("admin.branches.name")} value={values.name} errors={errors} required maxlength={120} />
        <Field
          c={c}
          name="slug"
          label={t("admin.branches.slug")}
          hint={t("admin.branches.slug.hint")}
          value={values.slug}
          errors={errors}
          required
          maxlength={60}
        />
        <Field
          c={c}
          name="address"
          label={t("admin.branches.address")}
          value={values.address}
          errors={errors}
          multiline
          maxlength={300}
        />
        <Field
          c={c}
          name="openingHours"
          label={t("admin.branches.hours")}
          hint={t("admin.branches.hours.hint")}
          value={values.openingHours}
          errors={errors}
          multiline
          maxlength={500}
        />
        <p class="actions">
          <button type="submit">{submit}</button>
          <a href="/admin/branches">{t("admin.branches.back")}</a>
        </p>
      </form>
    </>
  );
}

function BranchTable({ c, branches }: { c: AppContext; branches: Branch[] }) {
  const t = c.var.tr.t;
  return (
    <div class="table-scroll">
      <table>
        <caption>{t("admin.branches.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("admin.branches.name")}</th>
            <th scope="col">{t("admin.branches.slug")}</th>
            <th scope="col">{t("admin.branches.address")}</th>
            <th scope="col">{t("admin.branches.hours")}</th>
            <th scope="col">{t("admin.branches.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {branches.map((b) => (
            <tr>
              <td>{b.name}</td>
              <td>
                <code>{b.slug}</code>
              </td>
              <td>{b.address}</td>
              <td>{b.openingHours}</td>
              <td>
                <span class="actions">
                  {/* The hidden name tells screen-reader users which row's link this is. */}
                  <a href={`/admin/branches/${b.id}/edit`}>
                    {t("admin.branches.edit")}
                    <span class="visually-hidden"> {b.name}</span>
                  </a>
                  <a href={`/admin/branches/${b.id}/delete`}>
                    {t("admin.branches.delete")}
                    <span class="visually-hidden"> {b.name}</span>
                  </a>
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const valuesOf = (b: Branch): BranchValues => ({ name: b.name, slug: b.slug, address: b.address, openingHours: b.openingHours });

export function branchPages(deps: Deps) {
  const app = new Hono<AppEnv>();
  const findBranch = (c: AppContext) => {
    const id = uuidParam(c);
    return id ? getBranch(deps.db, id) : Promise.resolve(null);
  };

  const newPage = (c: AppContext, values: BranchValues = {}, errors?: Errors, status: FormStatus = 200) => {
    const t = c.var.tr.t;
    return adminRender(
      c,
      t("admin.branches.add"),
      <>
        <h1>{t("admin.branches.add")}</h1>
        <BranchForm c={c} action="/admin/branches/new" values={values} errors={errors} submit={t("admin.branches.create")} />
      </>,
      status,
    );
  };

  // The heading names the branch as stored, not as retyped in a form that failed.
  const editPage = (c: AppContext, branch: Branch, values: BranchValues, errors?: Errors, status: FormStatus = 200) => {
    const t = c.var.tr.t;
    const title = t("admin.branches.editTitle", { name: branch.name });
    return adminRender(
      c,
      title,
      <>
        <h1>{title}</h1>
        <BranchForm
          c={c}
          action={`/admin/branches/${branch.id}/edit`}
          values={values}
          errors={errors}
          submit={t("admin.branches.save")}
        />
      </>,
      status,
    );
  };

  app.get("/", async (c) => {
    const t = c.var.tr.t;
    const branches = await listBranches(deps.db);
    return adminRender(
      c,
      t("admin.branches.title"),
      <>
        <h1>{t("admin.branches.title")}</h1>
        <p>
          <a class="button" href="/admin/branches/new">
            {t("admin.branches.add")}
          </a>
        </p>
        {branches.length === 0 ? <p>{t("admin.branches.empty")}</p> : <BranchTable c={c} branches={branches} />}
      </>,
    );
  });

  app.get("/new", (c) => newPage(c));
  app.post("/new", async (c) => {
    const fields = await formFields(c);
    const parsed = branchInput.safeParse(fields);
    if (!parsed.success) return newPage(c, fields, fieldErrors(parsed.error), 422);
    const saved = await saveBranch(deps.db, actor(c).id, parsed.data);
    if (saved.ok) return redirectWith(c, "/admin/branches", "admin.branches.created");
    switch (saved.error) {
      case "slug-taken":
        return newPage(c, fields, { slug: "validation.slug.taken" }, 422);
      case "not-found":
        throw new Error("creating a branch cannot miss a row");
    }
  });

  app.get("/:id/edit", async (c) => {
    const branch = await findBranch(c);
    return branch ? editPage(c, branch, valuesOf(branch)) : errorPage(c, "404");
  });
  app.post("/:id/edit", async (c) => {
    const branch = await findBranch(c);
    if (!branch) return errorPage(c, "404");
    const fields = await formFields(c);
    const parsed = branchInput.safeParse(fields);
    if (!parsed.success) return editPage(c, branch, fields, fieldErrors(parsed.error), 422);
    const saved = await saveBranch(deps.db, actor(c).id, parsed.data, branch.id);
    if (saved.ok) return redirectWith(c, "/admin/branches", "admin.branches.saved");
    switch (saved.error) {
      case "slug-taken":
        return editPage(c, branch, fields, { slug: "validation.slug.taken" }, 422);
      case "not-found":
        return errorPage(c, "404");
    }
  });

  // Deleting asks first on its own page, so it works without a script-driven confirm().
  app.get("/:id/delete", async (c) => {
    const branch = await findBranch(c);
    if (!branch) return errorPage(c, "404");
    const t = c.var.tr.t;
    const title = t("admin.branches.deleteTitle", { name: branch.name });
    return adminRender(
      c,
      title,
      <>
        <h1>{title}</h1>
        <p>{t("admin.branches.deleteText")}</p>
        <form method="post" action={`/admin/branches/${branch.id}/delete`} class="actions">
          <CsrfField c={c} />
          <button type="submit" class="danger">
            {t("admin.branches.deleteConfirm")}
          </button>
          <a href="/admin/branches">{t("admin.branches.keep")}</a>
        </form>
      </>,
    );
  });
  app.post("/:id/delete", async (c) => {
    const id = uuidParam(c);
    const deleted = id ? await deleteBranch(deps.db, actor(c).id, id) : false;
    return deleted ? redirectWith(c, "/admin/branches", "admin.branches.deleted") : errorPage(c, "404");
  });

  return app;
}
