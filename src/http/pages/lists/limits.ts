import type { RateLimitRule } from "../../../modules/accounts/index.ts";

/** Lists, notes and suggestions are text others read: limited per person, so nobody can flood them. */
export const LIST_WRITES: RateLimitRule = { limit: 60, windowSeconds: 10 * 60 };
/** An invitation tells whether an address has an account here, so it is limited harder. */
export const LIST_INVITES: RateLimitRule = { limit: 20, windowSeconds: 60 * 60 };
