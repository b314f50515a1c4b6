// What `npm run bench` measures. Add a scenario here; bench/run.ts runs each one against the server it names.
import { CSRF_COOKIE, SESSION_COOKIE } from "../src/http/middleware/cookies.ts";

/** What the runner prepares before the scenarios run, for scenarios that need it. */
export interface BenchContext {
  /** A personal access token (scope read) of the demo patron. */
  patronReadToken: string;
  /** A session of the demo patron, as the session cookie carries it. */
  patronSessionToken: string;
  /** Works of the generated catalogue, sampled (empty without BENCH_CATALOG_WORKS). */
  workIds: string[];
  /** Words that occur in the generated titles, for searches. */
  searchTerms: string[];
}

export interface Scenario {
  name: string;
  /** "baseline" is the bare Hono hello server every figure is compared with; there is exactly one. */
  server: "baseline" | "circulate";
  method?: "GET" | "POST";
  path: string;
  /** When set, each connection cycles through these paths instead of requesting `path` only. */
  paths?: (context: BenchContext) => string[];
  /** Runs only when the generated catalogue is there (BENCH_CATALOG_WORKS > 0). */
  needsCatalogue?: boolean;
  headers?: (context: BenchContext) => Record<string, string>;
  /** What the request does on the server, so that a reader knows what bounds the figure. */
  work: string;
}

export const scenarios: Scenario[] = [
  {
    name: "baseline hello",
    server: "baseline",
    path: "/",
    work: "Hono on @hono/node-server answering a 5-byte text; no middleware, no database",
  },
  {
    name: "home page, anonymous",
    server: "circulate",
    path: "/",
    work: "middleware stack, library settings (cached 5 s), a new CSRF secret and HMAC, one query (branches), JSX page",
  },
  {
    name: "home page, signed in",
    server: "circulate",
    path: "/",
    // A returning browser: it sends the session and the CSRF cookie it was given, so no new secret is made.
    headers: (context) => ({ cookie: `${SESSION_COOKIE}=${context.patronSessionToken}; ${CSRF_COOKIE}=benchmark-csrf-secret` }),
    work: "as anonymous, plus the session lookup (one query: session joined to its user), minus the new CSRF secret",
  },
  {
    name: "sign-in page",
    server: "circulate",
    path: "/sign-in",
    work: "middleware stack, library settings (cached 5 s), a new CSRF secret and HMAC, JSX form; no query",
  },
  {
    name: "API /api/v1/me, bearer token",
    server: "circulate",
    path: "/api/v1/me",
    headers: (context) => ({ authorization: `Bearer ${context.patronReadToken}` }),
    work: "middleware stack, a new CSRF secret and HMAC, SHA-256 of the token and one query (token joined to its user), JSON; no argon2",
  },
  {
    name: "record page, anonymous",
    server: "circulate",
    path: "/works/:id",
    paths: (context) => context.workIds.map((id) => `/works/${id}`),
    needsCatalogue: true,
    work: "a work with its contributors, editions, rating summary, reviews, tags, lists containing it and similar works: about a dozen queries, JSX page",
  },
  {
    name: "search page, anonymous",
    server: "circulate",
    path: "/search?q=…",
    paths: (context) => context.searchTerms.map((term) => `/search?q=${encodeURIComponent(term)}`),
    needsCatalogue: true,
    work: "full-text search over the whole catalogue with exact facet counts (format, language, subject, decade), first page of 20",
  },
];
