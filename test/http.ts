// A small browser-like client for app.request(): keeps cookies, finds CSRF tokens, posts forms.
import type { Hono } from "hono";
import type { Deps } from "../src/compose.ts";
import type { Role } from "../src/db/schema/index.ts";
import { createVerifiedUser, type SessionUser } from "../src/modules/accounts/index.ts";

// biome-ignore lint/suspicious/noExplicitAny: any Hono app, whatever its env
type AnyApp = Hono<any>;

export class TestClient {
  cookies = new Map<string, string>();
  constructor(
    readonly app: AnyApp,
    readonly base = "http://circulate.test",
  ) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private remember(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair = "", ...attrs] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /max-age=0\b/i.test(a.trim()) || /expires=Thu, 01 Jan 1970/i.test(a.trim()));
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  async request(path: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", this.cookieHeader());
    return this.remember(await this.app.request(new URL(path, this.base).toString(), { ...init, headers }));
  }

  get(path: string, headers: Record<string, string> = {}) {
    return this.request(path, { headers });
  }

  /** The CSRF token every page carries in its forms (fetches a page to get one if needed). */
  async csrf(from = "/"): Promise<string> {
    const html = await (await this.get(from)).text();
    const token = html.match(/name="_csrf" value="([^"]+)"/)?.[1];
    if (!token) throw new Error(`no CSRF token on ${from}`);
    return token;
  }

  async postForm(
    path: string,
    fields: Record<string, string | string[]>,
    options: { csrfFrom?: string; csrf?: string | false } = {},
  ) {
    const body = new URLSearchParams();
    const token = options.csrf === false ? null : (options.csrf ?? (await this.csrf(options.csrfFrom ?? "/")));
    if (token) body.append("_csrf", token);
    for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    return this.request(path, {
      method: "POST",
      body,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
  }
}

let counter = 0;
/** A verified account of the given role, signed in on a new client. */
export async function signedInClient(
  app: AnyApp,
  deps: Pick<Deps, "db" | "clock">,
  role: Role = "patron",
  overrides: Partial<{ email: string; password: string; displayName: string }> = {},
): Promise<{ client: TestClient; user: SessionUser; password: string }> {
  counter += 1;
  const password = overrides.password ?? "a long test password";
  const email = overrides.email ?? `${role}${counter}-${Math.random().toString(36).slice(2, 8)}@example.org`;
  const created = await createVerifiedUser(deps, {
    email,
    password,
    displayName: overrides.displayName ?? `Test ${role} ${counter}`,
    role,
  });
  if (!created.ok) throw new Error(`could not create ${email}`);
  const client = new TestClient(app);
  const res = await client.postForm("/sign-in", { email, password }, { csrfFrom: "/sign-in" });
  if (res.status !== 303) throw new Error(`sign-in failed for ${email}: ${res.status}`);
  return { client, user: created.value, password };
}
