import { createHash, timingSafeEqual } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { metricsText } from "../../../ops/metrics";
import { readiness } from "../../../ops/readiness";
import type { HandlerOptions, InnerContext } from "../../trpc";
import type { metricsInput } from "./ops.schema";

/** Whether this instance may take traffic, and what an operator watches (see server/ops/readiness.ts). */
export const readyHandler = ({ ctx }: { ctx: InnerContext }) => readiness(ctx.db);

const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * The Prometheus text, to a scraper with the METRICS_TOKEN (compared in constant time). Without a
 * token configured the endpoint does not exist.
 */
export async function metricsHandler({ ctx, input }: HandlerOptions<InnerContext, typeof metricsInput>) {
  const token = ctx.config.metricsToken;
  if (!token) throw new TRPCError({ code: "NOT_FOUND", message: "No such page." });
  const given = input.authorization?.startsWith("Bearer ") ? input.authorization.slice(7) : "";
  if (!timingSafeEqual(digest(given), digest(token)))
    throw new TRPCError({ code: "UNAUTHORIZED", message: "Send the metrics token as a bearer token." });
  return metricsText(ctx.db);
}
