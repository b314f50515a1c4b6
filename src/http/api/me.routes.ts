import { createRoute, z } from "@hono/zod-openapi";
import { PROFILE_VISIBILITIES, ROLES } from "../../db/schema/index.ts";
import { LOCALES } from "../../i18n/index.ts";
import { profileInput } from "../../modules/accounts/index.ts";
import { problems } from "./problems.ts";
import { jsonBody, patchSchema } from "./request.schemas.ts";
import { secured } from "./scope-guard.ts";

export const profileSchema = z
  .object({
    id: z.uuid(),
    email: z.email(),
    displayName: z.string(),
    pronouns: z.string(),
    locale: z.enum(LOCALES),
    role: z.enum(ROLES),
    branchId: z.uuid().nullable().openapi({ description: "The person's home branch, if any." }),
    emailVerified: z.boolean(),
    profileVisibility: z.enum(PROFILE_VISIBILITIES),
    showReadingActivity: z.boolean(),
    newsletterOptIn: z.boolean(),
    createdAt: z.iso.datetime(),
  })
  .openapi("Profile");

export const profilePatchSchema = patchSchema(profileInput).openapi("ProfilePatch", {
  description: "Only the fields sent are changed.",
});

const exportSchema = z
  .object({ exportedAt: z.iso.datetime() })
  .catchall(z.array(z.record(z.string(), z.unknown())))
  .openapi("PersonalData", {
    description: "One list of records per kind of data the library holds about the person (profile, sessions, ...).",
  });

const tags = ["Account"];

export const getMeRoute = createRoute({
  method: "get",
  path: "/me",
  operationId: "getProfile",
  tags,
  summary: "Your profile",
  ...secured("read"),
  responses: {
    200: { description: "The signed-in person's profile.", content: { "application/json": { schema: profileSchema } } },
    401: problems[401],
    403: problems[403],
  },
});

export const patchMeRoute = createRoute({
  method: "patch",
  path: "/me",
  operationId: "updateProfile",
  tags,
  summary: "Change your profile",
  ...secured("write"),
  request: { body: jsonBody(profilePatchSchema, "The fields to change.") },
  responses: {
    200: { description: "The profile as saved.", content: { "application/json": { schema: profileSchema } } },
    400: problems[400],
    401: problems[401],
    403: problems[403],
    415: problems[415],
    422: problems[422],
  },
});

export const exportMeRoute = createRoute({
  method: "get",
  path: "/me/export",
  operationId: "exportPersonalData",
  tags,
  summary: "Download all your data",
  ...secured("read"),
  request: {
    query: z.object({
      format: z
        .enum(["json", "zip"])
        .default("json")
        .openapi({ description: "zip: data.json and one CSV file per kind of data, as a download." }),
    }),
  },
  responses: {
    200: {
      description: "Everything the library holds about the person.",
      content: {
        "application/json": { schema: exportSchema },
        "application/zip": { schema: z.string().openapi({ format: "binary" }) },
      },
    },
    401: problems[401],
    403: problems[403],
    422: problems[422],
  },
});
