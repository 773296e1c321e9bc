export { actionRules, grantAction, type Action } from "./actions";
export { loadActor, loadNodeTarget, loadUserTarget } from "./load";
export {
  administeredGrants,
  can,
  grantableRoles,
  holdsRoleFor,
  refusalSentence,
  type Refusal,
  type Actor,
  type Decision,
  type Placement,
  type RoleGrant,
  type NodeTarget,
  type Target,
  type UserTarget,
} from "./resolver";
export { highestRole, roleLabel, roleNodeKind, roleRank, type AdminRole } from "./roles";
export { visibleNodesFilter, visibleUsersFilter } from "./users-filter";
export { refreshUserScopes, refreshUserScopesUnder } from "./user-scopes";
