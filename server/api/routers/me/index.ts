import { authedProcedure, createTRPCRouter } from "../../trpc";
import {
  emailPreferencesHandler,
  profileHandler,
  removeOwnPhotoHandler,
  setEmailPreferencesHandler,
  setOwnPhotoHandler,
  shellHandler,
  updateProfileHandler,
} from "./profile.handler";
import { ownPersonalDataHandler } from "./personal-data.handler";
import { emailPreferencesInput, ownPersonalDataInput, ownPhotoInput } from "./profile.schema";
import {
  changePasswordHandler,
  confirmTwoFactorHandler,
  disableTwoFactorHandler,
  endOtherSessionsHandler,
  endSessionHandler,
  renewRecoveryCodesHandler,
  securityHandler,
  sessionsHandler,
  startTwoFactorHandler,
} from "./security.handler";
import {
  changePasswordInput,
  codeInput,
  disableTwoFactorInput,
  endSessionInput,
  enrolmentCodeInput,
  startTwoFactorInput,
} from "./security.schema";

// The signed-in person's own things: every procedure acts on the actor, never on an id of someone else's.
export const meRouter = createTRPCRouter({
  /** Who the signed-in user is and which areas and controls the scope resolver opens to them. */
  get: authedProcedure.query(shellHandler),
  profile: authedProcedure.query(profileHandler),
  updateProfile: authedProcedure.input(ownPersonalDataInput).mutation(updateProfileHandler),
  setPhoto: authedProcedure.input(ownPhotoInput).mutation(setOwnPhotoHandler),
  removePhoto: authedProcedure.mutation(removeOwnPhotoHandler),
  emailPreferences: authedProcedure.query(emailPreferencesHandler),
  setEmailPreferences: authedProcedure.input(emailPreferencesInput).mutation(setEmailPreferencesHandler),
  /** Everything held about the signed-in person, as JSON (a mutation: each export is recorded). */
  exportData: authedProcedure.mutation(ownPersonalDataHandler),
  // Sign-in and security: the current password and codes are checked under the login's slots and lock.
  security: authedProcedure.query(securityHandler),
  changePassword: authedProcedure.input(changePasswordInput).mutation(changePasswordHandler),
  startTwoFactor: authedProcedure.input(startTwoFactorInput).mutation(startTwoFactorHandler),
  confirmTwoFactor: authedProcedure.input(enrolmentCodeInput).mutation(confirmTwoFactorHandler),
  disableTwoFactor: authedProcedure.input(disableTwoFactorInput).mutation(disableTwoFactorHandler),
  renewRecoveryCodes: authedProcedure.input(codeInput).mutation(renewRecoveryCodesHandler),
  sessions: authedProcedure.query(sessionsHandler),
  endSession: authedProcedure.input(endSessionInput).mutation(endSessionHandler),
  endOtherSessions: authedProcedure.mutation(endOtherSessionsHandler),
});
