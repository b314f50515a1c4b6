import { z } from "zod";
import { API_SCOPES, PROFILE_VISIBILITIES, ROLES } from "../../db/schema/index.ts";
import { LOCALES } from "../../i18n/index.ts";

// Messages are catalogue keys: pages translate them, the API reports them with the field name.
export const email = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "validation.email.required")
  .max(254, "validation.email.invalid")
  .email("validation.email.invalid");
export const password = z.string().min(10, "validation.password.short").max(200, "validation.password.long");
export const displayName = z.string().trim().min(1, "validation.displayName.required").max(80, "validation.displayName.long");

export const signUpInput = z.object({ email, password, displayName });
export type SignUpInput = z.infer<typeof signUpInput>;

export const signInInput = z.object({ email, password: z.string().min(1, "validation.password.required") });

export const profileInput = z.object({
  displayName,
  pronouns: z.string().trim().max(40, "validation.pronouns.long").default(""),
  locale: z.enum(LOCALES, { message: "validation.locale.invalid" }),
  profileVisibility: z.enum(PROFILE_VISIBILITIES, { message: "validation.visibility.invalid" }),
  showReadingActivity: z.boolean().default(false),
  newsletterOptIn: z.boolean().default(false),
});
export type ProfileInput = z.infer<typeof profileInput>;

export const changePasswordInput = z
  .object({
    currentPassword: z.string().min(1, "validation.password.required"),
    newPassword: password,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { message: "validation.password.mismatch", path: ["confirmPassword"] });

export const changeEmailInput = z.object({ newEmail: email, currentPassword: z.string().min(1, "validation.password.required") });
export const resetRequestInput = z.object({ email });
export const resetInput = z
  .object({ token: z.string().min(10), newPassword: password, confirmPassword: z.string() })
  .refine((v) => v.newPassword === v.confirmPassword, { message: "validation.password.mismatch", path: ["confirmPassword"] });

export const roleInput = z.enum(ROLES, { message: "validation.role.invalid" });
export const scopesInput = z
  .array(z.enum(API_SCOPES, { message: "validation.scope.invalid" }))
  .min(1, "validation.scope.required");

export const branchInput = z.object({
  name: z.string().trim().min(1, "validation.branchName.required").max(120, "validation.branchName.long"),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "validation.slug.invalid")
    .max(60, "validation.slug.invalid"),
  address: z.string().trim().max(300, "validation.address.long").default(""),
  openingHours: z.string().trim().max(500, "validation.hours.long").default(""),
});
export type BranchInput = z.infer<typeof branchInput>;

/** Flattens zod issues to { field: messageKey } (the first problem per field). */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.map(String).join(".") || "_";
    out[field] ??= issue.message;
  }
  return out;
}
