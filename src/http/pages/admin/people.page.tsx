import { Hono } from "hono";
import { z } from "zod";
import type { Deps } from "../../../compose.ts";
import { ROLES } from "../../../db/schema/index.ts";
import {
  type Branch,
  fieldErrors,
  findUserById,
  listBranches,
  listPeople,
  roleInput,
  type SessionUser,
  setRoleAndBranch,
} from "../../../modules/accounts/index.ts";
import type { AppContext, AppEnv } from "../../context.ts";
import { redirectWith } from "../../middleware/flash.ts";
import { CsrfField, ErrorSummary, type Errors, Field, Select } from "../components/form.tsx";
import { errorPage } from "../errors.page.tsx";
import { adminRender } from "./admin-layout.tsx";
import { actor, formFields, uuidParam } from "./admin-request.ts";

const PAGE_SIZE = 50;

// A mistyped query must not break the page: bad values fall back to the first page of everyone.
const listQuery = z.object({
  q: z.string().trim().max(200).catch(""),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

const personInput = z.object({ role: roleInput, branchId: z.string().default("") });

const pageHref = (q: string, page: number) => {
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return search ? `/admin/people?${search}` : "/admin/people";
};

function PeopleTable({
  c,
  people,
  branchNames,
  from,
  total,
}: {
  c: AppContext;
  people: SessionUser[];
  branchNames: Map<string, string>;
  from: number;
  total: number;
}) {
  const t = c.var.tr.t;
  return (
    <div class="table-scroll">
      <table>
        <caption>{t("admin.people.caption", { from, to: from + people.length - 1, total })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("admin.people.name")}</th>
            <th scope="col">{t("admin.people.email")}</th>
            <th scope="col">{t("admin.people.role")}</th>
            <th scope="col">{t("admin.people.branch")}</th>
            <th scope="col">{t("admin.people.verified")}</th>
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr>
              <td>
                <a href={`/admin/people/${p.id}`}>{p.displayName}</a>
              </td>
              <td>{p.email}</td>
              <td>{t(`admin.role.${p.role}`)}</td>
              <td>{(p.branchId && branchNames.get(p.branchId)) || t("admin.noBranch")}</td>
              <td>{p.emailVerified ? t("admin.yes") : t("admin.no")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Pagination({ c, q, page, total }: { c: AppContext; q: string; page: number; total: number }) {
  const t = c.var.tr.t;
  const hasNext = page * PAGE_SIZE < total;
  if (page === 1 && !hasNext) return null;
  return (
    <nav aria-label={t("admin.people.pages")}>
      <p class="actions">
        {page > 1 && <a href={pageHref(q, page - 1)}>{t("admin.people.previous")}</a>}
        {hasNext && <a href={pageHref(q, page + 1)}>{t("admin.people.next")}</a>}
      </p>
    </nav>
  );
}

function PersonForm({
  c,
  person,
  branches,
  values,
  errors,
}: {
  c: AppContext;
  person: SessionUser;
  branches: Branch[];
  values: Record<string, string>;
  errors?: Errors | undefined;
}) {
  const t = c.var.tr.t;
  const roles = ROLES.map((r) => ({ value: r, label: t(`admin.role.${r}`) }));
  const branchOptions = [{ value: "", label: t("admin.noBranch") }, ...branches.map((b) => ({ value: b.id, label: b.name }))];
  return (
    <>
      <ErrorSummary c={c} errors={errors} />
      <form method="post" action={`/admin/people/${person.id}`} class="stack" novalidate>
        <CsrfField c={c} />
        <Select
          c={c}
          name="role"
          label={t("admin.people.role")}
          hint={t("admin.people.role.hint")}
          options={roles}
          value={values.role}
          errors={errors}
        />
        <Select
          c={c}
          name="branchId"
          label={t("admin.people.branch")}
          hint={t("admin.people.branch.hint")}
          options={branchOptions}
          value={values.branchId}
          errors={errors}
        />
        <p class="actions">
          <button type="submit">{t("admin.people.save")}</button>
          <a href="/admin/people">{t("admin.people.back")}</a>
        </p>
      </form>
    </>
  );
}

export function peoplePages(deps: Deps) {
  const app = new Hono<AppEnv>();
  const findPerson = (c: AppContext) => {
    const id = uuidParam(c);
    return id ? findUserById(deps.db, id) : Promise.resolve(null);
  };

  const personPage = async (
    c: AppContext,
    person: SessionUser,
    values: Record<string, string>,
    errors?: Errors,
    status: 200 | 422 = 200,
  ) => {
    const { tr } = c.var;
    const t = tr.t;
    const title = t("admin.people.editTitle", { name: person.displayName });
    const branches = await listBranches(deps.db);
    return adminRender(
      c,
      title,
      <>
        <h1>{title}</h1>
        <dl class="details">
          <dt>{t("admin.people.email")}</dt>
          <dd>{person.email}</dd>
          <dt>{t("admin.people.verified")}</dt>
          <dd>{person.emailVerified ? t("admin.yes") : t("admin.no")}</dd>
          <dt>{t("admin.people.joined")}</dt>
          <dd>{tr.dateTime(person.createdAt)}</dd>
        </dl>
        <PersonForm c={c} person={person} branches={branches} values={values} errors={errors} />
      </>,
      status,
    );
  };

  app.get("/", async (c) => {
    const t = c.var.tr.t;
    const { q, page } = listQuery.parse(c.req.query());
    const offset = (page - 1) * PAGE_SIZE;
    const { people, total } = await listPeople(deps.db, q, PAGE_SIZE, offset);
    const branchNames = new Map((await listBranches(deps.db)).map((b) => [b.id, b.name]));
    return adminRender(
      c,
      t("admin.people.title"),
      <>
        <h1>{t("admin.people.title")}</h1>
        <search>
          <form method="get" action="/admin/people" class="stack">
            <Field c={c} name="q" type="search" label={t("admin.people.search")} value={q} maxlength={200} />
            <button type="submit">{t("admin.people.searchSubmit")}</button>
          </form>
        </search>
        {people.length === 0 ? (
          <p>{t("admin.people.empty")}</p>
        ) : (
          <PeopleTable c={c} people={people} branchNames={branchNames} from={offset + 1} total={total} />
        )}
        <Pagination c={c} q={q} page={page} total={total} />
      </>,
    );
  });

  app.get("/:id", async (c) => {
    const person = await findPerson(c);
    return person ? personPage(c, person, { role: person.role, branchId: person.branchId ?? "" }) : errorPage(c, "404");
  });

  app.post("/:id", async (c) => {
    const person = await findPerson(c);
    if (!person) return errorPage(c, "404");
    const fields = await formFields(c);
    const parsed = personInput.safeParse(fields);
    if (!parsed.success) return personPage(c, person, fields, fieldErrors(parsed.error), 422);
    const { role, branchId } = parsed.data;
    // Only a branch that exists can be chosen; the database would otherwise refuse with an error page.
    if (branchId && !(await listBranches(deps.db)).some((b) => b.id === branchId)) {
      return personPage(c, person, fields, { branchId: "admin.people.branchInvalid" }, 422);
    }
    const result = await setRoleAndBranch(deps.db, actor(c), person.id, role, branchId || null);
    if (result.ok) return redirectWith(c, "/admin/people", "admin.people.saved");
    switch (result.error) {
      case "last-admin":
        return personPage(c, person, fields, { role: "admin.people.lastAdmin" }, 422);
      case "not-found":
        return errorPage(c, "404");
    }
  });

  return app;
}
