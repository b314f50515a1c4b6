// Accounts: people, roles and branches, sign-in, sessions, email verification and password reset,
// API tokens, rate limits, privacy settings, and each person's data export and deletion.
export * from "./accounts.schemas.ts";
export * from "./accounts.service.ts";
export * from "./admin.service.ts";
export * from "./api-tokens.service.ts";
export { hmac, randomToken, safeEqual, sha256 } from "./crypto.ts";
export * from "./personal-data.service.ts";
export * from "./rate-limit.service.ts";
