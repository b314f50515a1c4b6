import { createRoute, z } from "@hono/zod-openapi";
import { API_SCOPES } from "../../db/schema/index.ts";
import { scopesInput } from "../../modules/accounts/index.ts";
import { problems } from "./problems.ts";
import { jsonBody } from "./request.schemas.ts";
import { secured } from "./scope-guard.ts";

export const TOKEN_NAME_MAX = 100;

export const tokenSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string().openapi({ description: "The first characters of the token, to tell tokens apart." }),
    scopes: z.array(z.enum(API_SCOPES)),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
    expiresAt: z.iso.datetime().nullable(),
  })
  .openapi("Token");

const newTokenSchema = z
  .object({
    name: z
      .string({ error: "validation.tokenName.required" })
      .trim()
      .min(1, "validation.tokenName.required")
      .max(TOKEN_NAME_MAX, "api.validation.tokenName.long"),
    scopes: scopesInput.meta({
      description: "read, write, admin. Only staff may ask for admin; a token may only create tokens with its own scopes.",
    }),
  })
  .strict()
  .openapi("NewToken");

const createdTokenSchema = tokenSchema
  .extend({ token: z.string().openapi({ description: "The secret itself. It is shown this once and never again." }) })
  .openapi("CreatedToken");

const tags = ["Tokens"];

export const listTokensRoute = createRoute({
  method: "get",
  path: "/me/tokens",
  operationId: "listTokens",
  tags,
  summary: "Your personal access tokens",
  ...secured("read"),
  responses: {
    200: {
      description: "The tokens that are not revoked, newest first, without their secrets.",
      content: { "application/json": { schema: z.object({ items: z.array(tokenSchema) }).openapi("TokenList") } },
    },
    401: problems[401],
    403: problems[403],
  },
});

export const createTokenRoute = createRoute({
  method: "post",
  path: "/me/tokens",
  operationId: "createToken",
  tags,
  summary: "Create a personal access token",
  ...secured("write"),
  request: { body: jsonBody(newTokenSchema, "A name to recognise the token by, and its scopes.") },
  responses: {
    201: { description: "The new token, with its secret.", content: { "application/json": { schema: createdTokenSchema } } },
    400: problems[400],
    401: problems[401],
    403: problems[403],
    415: problems[415],
    422: problems[422],
  },
});

export const revokeTokenRoute = createRoute({
  method: "delete",
  path: "/me/tokens/{id}",
  operationId: "revokeToken",
  tags,
  summary: "Revoke a personal access token",
  ...secured("write"),
  request: { params: z.object({ id: z.uuid().openapi({ description: "The token's id." }) }) },
  responses: {
    204: { description: "The token no longer works." },
    401: problems[401],
    403: problems[403],
    404: problems[404],
    422: problems[422],
  },
});
