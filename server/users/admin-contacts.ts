import { sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";

export interface AdminContact {
  name: string;
  email: string;
}

/**
 * Whom a person can turn to about their own account: the customer admins of the hospitals they
 * are placed in (as a member or through a role), not suspended themselves, at most five.
 */
export async function hospitalAdminsOf(db: DbOrTx, userId: string): Promise<AdminContact[]> {
  const rows = await db.execute<{ first_name: string; last_name: string; email: string }>(sql`
    with placed as (
      select node_id from memberships where user_id = ${userId}
      union select node_id from role_assignments where user_id = ${userId}
    )
    select distinct admin.first_name, admin.last_name, admin.email
    from placed
    join nodes place on place.id = placed.node_id
    join nodes hospital on hospital.kind = 'customer' and hospital.archived_at is null
      and place.path like hospital.path || '%'
    join role_assignments r on r.node_id = hospital.id and r.role = 'customer_admin'
    join users admin on admin.id = r.user_id and admin.suspended_at is null and admin.id <> ${userId}
    order by admin.last_name, admin.first_name, admin.email
    limit 5`);
  return rows.map((row) => ({ name: `${row.first_name} ${row.last_name}`.trim() || row.email, email: row.email }));
}
