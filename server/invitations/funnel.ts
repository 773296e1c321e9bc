import { and, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { users } from "../db/schema";
import { visibleUsersFilter, type Actor } from "../scope";

export interface OnboardingFunnel {
  notInvited: number;
  invited: number;
  delivered: number;
  bounced: number;
  active: number;
}

/**
 * Where the people in the actor's scope stand in onboarding (suspended users left out): Not
 * invited, Invited (the provider took the email), Delivered and Bounced (what the provider
 * reported of the newest invitation, a part of Invited), Active. One aggregate over the scope.
 */
export async function onboardingFunnel(db: DbOrTx, actor: Actor): Promise<OnboardingFunnel> {
  const [row] = await db
    .select({
      notInvited: sql<number>`(count(*) filter (where ${users.status} = 'not_invited'))::int`,
      invited: sql<number>`(count(*) filter (where ${users.status} = 'invited'))::int`,
      delivered: sql<number>`(count(*) filter (where ${users.status} = 'invited' and ${users.invitationDelivery} = 'delivered'))::int`,
      bounced: sql<number>`(count(*) filter (where ${users.status} = 'invited' and ${users.invitationDelivery} in ('bounced', 'complained')))::int`,
      active: sql<number>`(count(*) filter (where ${users.status} = 'active'))::int`,
    })
    .from(users)
    .where(and(isNull(users.suspendedAt), visibleUsersFilter(actor)));
  return row ?? { notInvited: 0, invited: 0, delivered: 0, bounced: 0, active: 0 };
}
