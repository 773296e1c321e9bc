import { closeFacilityHandler, openFacilitiesHandler, openFacilityHandler } from "./facilities.handler";
import { createTRPCRouter, publicProcedure, scopedProcedure } from "../../trpc";
import { closeFacilityInput, openFacilityInput } from "./facilities.schema";
import {
  acceptRequestsHandler,
  countRequestsHandler,
  listRequestsHandler,
  pendingIdsHandler,
  rejectRequestsHandler,
} from "./review.handler";
import { requestFormHandler, submitRequestHandler } from "./request.handler";
import { registrationRequestInput } from "./request.schema";
import { acceptRequestsInput, listRequestsInput, rejectRequestsInput } from "./review.schema";

export const registrationRouter = createTRPCRouter({
  // The public request form (the answer never depends on whether the address has an account).
  requestForm: publicProcedure.query(requestFormHandler),
  submitRequest: publicProcedure.input(registrationRequestInput).mutation(submitRequestHandler),
  // Review: each request is asked of the scope resolver through its facility (review.handler.ts).
  list: scopedProcedure("registration.list").input(listRequestsInput).query(listRequestsHandler),
  counts: scopedProcedure("registration.list").query(countRequestsHandler),
  pendingIds: scopedProcedure("registration.list").query(pendingIdsHandler),
  accept: scopedProcedure("registration.decide").input(acceptRequestsInput).mutation(acceptRequestsHandler),
  reject: scopedProcedure("registration.decide").input(rejectRequestsInput).mutation(rejectRequestsHandler),
  // Auto-approve: the facilities open to self-registration (owner admins, in Settings).
  openFacilities: scopedProcedure("settings.manage").query(openFacilitiesHandler),
  openFacility: scopedProcedure("settings.manage").input(openFacilityInput).mutation(openFacilityHandler),
  closeFacility: scopedProcedure("settings.manage").input(closeFacilityInput).mutation(closeFacilityHandler),
});
