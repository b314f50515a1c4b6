import type { Hook } from "@hono/zod-openapi";
import type { z } from "zod";
import { allMessages, type MessageKey, type Translator } from "../../i18n/index.ts";
import type { AppEnv } from "../context.ts";
import { type FieldProblem, problem } from "../problem.ts";

const isMessageKey = (text: string): text is MessageKey => text in allMessages("en");

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = Reflect.get(value, key);
  }
  return value;
}

/**
 * Our schemas carry catalogue keys as messages; zod's own messages (wrong type, unknown field) are
 * replaced by catalogue text too, so every message reaches the client in its language.
 */
function messageFor(issue: z.core.$ZodIssue, input: unknown, tr: Translator): string {
  if (isMessageKey(issue.message)) return tr.t(issue.message);
  switch (issue.code) {
    case "invalid_type":
      return valueAt(input, issue.path) === undefined
        ? tr.t("api.validation.required")
        : tr.t("api.validation.type", { expected: issue.expected });
    case "invalid_value":
      return tr.t("api.validation.oneOf", { values: issue.values.map(String).join(", ") });
    case "invalid_format":
      return tr.t("api.validation.format", { format: issue.format });
    default:
      return tr.t("api.validation.invalid");
  }
}

/** One entry per bad field, named by its path ("scopes.1"); "_" when the whole body is wrong. */
export function fieldProblems(error: z.ZodError, input: unknown, tr: Translator): FieldProblem[] {
  return error.issues.flatMap((issue) => {
    const at = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ field: at ? `${at}.${key}` : key, message: tr.t("api.validation.unknownField") }));
    }
    return [{ field: at || "_", message: messageFor(issue, input, tr) }];
  });
}

/** The default hook of every API route: a validation failure becomes a 422 problem naming each field. */
export const validationProblem: Hook<unknown, AppEnv, string, Response | undefined> = (result, c) => {
  if (result.success) return;
  // zod-validator hands the hook the submitted value on failure too, though the type leaves it out.
  const input = "data" in result ? result.data : undefined;
  const { t } = c.var.tr;
  return problem(c, 422, t("api.problem.validation.title"), t("api.problem.validation.detail"), {
    errors: fieldProblems(result.error, input, c.var.tr),
  });
};
