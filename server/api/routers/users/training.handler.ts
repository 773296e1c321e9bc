import { trainingRecordOf } from "../../../content/training-record";
import { requirementsOf } from "../../../content/training-status";
import type { UserContext } from "../../trpc";

/** A person's training, for an admin whose scope covers them: the same view the person has. */
export const trainingRecordHandler = async ({ ctx }: { ctx: UserContext }) => ({
  requirements: await requirementsOf(ctx.db, ctx.target.userId),
  record: await trainingRecordOf(ctx.db, ctx.target.userId),
});
