export { actionRules, type Action } from "./actions";
export { loadActor, loadUserTarget } from "./load";
export { administeredPaths, can, type Actor, type Decision, type Placement, type RoleGrant, type Target, type UserTarget } from "./resolver";
export { highestRole, roleLabel, roleNodeKind, roleRank, type AdminRole } from "./roles";
export { visibleUsersFilter } from "./users-filter";
