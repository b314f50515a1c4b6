import type { OpenAPIHono } from "@hono/zod-openapi";
import type { MessageKey } from "../../i18n/index.ts";
import type { AppEnv } from "../context.ts";

export const API_PREFIX = "/api/v1";

/** Each tag of the document, with the catalogue key the reference page shows for it. */
export const TAGS = [
  { name: "Account", description: "The signed-in person's profile and data.", label: "api.tag.account" },
  { name: "Tokens", description: "Personal access tokens.", label: "api.tag.tokens" },
  { name: "Branches", description: "The library's branches.", label: "api.tag.branches" },
  { name: "Catalogue", description: "Search the catalogue and read its records.", label: "catalog.api.tag" },
  { name: "Shelves", description: "Your shelves, with reading dates and progress.", label: "lists.api.tag.shelves" },
  {
    name: "Lists",
    description: "Reading lists: public, unlisted or private; collaborative; open to suggestions.",
    label: "lists.api.tag.lists",
  },
  { name: "Reading", description: "Ratings, reviews and tags: what readers make of the catalogue.", label: "reading.api.tag" },
  { name: "Reports", description: "Reports to the moderators.", label: "moderation.api.tag" },
] as const satisfies { name: string; description: string; label: MessageKey }[];

const DESCRIPTION = `The JSON API of a Circulate library.

Authenticate with a personal access token, created on your account page or with POST /me/tokens:
\`Authorization: Bearer circ_...\`. Each operation names the scope its token needs (read, write or admin);
the admin scope also needs the admin role. Browsers signed in to the site may call the API with their
session cookie, sending the page's CSRF token in an \`X-CSRF-Token\` header on POST, PATCH and DELETE.

Every error is an RFC 9457 problem (application/problem+json); when fields are not accepted,
\`errors\` lists each one with the reason, in the person's language.`;

/** Registers what the routes share, and returns a builder of the OpenAPI 3.1 document. */
export function openApiDocument(v1: OpenAPIHono<AppEnv>, baseUrl: string) {
  v1.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    description: "A personal access token (circ_...). The scope an operation needs is listed in its security requirement.",
  });
  return () =>
    v1.getOpenAPI31Document({
      openapi: "3.1.0",
      info: {
        title: "Circulate API",
        version: "1.0.0",
        description: DESCRIPTION,
        license: { name: "AGPL-3.0-or-later", url: "https://www.gnu.org/licenses/agpl-3.0.html" },
      },
      servers: [{ url: `${baseUrl}${API_PREFIX}` }],
      tags: TAGS.map(({ name, description }) => ({ name, description })),
    });
}

export type OpenApiDocument = ReturnType<ReturnType<typeof openApiDocument>>;
