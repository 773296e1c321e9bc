import { authedProcedure, createTRPCRouter, internalAuthedProcedure, scopedProcedure } from "../../trpc";
import { onboardingFunnel } from "../../../invitations/funnel";
import { listPermissionGroups } from "../../../users/placements";
import { bulkActionHandler } from "./bulk.handler";
import { bulkActionInput } from "./bulk.schema";
import { cancelEmailChangeHandler, requestEmailChangeHandler } from "./email-change.handler";
import { cancelEmailChangeInput, requestEmailChangeInput } from "./email-change.schema";
import { invitationHandler, inviteHandler, notInvitedHandler } from "./invitations.handler";
import { invitationInput, notInvitedInput } from "./invitations.schema";
import { importCheckHandler, importChunkHandler } from "./import.handler";
import { importCheckInput, importChunkInput } from "./import.schema";
import { userByIdHandler } from "./by-id.handler";
import { userByIdInput } from "./by-id.schema";
import { listUsersHandler } from "./list.handler";
import { listUsersInput } from "./list.schema";
import {
  createUserHandler,
  deleteHandler,
  endSessionsHandler,
  photoFileHandler,
  resetTwoFactorHandler,
  removePhotoHandler,
  setPhotoHandler,
  setSuspendedHandler,
  unlockHandler,
  updatePersonalDataHandler,
} from "./manage.handler";
import {
  createUserInput,
  deleteInput,
  endSessionsInput,
  resetTwoFactorInput,
  personalDataInput,
  removePhotoInput,
  setPhotoInput,
  setSuspendedInput,
  unlockInput,
} from "./manage.schema";
import {
  addToGroupHandler,
  grantRoleHandler,
  removeFromGroupHandler,
  revokeRoleHandler,
  setPermissionGroupMemberHandler,
} from "./placements.handler";
import { grantRoleInput, groupMembershipInput, permissionGroupMemberInput, revokeRoleInput } from "./placements.schema";

export const usersRouter = createTRPCRouter({
  list: scopedProcedure("users.list").input(listUsersInput).query(listUsersHandler),
  byId: scopedProcedure("users.list").input(userByIdInput).query(userByIdHandler),
  create: authedProcedure.input(createUserInput).mutation(createUserHandler),
  updatePersonalData: authedProcedure.input(personalDataInput).mutation(updatePersonalDataHandler),
  setPhoto: authedProcedure.input(setPhotoInput).mutation(setPhotoHandler),
  removePhoto: authedProcedure.input(removePhotoInput).mutation(removePhotoHandler),
  /** The photo's bytes, for its route handler: the person themselves or an admin who may see them. */
  photoFile: internalAuthedProcedure.input(removePhotoInput).query(photoFileHandler),
  setSuspended: authedProcedure.input(setSuspendedInput).mutation(setSuspendedHandler),
  unlock: authedProcedure.input(unlockInput).mutation(unlockHandler),
  endSessions: authedProcedure.input(endSessionsInput).mutation(endSessionsHandler),
  resetTwoFactor: authedProcedure.input(resetTwoFactorInput).mutation(resetTwoFactorHandler),
  delete: authedProcedure.input(deleteInput).mutation(deleteHandler),
  importCheck: scopedProcedure("users.list").input(importCheckInput).mutation(importCheckHandler),
  importChunk: scopedProcedure("users.list").input(importChunkInput).mutation(importChunkHandler),
  invitation: authedProcedure.input(invitationInput).query(invitationHandler),
  invite: authedProcedure.input(invitationInput).mutation(inviteHandler),
  funnel: scopedProcedure("users.list").query(({ ctx }) => onboardingFunnel(ctx.db, ctx.actor)),
  notInvited: scopedProcedure("users.list").input(notInvitedInput).query(notInvitedHandler),
  bulk: scopedProcedure("users.list").input(bulkActionInput).mutation(bulkActionHandler),
  requestEmailChange: authedProcedure.input(requestEmailChangeInput).mutation(requestEmailChangeHandler),
  cancelEmailChange: authedProcedure.input(cancelEmailChangeInput).mutation(cancelEmailChangeHandler),
  addToGroup: authedProcedure.input(groupMembershipInput).mutation(addToGroupHandler),
  removeFromGroup: authedProcedure.input(groupMembershipInput).mutation(removeFromGroupHandler),
  grantRole: authedProcedure.input(grantRoleInput).mutation(grantRoleHandler),
  revokeRole: authedProcedure.input(revokeRoleInput).mutation(revokeRoleHandler),
  setPermissionGroupMember: authedProcedure.input(permissionGroupMemberInput).mutation(setPermissionGroupMemberHandler),
  permissionGroups: scopedProcedure("settings.manage").query(({ ctx }) => listPermissionGroups(ctx.db)),
});
