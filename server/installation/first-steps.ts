import { sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";

/**
 * What a new installation still lacks, for the owner admins' first steps on the dashboard: each
 * step is done once the installation holds what it makes. One statement.
 */
export async function firstStepsOf(db: DbOrTx, viewerId: string) {
  const [row] = await db.execute<{
    markets: boolean;
    customers: boolean;
    approvers: boolean;
    people: boolean;
    content: boolean;
  }>(sql`
    select exists (select 1 from nodes where kind in ('market', 'internal')) as markets,
           exists (select 1 from nodes where kind = 'customer') as customers,
           exists (select 1 from permission_group_members m join permission_groups g on g.id = m.permission_group_id
                   where m.user_id <> ${viewerId} and g.permissions && array['content.approve', 'content.publish']::permission[]) as approvers,
           exists (select 1 from users where id <> ${viewerId}) as people,
           exists (select 1 from content_items) as content`);
  const done = row ?? { markets: false, customers: false, approvers: false, people: false, content: false };
  const steps = [
    {
      key: "markets",
      title: "Create a market or an internal organisation",
      detail: "Markets are your distributors; internal organisations hold your own teams and their groups.",
      href: "/dashboard/organisation",
      done: done.markets,
    },
    {
      key: "customers",
      title: "Add the hospitals you serve",
      detail:
        "One by one in the organisation, or hundreds at once from a CSV file: customers under their market, with their groups.",
      href: "/dashboard/organisation/import",
      done: done.customers,
    },
    {
      key: "approvers",
      title: "Decide who else approves and publishes content",
      detail: "Put a second owner admin in a permission group with Approve and Publish: nobody changes their own.",
      href: "/dashboard/permission-groups",
      done: done.approvers,
    },
    {
      key: "people",
      title: "Invite people",
      detail: "Add administrators and product users one by one or from a CSV file; they get an invitation email.",
      href: "/dashboard/users/new",
      done: done.people,
    },
    {
      key: "content",
      title: "Create your first course or document",
      detail: "Write it, have it approved and published, then give it to markets and customers.",
      href: "/dashboard/content",
      done: done.content,
    },
  ];
  return { steps, allDone: steps.every((step) => step.done) };
}
