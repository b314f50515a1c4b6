import { getConnInfo } from "@hono/node-server/conninfo";
import { hmac } from "../../../modules/accounts/index.ts";
import type { AppContext } from "../../context.ts";

/**
 * A rate-limit key for the client: an HMAC of its address, so the address itself is never stored,
 * and the key is useless without the instance's secret. Behind a proxy, TRUST_PROXY=true reads X-Forwarded-For.
 */
export function clientKey(c: AppContext, secret: string, trustProxy: boolean): string {
  let address = "unknown";
  if (trustProxy) address = c.req.header("x-forwarded-for")?.split(",")[0]?.trim() || address;
  if (address === "unknown") {
    try {
      address = getConnInfo(c).remote.address ?? "unknown";
    } catch {
      // app.request() in tests has no socket.
    }
  }
  return hmac(secret, `client:${address}`);
}
