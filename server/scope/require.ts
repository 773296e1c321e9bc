import type { DbOrTx } from "../db/client";
import type { NodeKind } from "../db/schema";
import { DomainError } from "../domain-error";
import type { Action } from "./actions";
import { loadNodeTarget, loadUserTarget } from "./load";
import { can, refusalSentence, type Actor, type Decision, type NodeTarget, type UserTarget } from "./resolver";

/**
 * Asks the scope resolver about a user by id. A user the actor cannot even see looks exactly like
 * one that does not exist (NOT_FOUND); one they see but may not act on is FORBIDDEN. Procedures
 * (through their context) and workers (acting for the admin who started a bulk operation) share it.
 */
export async function requireUserAccess(
  db: DbOrTx,
  actor: Actor,
  action: Action,
  userId: string,
): Promise<{ target: UserTarget; decision: Decision & { allowed: true } }> {
  const target = await loadUserTarget(db, userId);
  const visible = target ? can(actor, "user.read", target) : null;
  if (!target || !visible?.allowed) throw new DomainError("NOT_FOUND", "No such user in your organisation.");
  const decision = action === "user.read" ? visible : can(actor, action, target);
  if (!decision.allowed) throw new DomainError("FORBIDDEN", refusalSentence(decision.reason));
  return { target, decision };
}

/**
 * Asks the scope resolver about a node by id: out of scope looks exactly like not found; in scope
 * but beyond the actor's role is FORBIDDEN. `childKind` says what is being created under it.
 */
export async function requireNodeAccess(
  db: DbOrTx,
  actor: Actor,
  action: Action,
  nodeId: string,
  childKind?: NodeKind,
): Promise<NodeTarget> {
  const found = await loadNodeTarget(db, nodeId);
  if (!found || !can(actor, "node.read", found).allowed)
    throw new DomainError("NOT_FOUND", "No such organisation in your scope.");
  const target: NodeTarget = childKind ? { ...found, childKind } : found;
  if (!can(actor, action, target).allowed) throw new DomainError("FORBIDDEN", "Your role does not allow this here.");
  return target;
}
