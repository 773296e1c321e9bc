import { trainingRecordOf } from "../../../content/training-record";
import type { AuthedContext } from "../../trpc";

export const trainingRecordHandler = ({ ctx }: { ctx: AuthedContext }) => trainingRecordOf(ctx.db, ctx.actor.userId);
