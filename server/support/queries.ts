import { alias, type AnyPgColumn } from "drizzle-orm/pg-core";
import { and, asc, desc, eq, ilike, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import {
  contentVersions,
  nodes,
  supportIssueEvents,
  supportIssues,
  supportIssueTypes,
  users,
  type SupportIssueStatus,
  type Reportability,
} from "../db/schema";
import { can, type Actor, type IssueTarget } from "../scope";
import { handledIssues, handlingIssues, readableIssues } from "./reach";

const reporters = alias(users, "reporter");
const assignees = alias(users, "assignee");
const customers = alias(nodes, "customer");
const units = alias(nodes, "unit");

const fullName = (person: { firstName: AnyPgColumn; lastName: AnyPgColumn }) =>
  sql<string>`trim(${person.firstName} || ' ' || ${person.lastName})`;
const itemTitle = sql<string | null>`(select v.title from ${contentVersions} v
  where v.item_id = ${supportIssues.itemId} and v.status = 'published' limit 1)`;

/**
 * Who reads an issue, for what they see of it: its reporter, its handlers (staff who handle it and
 * the admins of its handling unit), or the reporter's own organisation (its admins reading along).
 */
export type IssueViewer = "reporter" | "handler" | "organisation";

/** Which of them the reader is, as the scope resolver decides (support.readInternal). */
export function issueViewerOf(actor: Actor, issue: IssueTarget, as: "reporter" | "staff" | "admin"): IssueViewer {
  if (as === "reporter") return "reporter";
  return can(actor, "support.readInternal", issue).allowed ? "handler" : "organisation";
}

/** One issue, as its reader may see it (the resolver allowed them, as `as`), with what they may do to it. */
export async function issueForReader(db: DbOrTx, actor: Actor, issue: IssueTarget, as: "reporter" | "staff" | "admin") {
  const viewer = issueViewerOf(actor, issue, as);
  const detail = await issueDetail(db, issue.issueId, viewer);
  if (!detail) throw new Error("issue vanished after its check");
  return {
    ...detail,
    viewer,
    may: {
      handle: can(actor, "support.handle", issue).allowed,
      assign: can(actor, "support.assign", issue).allowed,
      follow: can(actor, "support.follow", issue).allowed,
      attach: detail.attachmentsAllowed && can(actor, "support.attach", issue).allowed,
    },
  };
}

/**
 * One issue with its history. Its handlers see everything. The reporter and their organisation see
 * the public entries only, never internal notes and files, the reportability decision or who
 * inside the maker handles it: the maker's side of the conversation is signed by the handling unit.
 */
export async function issueDetail(db: DbOrTx, issueId: string, viewer: IssueViewer) {
  const [issue] = await db
    .select({
      id: supportIssues.id,
      number: supportIssues.number,
      title: supportIssues.title,
      description: supportIssues.description,
      status: supportIssues.status,
      severity: supportIssues.severity,
      typeId: supportIssues.typeId,
      typeName: supportIssueTypes.name,
      deviceComplaint: supportIssueTypes.deviceComplaint,
      attachmentsAllowed: supportIssueTypes.attachmentsAllowed,
      itemId: supportIssues.itemId,
      itemTitle,
      reporterName: fullName(reporters),
      reporterEmail: reporters.email,
      customerName: customers.name,
      unitName: units.name,
      assigneeId: supportIssues.assigneeId,
      assigneeName: fullName(assignees),
      assigneeSuspended: sql<boolean>`${assignees.suspendedAt} is not null`,
      deviceSerial: supportIssues.deviceSerial,
      eventDate: supportIssues.eventDate,
      harm: supportIssues.harm,
      reportability: supportIssues.reportability,
      reportabilityReason: supportIssues.reportabilityReason,
      awareAt: supportIssues.awareAt,
      deadlineDays: supportIssues.deadlineDays,
      deadlineAt: supportIssues.deadlineAt,
      // Whole days until the report is due (negative once it is overdue), from the database's clock.
      deadlineDaysLeft: sql<
        number | null
      >`ceil(extract(epoch from (${supportIssues.deadlineAt} - now())) / 86400)::int`,
      resolvedAt: supportIssues.resolvedAt,
      createdAt: supportIssues.createdAt,
      updatedAt: supportIssues.updatedAt,
    })
    .from(supportIssues)
    .innerJoin(supportIssueTypes, eq(supportIssueTypes.id, supportIssues.typeId))
    .innerJoin(units, eq(units.id, supportIssues.unitId))
    .leftJoin(reporters, eq(reporters.id, supportIssues.reporterId))
    .leftJoin(customers, eq(customers.id, supportIssues.customerId))
    .leftJoin(assignees, eq(assignees.id, supportIssues.assigneeId))
    .where(eq(supportIssues.id, issueId));
  if (!issue) return null;
  const events = await db
    .select({
      id: supportIssueEvents.id,
      kind: supportIssueEvents.kind,
      public: supportIssueEvents.public,
      body: supportIssueEvents.body,
      data: supportIssueEvents.data,
      createdAt: supportIssueEvents.createdAt,
      actorName: fullName(users),
      byReporter: sql<boolean>`${supportIssueEvents.actorId} is not distinct from ${supportIssues.reporterId}`,
    })
    .from(supportIssueEvents)
    .innerJoin(supportIssues, eq(supportIssues.id, supportIssueEvents.issueId))
    .leftJoin(users, eq(users.id, supportIssueEvents.actorId))
    .where(
      and(
        eq(supportIssueEvents.issueId, issueId),
        viewer === "handler" ? undefined : eq(supportIssueEvents.public, true),
      ),
    )
    .orderBy(asc(supportIssueEvents.createdAt), asc(supportIssueEvents.id))
    // Where a file is stored is ours: readers fetch it by its entry, through the resolver.
    .then((rows) => rows.map(({ data: { key: _key, ...data }, ...event }) => ({ ...event, data })));
  if (viewer !== "handler") {
    // What the reporter's side reads of the handling: not who inside the maker, nor the decision.
    return {
      ...issue,
      assigneeId: null,
      assigneeName: null,
      assigneeSuspended: false,
      reportability: null,
      reportabilityReason: null,
      deadlineAt: null,
      deadlineDays: null,
      deadlineDaysLeft: null,
      events: events.map((event) => (event.byReporter ? event : { ...event, actorName: issue.unitName })),
    };
  }
  return { ...issue, events };
}

/** A reporter's own issues, newest first. */
export function reporterIssues(db: DbOrTx, reporterId: string) {
  return db
    .select({
      id: supportIssues.id,
      number: supportIssues.number,
      title: supportIssues.title,
      status: supportIssues.status,
      typeName: supportIssueTypes.name,
      updatedAt: supportIssues.updatedAt,
    })
    .from(supportIssues)
    .innerJoin(supportIssueTypes, eq(supportIssueTypes.id, supportIssues.typeId))
    .where(eq(supportIssues.reporterId, reporterId))
    .orderBy(desc(supportIssues.createdAt))
    .limit(200);
}

export type InboxTab = "unassigned" | "mine" | "waiting" | "all" | "reassign";

export interface InboxInput {
  tab: InboxTab;
  typeId?: string | undefined;
  status?: SupportIssueStatus | undefined;
  customerId?: string | undefined;
  marketId?: string | undefined;
  itemId?: string | undefined;
  olderThanDays?: number | undefined;
  search?: string | undefined;
  sort: "newest" | "oldest" | "updated" | "severity" | "deadline";
  page: number;
  pageSize: number;
}

const open = sql`${supportIssues.status} not in ('resolved', 'closed')`;

/** Each tab's rows, within what the actor may read (the `where` of its list and of its count). */
function tabCondition(actor: Actor, tab: InboxTab): SQL | null {
  const readable = readableIssues(actor);
  if (!readable) return null;
  const handled = handledIssues(actor);
  switch (tab) {
    case "unassigned":
      return handled ? sql`${handled} and ${supportIssues.assigneeId} is null and ${open}` : null;
    case "mine":
      return sql`${readable} and ${supportIssues.assigneeId} = ${actor.userId} and ${open}`;
    case "waiting":
      return sql`${readable} and ${supportIssues.status} = 'waiting' and (${supportIssues.assigneeId} = ${actor.userId} or ${supportIssues.assigneeId} is null)`;
    case "reassign":
      // Issues whose handler was suspended stay as they are, and wait here for someone to reassign them.
      return sql`${readable} and ${open} and ${supportIssues.assigneeId} in (select id from users where suspended_at is not null)`;
    default:
      return readable;
  }
}

/**
 * A column only for the rows whose handling the actor takes part in (null on the others): who
 * handles an issue and its reportability are the maker's, not the reporter's organisation's.
 */
function forHandlers(actor: Actor) {
  const handling = handlingIssues(actor) ?? sql`false`;
  return <T>(column: SQL | AnyPgColumn) => sql<T | null>`case when ${handling} then ${column} end`;
}

const severityRank = sql`case ${supportIssues.severity} when 'critical' then 0 when 'high' then 1 when 'medium' then 2 else 3 end`;

/** An ILIKE pattern for text containing `search`, its own % and _ taken literally. */
const containing = (search: string) => `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * What the inbox's customer, market and product filters offer: those (matching what was typed)
 * with at least one issue the actor reads, so no one learns of a customer or product beyond
 * their reach. Twenty at most, by name; each one's test runs on the issues' own indexes.
 */
export async function inboxFilterOptions(
  db: DbOrTx,
  actor: Actor,
  input: { kind: "customer" | "market" | "item"; search?: string | undefined },
): Promise<{ id: string; label: string }[]> {
  const reach = readableIssues(actor);
  if (!reach) return [];
  const search = input.search?.trim() ? containing(input.search.trim()) : "%";
  if (input.kind === "item") {
    const rows = await db.execute<{ id: string; label: string }>(sql`
      select v.item_id as id, v.title as label from ${contentVersions} v
      where v.status = 'published' and v.title ilike ${search}
        and exists (select 1 from ${supportIssues} where ${supportIssues.itemId} = v.item_id and ${reach})
      order by v.title limit 20`);
    return [...rows];
  }
  const column = input.kind === "customer" ? supportIssues.customerId : supportIssues.marketId;
  // A customer is named with its market: two hospitals of one name in two countries stay apart.
  // What was typed is looked for in that whole label, so a label chosen earlier still finds itself.
  const rows = await db.execute<{ id: string; label: string }>(sql`
    select id, label from (
      select n.id, case when n.kind = 'customer' then n.name || ' (' || p.name || ')' else n.name end as label
      from ${nodes} n join ${nodes} p on p.id = n.parent_id
      where n.kind = ${input.kind}
        and exists (select 1 from ${supportIssues} where ${column} = n.id and ${reach})
    ) named
    where label ilike ${search}
    order by label limit 20`);
  return [...rows];
}

/** The rows of one tab with the filters and the search: the inbox's and the export's `where`. */
function inboxWhere(actor: Actor, input: Omit<InboxInput, "sort" | "page" | "pageSize">): SQL | null {
  const condition = tabCondition(actor, input.tab);
  if (!condition) return null;
  const search = input.search?.trim();
  const number = search && /^\d{1,12}$/.test(search) ? Number(search) : null;
  return (
    and(
      condition,
      input.typeId ? eq(supportIssues.typeId, input.typeId) : undefined,
      input.status ? eq(supportIssues.status, input.status) : undefined,
      input.customerId ? eq(supportIssues.customerId, input.customerId) : undefined,
      input.marketId ? eq(supportIssues.marketId, input.marketId) : undefined,
      input.itemId ? eq(supportIssues.itemId, input.itemId) : undefined,
      input.olderThanDays
        ? lt(supportIssues.createdAt, sql`now() - ${`${input.olderThanDays} days`}::interval`)
        : undefined,
      search
        ? or(
            ilike(supportIssues.title, containing(search)),
            number !== null ? eq(supportIssues.number, number) : undefined,
          )
        : undefined,
    ) ?? null
  );
}

/** A handler's inbox: one tab's page of issues, filtered, searched and sorted. */
export async function inbox(db: DbOrTx, actor: Actor, input: InboxInput) {
  const where = inboxWhere(actor, input);
  if (!where) return { items: [], total: 0 };
  const handling = forHandlers(actor);
  const order = {
    newest: [desc(supportIssues.createdAt)],
    oldest: [asc(supportIssues.createdAt)],
    updated: [desc(supportIssues.updatedAt)],
    severity: [asc(severityRank), desc(supportIssues.createdAt)],
    deadline: [sql`${handling(supportIssues.deadlineAt)} asc nulls last`, desc(supportIssues.createdAt)],
  }[input.sort];
  // The page's ids first, from the indexes alone where they can tell (reach, order), then the 25
  // rows' details: the table is read for the rows shown, not for every row in reach.
  const pageIds = db
    .select({ id: supportIssues.id })
    .from(supportIssues)
    .where(where)
    .orderBy(...order, desc(supportIssues.id))
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
  const [items, counted] = await Promise.all([
    db
      .select({
        id: supportIssues.id,
        number: supportIssues.number,
        title: supportIssues.title,
        status: supportIssues.status,
        severity: supportIssues.severity,
        typeName: supportIssueTypes.name,
        deviceComplaint: supportIssueTypes.deviceComplaint,
        customerName: customers.name,
        reporterName: fullName(reporters),
        assigneeName: handling<string>(fullName(assignees)),
        deadlineAt: handling<Date>(supportIssues.deadlineAt),
        // Whether the viewer takes part in its handling: who handles the others is not theirs to see.
        handledByViewer: handling<boolean>(sql`true`),
        createdAt: supportIssues.createdAt,
        updatedAt: supportIssues.updatedAt,
      })
      .from(supportIssues)
      .innerJoin(supportIssueTypes, eq(supportIssueTypes.id, supportIssues.typeId))
      .leftJoin(customers, eq(customers.id, supportIssues.customerId))
      .leftJoin(reporters, eq(reporters.id, supportIssues.reporterId))
      .leftJoin(assignees, eq(assignees.id, supportIssues.assigneeId))
      .where(inArray(supportIssues.id, pageIds))
      .orderBy(...order, desc(supportIssues.id)),
    cappedCount(db, where),
  ]);
  return { items, total: counted };
}

/**
 * Counting stops here: past it a tab says "10,000+". Counting a million rows on every page view
 * would cost more than the page itself.
 */
export const countCap = 10_000;

async function cappedCount(db: DbOrTx, where: SQL): Promise<number> {
  const [row] = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from (select 1 from ${supportIssues} where ${where} limit ${countCap + 1}) capped`,
  );
  return row?.n ?? 0;
}

/** How many issues each tab holds (up to the cap), for the tab labels. */
export async function inboxCounts(db: DbOrTx, actor: Actor): Promise<Record<InboxTab, number>> {
  const tabs: InboxTab[] = ["unassigned", "mine", "waiting", "all", "reassign"];
  const counts = await Promise.all(
    tabs.map(async (tab) => {
      const condition = tabCondition(actor, tab);
      return condition ? cappedCount(db, condition) : 0;
    }),
  );
  return Object.fromEntries(tabs.map((tab, i) => [tab, counts[i] ?? 0])) as Record<InboxTab, number>;
}

/** The handlers an issue can be assigned to: staff whose reach covers it, not suspended. */
export async function assignableHandlers(db: DbOrTx, issueId: string) {
  const rows = await db.execute<{ id: string; name: string; email: string }>(sql`
    select distinct u.id, trim(u.first_name || ' ' || u.last_name) as name, u.email
    from support_issues i
    join nodes unit on unit.id = i.unit_id
    join support_staff_units su on true
    join nodes staff_unit on staff_unit.id = su.unit_id and unit.path like staff_unit.path || '%'
    join users u on u.id = su.user_id and u.suspended_at is null
    where i.id = ${issueId}
      and (not exists (select 1 from support_staff_types st where st.user_id = u.id)
           or exists (select 1 from support_staff_types st where st.user_id = u.id and st.type_id = i.type_id))
      and (not exists (select 1 from support_staff_accounts sa where sa.user_id = u.id)
           or exists (select 1 from support_staff_accounts sa where sa.user_id = u.id
             and ((sa.category = 'distributor' and sa.node_id = i.market_id)
               or (sa.category <> 'distributor' and sa.node_id = i.customer_id))))
    order by name`);
  return [...rows];
}

/** At most this many issues per export (a narrower filter exports the rest). */
export const exportLimit = 10_000;

/**
 * The issues of one tab with its filters, oldest first, as rows for a spreadsheet (trending): what
 * the inbox shows, and the product, the month, the device and the reportability decision.
 */
export async function exportIssues(db: DbOrTx, actor: Actor, input: Omit<InboxInput, "sort" | "page" | "pageSize">) {
  const where = inboxWhere(actor, input);
  if (!where) return [];
  const handling = forHandlers(actor);
  return db
    .select({
      number: supportIssues.number,
      reported: sql<string>`to_char(${supportIssues.createdAt} at time zone 'UTC', 'YYYY-MM-DD HH24:MI')`,
      month: sql<string>`to_char(${supportIssues.createdAt} at time zone 'UTC', 'YYYY-MM')`,
      type: supportIssueTypes.name,
      title: supportIssues.title,
      status: supportIssues.status,
      severity: supportIssues.severity,
      product: itemTitle,
      customer: customers.name,
      reporter: fullName(reporters),
      handler: handling<string>(fullName(assignees)),
      deviceSerial: supportIssues.deviceSerial,
      eventDate: supportIssues.eventDate,
      harm: sql<string | null>`case when ${supportIssues.harm} then 'yes' when not ${supportIssues.harm} then 'no' end`,
      reportable: handling<Reportability>(supportIssues.reportability),
      reportDue: handling<string>(sql`to_char(${supportIssues.deadlineAt} at time zone 'UTC', 'YYYY-MM-DD HH24:MI')`),
    })
    .from(supportIssues)
    .innerJoin(supportIssueTypes, eq(supportIssueTypes.id, supportIssues.typeId))
    .leftJoin(customers, eq(customers.id, supportIssues.customerId))
    .leftJoin(reporters, eq(reporters.id, supportIssues.reporterId))
    .leftJoin(assignees, eq(assignees.id, supportIssues.assigneeId))
    .where(where)
    .orderBy(asc(supportIssues.createdAt))
    .limit(exportLimit);
}

/**
 * Issues per month (the last 12) and per product (the 10 with most), over one tab with its
 * filters: the inbox's trend chart.
 */
export async function issueTrend(db: DbOrTx, actor: Actor, input: Omit<InboxInput, "sort" | "page" | "pageSize">) {
  const where = inboxWhere(actor, input);
  if (!where) return { months: [], products: [] };
  const [months, products] = await Promise.all([
    db.execute<{ month: string; issues: number }>(sql`
      select to_char(date_trunc('month', ${supportIssues.createdAt} at time zone 'UTC'), 'YYYY-MM') as month,
        count(*)::int as issues
      from ${supportIssues}
      where ${where} and ${supportIssues.createdAt} >= date_trunc('month', now() at time zone 'UTC') - interval '11 months'
      group by 1 order by 1`),
    db.execute<{ product: string | null; issues: number }>(sql`
      select (select v.title from ${contentVersions} v where v.item_id = ${supportIssues.itemId} and v.status = 'published' limit 1) as product,
        count(*)::int as issues
      from ${supportIssues}
      where ${where}
      group by ${supportIssues.itemId} order by count(*) desc limit 10`),
  ]);
  return {
    months: [...months].map((row) => ({ month: row.month, issues: row.issues })),
    products: [...products].map((row) => ({ product: row.product ?? "No product named", issues: row.issues })),
  };
}
