import { sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { boardDigests } from "../db/schema";
import { queueEmail } from "../email/outbox";
import { renderBoardDigest } from "../email/templates/board-digest";
import { getSettings } from "../settings/get-settings";

/** Threads listed in one digest; the rest are counted. */
const threadsPerDigest = 10;

/**
 * The daily digest: to every active person who wants it (on by default, off on their profile),
 * the threads of their boards with posts by others since yesterday that they have not read. One
 * per person and day: the day's row is written with the email, in one transaction, so a job run
 * twice sends nothing twice. Returns how many were sent.
 */
export async function sendBoardDigests(db: Database, appUrl: string): Promise<{ sent: number }> {
  const settings = await getSettings(db);
  if (!settings.communityBoardsEnabled) return { sent: 0 };
  const rows = await db.execute<{
    userId: string;
    email: string;
    firstName: string;
    boardId: string;
    board: string;
    threadId: string;
    title: string;
  }>(sql`
    with active as (
      select t.id, t.board_id, t.title, t.last_post_at from board_threads t
      join boards b on b.id = t.board_id and b.archived_at is null
      where t.hidden_at is null and t.last_post_at > now() - interval '1 day'),
    members as (
      select a.board_id, coalesce(a.user_id, s.user_id) as user_id
      from board_access a left join user_scopes s on s.node_id = a.node_id
      where a.board_id in (select board_id from active)
      union
      select a.board_id, u.id from board_access a
      join nodes n on n.id = a.node_id and n.kind = 'owner'
      cross join users u
      where a.board_id in (select board_id from active))
    select u.id as "userId", u.email, u.first_name as "firstName", b.id as "boardId", b.name as board,
      t.id as "threadId", t.title
    from active t
    join members m on m.board_id = t.board_id
    join users u on u.id = m.user_id and u.board_digest and u.suspended_at is null and u.status = 'active'
    join boards b on b.id = t.board_id
    where t.last_post_at > coalesce((select r.read_at from board_reads r where r.user_id = u.id and r.thread_id = t.id), '-infinity')
      and exists (select 1 from board_posts p where p.thread_id = t.id and p.hidden_at is null
        and p.created_at > greatest(now() - interval '1 day',
          coalesce((select r.read_at from board_reads r where r.user_id = u.id and r.thread_id = t.id), '-infinity'))
        and p.author_id is distinct from u.id)
      and not exists (select 1 from board_digests d where d.user_id = u.id and d.day = current_date)
    order by u.id, t.last_post_at desc`);
  const byPerson = new Map<string, (typeof rows)[number][]>();
  for (const row of rows) byPerson.set(row.userId, [...(byPerson.get(row.userId) ?? []), row]);
  let sent = 0;
  for (const [userId, threads] of byPerson) {
    const person = threads[0]!;
    await db.transaction(async (tx) => {
      const [today] = await tx
        .insert(boardDigests)
        .values({ userId, day: sql`current_date` })
        .onConflictDoNothing()
        .returning({ userId: boardDigests.userId });
      if (!today) return;
      await queueEmail(tx, {
        kind: "board_digest",
        to: person.email,
        userId,
        ...renderBoardDigest({
          installationName: settings.installationName,
          firstName: person.firstName,
          threads: threads.slice(0, threadsPerDigest).map((t) => ({
            board: t.board,
            title: t.title,
            link: new URL(`/portal/boards/${t.boardId}/threads/${t.threadId}`, appUrl).toString(),
          })),
          more: Math.max(0, threads.length - threadsPerDigest),
          profileLink: new URL("/portal/profile", appUrl).toString(),
        }),
      });
      sent += 1;
    });
  }
  return { sent };
}
