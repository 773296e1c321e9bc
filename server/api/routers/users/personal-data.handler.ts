import { exportPersonalData } from "../../../users/personal-data";
import type { UserContext } from "../../trpc";

/** A person's data, taken by an owner admin for them (a request made by post, say); recorded. */
export const personalDataHandler = ({ ctx }: { ctx: UserContext }) =>
  exportPersonalData(ctx.db, ctx.audit, ctx.target.userId);
