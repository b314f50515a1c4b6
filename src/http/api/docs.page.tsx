// The API reference at /api/docs: rendered on the server from the OpenAPI document, so it needs no
// script, style or font from anywhere (the CSP allows none), and it cannot disagree with the API.
import type { Child } from "hono/jsx";
import { API_SCOPES } from "../../db/schema/index.ts";
import type { Translator } from "../../i18n/index.ts";
import type { AppContext } from "../context.ts";
import { render } from "../pages/layout.tsx";
import { API_PREFIX, type OpenApiDocument, TAGS } from "./openapi.ts";
import {
  type Field,
  fieldsOf,
  isReference,
  type Operation,
  type OperationEntry,
  operationsOf,
  type Parameter,
  referenceName,
  responsesOf,
  type Schema,
  type SchemaOrRef,
  schemaAnchor,
} from "./openapi-reading.ts";
import { scopeOf } from "./scope-guard.ts";

interface PageProps {
  t: Translator["t"];
  document: OpenApiDocument;
}

export function apiReferencePage(c: AppContext, document: OpenApiDocument) {
  const { t } = c.var.tr;
  const operations = operationsOf(document);
  return render(
    c,
    t("api.docs.title"),
    <>
      <h1>{t("api.docs.title")}</h1>
      <p class="lead">{t("api.docs.intro", { version: document.info.version })}</p>
      <dl class="details">
        <dt>{t("api.docs.baseUrl")}</dt>
        <dd>
          <code>{document.servers?.[0]?.url ?? API_PREFIX}</code>
        </dd>
        <dt>{t("api.docs.document")}</dt>
        <dd>
          <a href="/api/openapi.json" type="application/json">
            {t("api.docs.document.link")}
          </a>
        </dd>
      </dl>
      <Authentication t={t} />
      <section aria-labelledby="api-errors">
        <h2 id="api-errors">{t("api.docs.errors.title")}</h2>
        <p>{t("api.docs.errors.text")}</p>
      </section>
      <nav aria-labelledby="api-contents">
        <h2 id="api-contents">{t("api.docs.contents")}</h2>
        <ul>
          {operations.map((entry) => (
            <li>
              <a href={`#${entry.anchor}`}>
                <code>{`${entry.method.toUpperCase()} ${API_PREFIX}${entry.path}`}</code>
              </a>{" "}
              {entry.operation.summary}
            </li>
          ))}
        </ul>
      </nav>
      {TAGS.map((tag) => (
        <section aria-labelledby={`tag-${tag.name}`}>
          <h2 id={`tag-${tag.name}`}>{t(tag.label)}</h2>
          {operations
            .filter((entry) => entry.operation.tags?.includes(tag.name))
            .map((entry) => (
              <OperationSection t={t} document={document} entry={entry} />
            ))}
        </section>
      ))}
      <Schemas t={t} document={document} />
    </>,
  );
}

function Authentication({ t }: { t: Translator["t"] }) {
  return (
    <section aria-labelledby="api-auth">
      <h2 id="api-auth">{t("api.docs.auth.title")}</h2>
      <p>{t("api.docs.auth.token")}</p>
      <pre>
        <code>Authorization: Bearer circ_…</code>
      </pre>
      <p>{t("api.docs.auth.session")}</p>
      <div class="table-scroll">
        <table>
          <caption>{t("api.docs.scopes.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("api.docs.col.scope")}</th>
              <th scope="col">{t("api.docs.col.allows")}</th>
            </tr>
          </thead>
          <tbody>
            {API_SCOPES.map((scope) => (
              <tr>
                <th scope="row">
                  <code>{scope}</code>
                </th>
                <td>{t(`api.docs.scope.${scope}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function OperationSection({ t, document, entry }: PageProps & { entry: OperationEntry }) {
  const { operation } = entry;
  const label = `${entry.method.toUpperCase()} ${API_PREFIX}${entry.path}`;
  const scope = scopeOf(operation.security);
  const parameters = (operation.parameters ?? []).filter((p): p is Parameter => !isReference(p));
  const body = operation.requestBody && !isReference(operation.requestBody) ? operation.requestBody : undefined;
  const bodySchema = body?.content["application/json"]?.schema;
  return (
    <section aria-labelledby={entry.anchor}>
      <h3 id={entry.anchor}>
        <code>{label}</code>
      </h3>
      <p>{operation.summary}</p>
      <dl class="details">
        <dt>{t("api.docs.scopeNeeded")}</dt>
        <dd>{scope ? <code>{scope}</code> : t("api.docs.scopeNeeded.none")}</dd>
      </dl>
      {parameters.length > 0 && <ParametersTable t={t} parameters={parameters} label={label} />}
      {bodySchema && (
        <FieldsTable t={t} fields={fieldsOf(document, bodySchema)} caption={t("api.docs.body.caption", { operation: label })} />
      )}
      <ResponsesTable t={t} operation={operation} label={label} />
    </section>
  );
}

function ParametersTable({ t, parameters, label }: { t: Translator["t"]; parameters: Parameter[]; label: string }) {
  return (
    <div class="table-scroll">
      <table>
        <caption>{t("api.docs.parameters.caption", { operation: label })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("api.docs.col.name")}</th>
            <th scope="col">{t("api.docs.col.in")}</th>
            <th scope="col">{t("api.docs.col.type")}</th>
            <th scope="col">{t("api.docs.col.required")}</th>
            <th scope="col">{t("api.docs.col.description")}</th>
          </tr>
        </thead>
        <tbody>
          {parameters.map((p) => (
            <tr>
              <th scope="row">
                <code>{p.name}</code>
              </th>
              <td>{t(`api.docs.in.${p.in}`)}</td>
              <td>{p.schema && <TypeLabel t={t} schema={p.schema} />}</td>
              <td>{t(p.required ? "api.docs.yes" : "api.docs.no")}</td>
              <td>
                <Description t={t} schema={p.schema} text={p.description} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function FieldsTable({ t, fields, caption }: { t: Translator["t"]; fields: Field[]; caption: string }) {
  return (
    <div class="table-scroll">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("api.docs.col.field")}</th>
            <th scope="col">{t("api.docs.col.type")}</th>
            <th scope="col">{t("api.docs.col.required")}</th>
            <th scope="col">{t("api.docs.col.description")}</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => (
            <tr>
              <th scope="row">
                <code>{f.name}</code>
              </th>
              <td>
                <TypeLabel t={t} schema={f.schema} />
              </td>
              <td>{t(f.required ? "api.docs.yes" : "api.docs.no")}</td>
              <td>
                <Description t={t} schema={f.schema} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ResponsesTable({ t, operation, label }: { t: Translator["t"]; operation: Operation; label: string }) {
  return (
    <div class="table-scroll">
      <table>
        <caption>{t("api.docs.responses.caption", { operation: label })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("api.docs.col.status")}</th>
            <th scope="col">{t("api.docs.col.description")}</th>
            <th scope="col">{t("api.docs.col.body")}</th>
          </tr>
        </thead>
        <tbody>
          {responsesOf(operation).map(([status, response]) => {
            const content = response?.content;
            return (
              <tr>
                <th scope="row">{status}</th>
                <td>{response?.description}</td>
                <td>
                  {content
                    ? Object.entries(content).map(([type, media]) => (
                        <p>
                          <code>{type}</code> {media.schema && <TypeLabel t={t} schema={media.schema} />}
                        </p>
                      ))
                    : t("api.docs.body.none")}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Schemas({ t, document }: PageProps) {
  return (
    <section aria-labelledby="api-schemas">
      <h2 id="api-schemas">{t("api.docs.schemas")}</h2>
      {Object.entries(document.components?.schemas ?? {}).map(([name, schema]) => {
        const extra = isReference(schema) ? undefined : schema.additionalProperties;
        return (
          <section aria-labelledby={schemaAnchor(name)}>
            <h3 id={schemaAnchor(name)}>{name}</h3>
            {!isReference(schema) && schema.description && <p>{schema.description}</p>}
            <FieldsTable t={t} fields={fieldsOf(document, schema)} caption={t("api.docs.fields.caption", { schema: name })} />
            {typeof extra === "object" && (
              <p>
                {t("api.docs.otherFields")} <TypeLabel t={t} schema={extra} />
              </p>
            )}
          </section>
        );
      })}
    </section>
  );
}

/** A schema's type in a few words: a link for a named schema, the values of an enum, "array of ...". */
function TypeLabel({ t, schema }: { t: Translator["t"]; schema: SchemaOrRef }): Child {
  if (isReference(schema)) return <a href={`#${schemaAnchor(referenceName(schema))}`}>{referenceName(schema)}</a>;
  const variants = schema.allOf ?? schema.anyOf ?? schema.oneOf;
  if (variants) return joined(variants.map((v) => <TypeLabel t={t} schema={v} />));
  if (schema.enum) return <code>{schema.enum.map(String).join(" | ")}</code>;
  const types = [schema.type ?? "object"].flat();
  return joined(
    types.map((type) =>
      type === "array" && schema.items ? (
        <>
          {t("api.docs.type.arrayOf")} <TypeLabel t={t} schema={schema.items} />
        </>
      ) : (
        <code>{schema.format && type !== "null" ? `${type} (${schema.format})` : type}</code>
      ),
    ),
  );
}

const joined = (parts: Child[]) => parts.flatMap((part, i) => (i === 0 ? [part] : [" | ", part]));

/** The schema's own description, then its limits and default, each from the catalogue. */
function Description({ t, schema, text }: { t: Translator["t"]; schema: SchemaOrRef | undefined; text?: string | undefined }) {
  const own = schema && !isReference(schema) ? schema : undefined;
  return <>{[text ?? own?.description, ...(own ? limits(t, own) : [])].filter(Boolean).join(" ")}</>;
}

function limits(t: Translator["t"], schema: Schema): string[] {
  const notes: string[] = [];
  const { minLength, maxLength, minItems } = schema;
  if (maxLength !== undefined) {
    notes.push(t(minLength ? "api.docs.limit.length" : "api.docs.limit.maxLength", { min: minLength ?? 0, max: maxLength }));
  }
  if (minItems) notes.push(t("api.docs.limit.minItems", { min: minItems }));
  if (schema.default !== undefined) notes.push(t("api.docs.limit.default", { value: String(schema.default) }));
  return notes;
}
