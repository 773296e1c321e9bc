import {
  authedProcedure,
  createTRPCRouter,
  internalAuthedProcedure,
  nodesProcedure,
  scopedProcedure,
  userProcedure,
} from "../../trpc";
import { bulkActionHandler } from "./bulk.handler";
import { bulkActionInput } from "./bulk.schema";
import { cancelEmailChangeHandler, requestEmailChangeHandler } from "./email-change.handler";
import { cancelEmailChangeInput, requestEmailChangeInput } from "./email-change.schema";
import { funnelHandler, invitationHandler, inviteHandler, notInvitedHandler } from "./invitations.handler";
import { invitationInput, notInvitedInput } from "./invitations.schema";
import { importCheckHandler, importHandler } from "./import.handler";
import { importCheckInput, importInput } from "./import.schema";
import { userByIdHandler } from "./by-id.handler";
import { personalDataHandler } from "./personal-data.handler";
import { trainingRecordHandler } from "./training.handler";
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
  permissionGroupsHandler,
  removeFromGroupHandler,
  revokeRoleHandler,
  setPermissionGroupMemberHandler,
} from "./placements.handler";
import { grantRoleInput, groupMembershipInput, permissionGroupMemberInput, revokeRoleInput } from "./placements.schema";

export const usersRouter = createTRPCRouter({
  list: scopedProcedure("users.list").input(listUsersInput).query(listUsersHandler),
  byId: userProcedure("user.read", userByIdInput).query(userByIdHandler),
  create: nodesProcedure("user.create", createUserInput, "groupIds").mutation(createUserHandler),
  updatePersonalData: userProcedure("user.account", personalDataInput).mutation(updatePersonalDataHandler),
  setPhoto: userProcedure("user.account", setPhotoInput).mutation(setPhotoHandler),
  removePhoto: userProcedure("user.account", removePhotoInput).mutation(removePhotoHandler),
  /** The photo's bytes, for its route handler: the person themselves or an admin who may see them. */
  photoFile: internalAuthedProcedure.input(removePhotoInput).query(photoFileHandler),
  setSuspended: userProcedure("user.account", setSuspendedInput).mutation(setSuspendedHandler),
  unlock: userProcedure("user.account", unlockInput).mutation(unlockHandler),
  endSessions: userProcedure("user.account", endSessionsInput).mutation(endSessionsHandler),
  resetTwoFactor: userProcedure("user.account", resetTwoFactorInput).mutation(resetTwoFactorHandler),
  delete: userProcedure("user.account", deleteInput).mutation(deleteHandler),
  exportData: userProcedure("user.exportData", userByIdInput).mutation(personalDataHandler),
  trainingRecord: userProcedure("user.read", userByIdInput).query(trainingRecordHandler),
  importCheck: scopedProcedure("users.import").input(importCheckInput).mutation(importCheckHandler),
  import: scopedProcedure("users.import").input(importInput).mutation(importHandler),
  invitation: userProcedure("user.account", invitationInput).query(invitationHandler),
  invite: userProcedure("user.account", invitationInput).mutation(inviteHandler),
  funnel: scopedProcedure("users.list").query(funnelHandler),
  notInvited: scopedProcedure("users.list").input(notInvitedInput).query(notInvitedHandler),
  bulk: scopedProcedure("users.bulk").input(bulkActionInput).mutation(bulkActionHandler),
  requestEmailChange: userProcedure("user.account", requestEmailChangeInput).mutation(requestEmailChangeHandler),
  cancelEmailChange: userProcedure("user.account", cancelEmailChangeInput).mutation(cancelEmailChangeHandler),
  addToGroup: userProcedure("user.membership", groupMembershipInput).mutation(addToGroupHandler),
  removeFromGroup: userProcedure("user.membership", groupMembershipInput).mutation(removeFromGroupHandler),
  grantRole: userProcedure("user.membership", grantRoleInput).mutation(grantRoleHandler),
  revokeRole: authedProcedure.input(revokeRoleInput).mutation(revokeRoleHandler),
  setPermissionGroupMember: userProcedure("permissionGroup.assign", permissionGroupMemberInput).mutation(
    setPermissionGroupMemberHandler,
  ),
  permissionGroups: scopedProcedure("permissionGroup.manage").query(permissionGroupsHandler),
});
