import type { z } from "zod";
import { closeFacility, listOpenFacilities, openFacility } from "../../../registration/open-facilities";
import type { AuthedContext } from "../../trpc";
import type { closeFacilityInput, openFacilityInput } from "./facilities.schema";

// Auto-approve: the facilities open to self-registration (owner admins, in Settings).
export const openFacilitiesHandler = ({ ctx }: { ctx: AuthedContext }) => listOpenFacilities(ctx.db);

export async function openFacilityHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext;
  input: z.infer<typeof openFacilityInput>;
}) {
  await openFacility(ctx.db, ctx.audit, input);
  return { ok: true as const };
}

export async function closeFacilityHandler({
  ctx,
  input,
}: {
  ctx: AuthedContext;
  input: z.infer<typeof closeFacilityInput>;
}) {
  await closeFacility(ctx.db, ctx.audit, input.customerId);
  return { ok: true as const };
}
