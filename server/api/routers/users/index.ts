import {
  createTRPCRouter,
  internalAuthedProcedure,
  nodesProcedure,
  scopedProcedure,
  targetProcedure,
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
  byId: targetProcedure("user.read", userByIdInput).query(userByIdHandler),
  create: nodesProcedure("user.create", createUserInput, "groupIds").mutation(createUserHandler),
  updatePersonalData: targetProcedure("user.account", personalDataInput).mutation(updatePersonalDataHandler),
  setPhoto: targetProcedure("user.account", setPhotoInput).mutation(setPhotoHandler),
  removePhoto: targetProcedure("user.account", removePhotoInput).mutation(removePhotoHandler),
  /** The photo's bytes, for its route handler: the person themselves or an admin who may see them. */
  photoFile: internalAuthedProcedure.input(removePhotoInput).query(photoFileHandler),
  setSuspended: targetProcedure("user.account", setSuspendedInput).mutation(setSuspendedHandler),
  unlock: targetProcedure("user.account", unlockInput).mutation(unlockHandler),
  endSessions: targetProcedure("user.account", endSessionsInput).mutation(endSessionsHandler),
  resetTwoFactor: targetProcedure("user.account", resetTwoFactorInput).mutation(resetTwoFactorHandler),
  delete: targetProcedure("user.account", deleteInput).mutation(deleteHandler),
  exportData: targetProcedure("user.exportData", userByIdInput).mutation(personalDataHandler),
  trainingRecord: targetProcedure("user.read", userByIdInput).query(trainingRecordHandler),
  importCheck: scopedProcedure("users.import").input(importCheckInput).mutation(importCheckHandler),
  import: scopedProcedure("users.import").input(importInput).mutation(importHandler),
  invitation: targetProcedure("user.account", invitationInput).query(invitationHandler),
  invite: targetProcedure("user.account", invitationInput).mutation(inviteHandler),
  funnel: scopedProcedure("users.list").query(funnelHandler),
  notInvited: scopedProcedure("users.list").input(notInvitedInput).query(notInvitedHandler),
  bulk: scopedProcedure("users.bulk").input(bulkActionInput).mutation(bulkActionHandler),
  requestEmailChange: targetProcedure("user.account", requestEmailChangeInput).mutation(requestEmailChangeHandler),
  cancelEmailChange: targetProcedure("user.account", cancelEmailChangeInput).mutation(cancelEmailChangeHandler),
  addToGroup: targetProcedure("user.membership", groupMembershipInput).mutation(addToGroupHandler),
  removeFromGroup: targetProcedure("user.membership", groupMembershipInput).mutation(removeFromGroupHandler),
  grantRole: targetProcedure("user.membership", grantRoleInput).mutation(grantRoleHandler),
  revokeRole: targetProcedure("role.revoke", revokeRoleInput).mutation(revokeRoleHandler),
  setPermissionGroupMember: targetProcedure("permissionGroup.assign", permissionGroupMemberInput).mutation(
    setPermissionGroupMemberHandler,
  ),
  permissionGroups: scopedProcedure("permissionGroup.manage").query(permissionGroupsHandler),
});
