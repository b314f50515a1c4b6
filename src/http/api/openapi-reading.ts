// Reading the OpenAPI document back, for the reference page: operations in order, and the fields of
// a schema with references and allOf resolved.
import type { OpenApiDocument } from "./openapi.ts";

type Components = NonNullable<OpenApiDocument["components"]>;
export type SchemaOrRef = NonNullable<Components["schemas"]>[string];
export type Reference = Extract<SchemaOrRef, { $ref: string }>;
export type Schema = Exclude<SchemaOrRef, Reference>;
type PathItem = NonNullable<OpenApiDocument["paths"]>[string];
export type Operation = NonNullable<PathItem["get"]>;
export type Parameter = Exclude<NonNullable<Operation["parameters"]>[number], Reference>;
type ResponseOrRef = NonNullable<NonNullable<Operation["responses"]>["default"]>;
export type ApiResponse = Exclude<ResponseOrRef, Reference>;

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

export interface OperationEntry {
  method: (typeof METHODS)[number];
  path: string;
  operation: Operation;
  /** A page anchor, unique in the document. */
  anchor: string;
}

export function operationsOf(document: OpenApiDocument): OperationEntry[] {
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const operation = item[method];
      if (!operation) return [];
      const name = operation.operationId ?? `${method}${path}`.replace(/[^A-Za-z0-9]+/g, "-");
      return [{ method, path, operation, anchor: `op-${name}` }];
    }),
  );
}

/** Schemas, parameters, bodies and responses may each be a reference instead. */
export const isReference = <T extends object>(value: T | Reference): value is Reference =>
  "$ref" in value && typeof value.$ref === "string";
export const referenceName = (ref: Reference) => ref.$ref.split("/").pop() ?? ref.$ref;
export const schemaAnchor = (name: string) => `schema-${name}`;

function resolve(document: OpenApiDocument, schema: SchemaOrRef): Schema | undefined {
  if (!isReference(schema)) return schema;
  const target = document.components?.schemas?.[referenceName(schema)];
  return target && resolve(document, target);
}

export interface Field {
  name: string;
  schema: SchemaOrRef;
  required: boolean;
}

/** The properties of an object schema, following references and merging allOf. */
export function fieldsOf(document: OpenApiDocument, schemaOrRef: SchemaOrRef): Field[] {
  const schema = resolve(document, schemaOrRef);
  if (!schema) return [];
  const inherited = (schema.allOf ?? []).flatMap((part) => fieldsOf(document, part));
  const required = new Set(schema.required ?? []);
  const own = Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    schema: property,
    required: required.has(name),
  }));
  return [...inherited, ...own];
}

/** An operation's responses by status; the document's type leaves their values untyped. */
export function responsesOf(operation: Operation): [string, ApiResponse | undefined][] {
  const entries: [string, ResponseOrRef][] = Object.entries(operation.responses ?? {});
  return entries.map(([status, response]) => [status, isReference(response) ? undefined : response]);
}
