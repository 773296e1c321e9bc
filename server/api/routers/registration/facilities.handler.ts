import { closeFacility, listOpenFacilities, openFacility } from "../../../registration/open-facilities";
import type { AuthedContext, HandlerOptions } from "../../trpc";
import type { closeFacilityInput, openFacilityInput } from "./facilities.schema";

// Auto-approve: the facilities open to self-registration (owner admins, in Settings).
export const openFacilitiesHandler = ({ ctx }: { ctx: AuthedContext }) => listOpenFacilities(ctx.db);

export async function openFacilityHandler({ ctx, input }: HandlerOptions<AuthedContext, typeof openFacilityInput>) {
  await openFacility(ctx.db, ctx.audit, input);
  return { ok: true as const };
}

export async function closeFacilityHandler({ ctx, input }: HandlerOptions<AuthedContext, typeof closeFacilityInput>) {
  await closeFacility(ctx.db, ctx.audit, input.customerId);
  return { ok: true as const };
}
