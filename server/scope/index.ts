export { actionRules, grantAction, type Action, type AnyAction, type BoardAction, type IssueAction } from "./actions";
export { loadActor, loadBoardTarget, loadIssueTarget, loadNodeTarget, loadUserTarget } from "./load";
export {
  administeredGrants,
  can,
  grantableRoles,
  holdsRoleFor,
  refusalSentence,
  staffReaches,
  type BoardDecision,
  type BoardTarget,
  type IssueDecision,
  type IssueTarget,
  type Refusal,
  type StaffReach,
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
