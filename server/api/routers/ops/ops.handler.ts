import { readiness } from "../../../ops/readiness";
import type { InnerContext } from "../../trpc";

/** Whether this instance may take traffic, and what an operator watches (see server/ops/readiness.ts). */
export const readyHandler = ({ ctx }: { ctx: InnerContext }) => readiness(ctx.db);
