import { requestFormFacilities } from "../../../registration/open-facilities";
import { submitRegistrationRequest } from "../../../registration/submit-request";
import { getSettings } from "../../../settings/get-settings";
import type { HandlerOptions, InnerContext } from "../../trpc";
import type { registrationRequestInput } from "./request.schema";

/** What the public form offers: whether requests are open, and the facilities to search and pick. */
export async function requestFormHandler({ ctx }: { ctx: InnerContext }) {
  const settings = await getSettings(ctx.db);
  const facilities = settings.registrationRequestsEnabled ? await requestFormFacilities(ctx.db, settings) : [];
  return { open: settings.registrationRequestsEnabled, facilities };
}

export const submitRequestHandler = ({ ctx, input }: HandlerOptions<InnerContext, typeof registrationRequestInput>) =>
  submitRegistrationRequest(ctx.db, input, { ip: ctx.ip, appUrl: ctx.config.appUrl });
