import { exportPersonalData } from "../../../users/personal-data";
import type { AuthedContext } from "../../trpc";

/** The signed-in person's own data, all of it, as JSON (GDPR Articles 15 and 20); recorded. */
export const ownPersonalDataHandler = ({ ctx }: { ctx: AuthedContext }) =>
  exportPersonalData(ctx.db, ctx.audit, ctx.actor.userId);
