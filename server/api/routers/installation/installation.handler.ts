import { firstStepsOf } from "../../../installation/first-steps";
import type { AuthedContext } from "../../trpc";

export const firstStepsHandler = ({ ctx }: { ctx: AuthedContext }) => firstStepsOf(ctx.db, ctx.actor.userId);
