// Tag clouds (a list of links, sized by how often each tag was given, with the count spelled out for screen
// readers), the reader's own tags, and the form to add one.
import { hasRole } from "../../../modules/accounts/index.ts";
import { type Reader, TAG_MAX_LENGTH, type TagCount, type YourTag } from "../../../modules/reading/index.ts";
import type { AppContext } from "../../context.ts";
import { plural } from "../catalog/catalog-labels.ts";
import { Checkbox, CsrfField, type Errors, Field } from "../components/form.tsx";
import { tagPath } from "./reading-request.ts";

const SIZES = 5;

/** 1 (rarest) to 5 (most given), on a logarithmic scale so one popular tag does not shrink all others to 1. */
export function sizeOf(count: number, max: number): number {
  if (max <= 1) return 1;
  return 1 + Math.round(((SIZES - 1) * Math.log(count)) / Math.log(max));
}

export function TagCloud({ c, tags, label }: { c: AppContext; tags: TagCount[]; label: string }) {
  const { tr } = c.var;
  if (tags.length === 0) return null;
  const max = Math.max(...tags.map((tag) => tag.count));
  const collator = new Intl.Collator(tr.locale);
  const sorted = [...tags].sort((a, b) => collator.compare(a.name, b.name));
  return (
    <ul class="tag-cloud" aria-label={label}>
      {sorted.map((tag) => (
        <li>
          <a class={`tag tag-size-${sizeOf(tag.count, max)}`} href={tagPath(tag.normalized)}>
            {tag.name}
            <span class="visually-hidden"> ({plural(tr, "reading.tags.count", tag.count)})</span>
          </a>
        </li>
      ))}
    </ul>
  );
}

export function YourTags({ c, workId, tags, returnTo }: { c: AppContext; workId: string; tags: YourTag[]; returnTo: string }) {
  const t = c.var.tr.t;
  if (tags.length === 0) return null;
  return (
    <>
      <h3 id="your-tags-heading">{t("reading.tags.yours")}</h3>
      <ul class="your-tags" aria-labelledby="your-tags-heading">
        {tags.map((tag) => (
          <li>
            <a href={tagPath(tag.normalized)}>{tag.name}</a>
            {tag.private && <span class="tag-private">{t("reading.tags.private")}</span>}
            <form method="post" action={`/works/${workId}/tags/remove`} class="inline-form">
              <CsrfField c={c} />
              <input type="hidden" name="return" value={returnTo} />
              <input type="hidden" name="tagId" value={tag.id} />
              <button type="submit" class="link-button">
                {t("reading.tags.remove")}
                <span class="visually-hidden"> {tag.name}</span>
              </button>
            </form>
          </li>
        ))}
      </ul>
    </>
  );
}

export function AddTagForm({
  c,
  workId,
  reader,
  values = {},
  errors,
  returnTo,
}: {
  c: AppContext;
  workId: string;
  reader: Reader;
  values?: { tag?: string; private?: boolean };
  errors?: Errors | undefined;
  returnTo: string;
}) {
  const t = c.var.tr.t;
  return (
    <form method="post" action={`/works/${workId}/tags`} class="stack add-tag-form" novalidate>
      <CsrfField c={c} />
      <input type="hidden" name="return" value={returnTo} />
      <Field
        c={c}
        name="tag"
        label={t("reading.tags.add.label")}
        hint={t("reading.tags.add.hint")}
        value={values.tag}
        errors={errors}
        maxlength={TAG_MAX_LENGTH}
        required
      />
      {reader.child ? (
        <p class="notice">{t("reading.tags.add.childPrivate")}</p>
      ) : (
        <Checkbox
          name="private"
          label={t("reading.tags.add.private")}
          hint={t("reading.tags.add.private.hint")}
          checked={values.private ?? false}
        />
      )}
      <p class="actions">
        <button type="submit">{t("reading.tags.add.submit")}</button>
      </p>
    </form>
  );
}

/** Staff only: merge the tag into another, and block or unblock it. */
export function TagStaffTools({
  c,
  reader,
  tag,
  errors,
  values = {},
}: {
  c: AppContext;
  reader: Reader | null;
  tag: { name: string; normalized: string; blocked: boolean };
  errors?: Errors | undefined;
  values?: { into?: string };
}) {
  const t = c.var.tr.t;
  if (!hasRole(reader, "staff")) return null;
  const base = tagPath(tag.normalized);
  return (
    <section aria-labelledby="tag-staff-heading" class="tag-staff">
      <h2 id="tag-staff-heading">{t("reading.tags.staff.title")}</h2>
      <form method="post" action={`${base}/merge`} class="stack" novalidate>
        <CsrfField c={c} />
        <Field
          c={c}
          name="into"
          label={t("reading.tags.staff.mergeInto", { name: tag.name })}
          hint={t("reading.tags.staff.mergeInto.hint")}
          value={values.into}
          errors={errors}
          maxlength={TAG_MAX_LENGTH}
          required
        />
        <p class="actions">
          <button type="submit">{t("reading.tags.staff.merge")}</button>
        </p>
      </form>
      <form method="post" action={`${base}/block`} class="inline-form">
        <CsrfField c={c} />
        <input type="hidden" name="blocked" value={tag.blocked ? "no" : "yes"} />
        <button type="submit" class={tag.blocked ? "secondary" : "danger"}>
          {tag.blocked ? t("reading.tags.staff.unblock") : t("reading.tags.staff.block")}
        </button>
      </form>
    </section>
  );
}
