import { randomUUID } from "node:crypto";
import { and, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import Papa from "papaparse";
import type { AuditContext } from "../audit/record-audit";
import type { DbOrTx } from "../db/client";
import { auditLog, nodes, type NodeKind } from "../db/schema";
import { DomainError } from "../domain-error";
import { can, type Actor, type NodeTarget } from "../scope";
import { getSettings } from "../settings/get-settings";
import { validateCustomFieldValues, type CustomFieldValues } from "./custom-fields";
import { kindLabel } from "./kinds";
import { allowedParentKinds } from "./nodes";

/*
 * Importing the organisation from a CSV file: markets, customers (with their custom fields),
 * internal organisations and user groups, each placed under its parent by the parent's external id
 * (a line of the same file or a node already there) or by the path of names from the top. The dry
 * run and the import share one plan, so what the check promised is what the import does; the
 * import re-plans against the database as it then is. A line is matched to a node that exists
 * (by external id, else by kind and name under the same parent), so importing a file again creates
 * nothing twice: it updates what changed.
 */

export const organisationImportLimits = { maxRows: 100_000, maxChars: 3_500_000 };
export const organisationColumns = [
  "kind",
  "name",
  "external_id",
  "parent_external_id",
  "parent_path",
  "description",
] as const;
type Column = (typeof organisationColumns)[number];
const importableKinds = ["market", "customer", "internal", "group"] as const;
type ImportableKind = (typeof importableKinds)[number];
/** Between the names of a parent path: "Nordics / St Olav University Hospital". */
export const pathSeparator = "/";

/** A node of the tree as the plan sees it (those already there). */
interface ExistingNode {
  id: string;
  parentId: string | null;
  kind: NodeKind;
  name: string;
  path: string;
  description: string;
  customFields: CustomFieldValues;
  externalId: string | null;
  archived: boolean;
}

export interface PlannedLine {
  line: number;
  kind: ImportableKind | null;
  name: string;
  externalId: string | null;
  description: string;
  customFields: CustomFieldValues;
  /** The parent: another line of the file (its index in `lines`), or a node already there. */
  parent: { line: number } | { node: ExistingNode } | null;
  /** The node this line is, when it exists already. */
  existing: ExistingNode | null;
  action: "create" | "update" | "unchanged";
  /** How deep under the nodes already there: lines are applied shallowest first. */
  depth: number;
  errors: string[];
}

export interface OrganisationImportPlan {
  lines: PlannedLine[];
  /** Applying in this order creates every parent before its children. */
  order: number[];
}

const normaliseHeader = (header: string) =>
  header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");

/**
 * A cell a spreadsheet would run as a formula when the file is opened again (=, @, +, -, a tab or
 * a carriage return at the start; a plain number excepted): refused rather than stored.
 */
function isFormula(cell: string): boolean {
  if (cell === "") return false;
  if (/^[+-]\d+([.,]\d+)?$/.test(cell.trim())) return false;
  return /^[=@+\-\t\r]/.test(cell);
}

/** Reads the file: a header row naming the columns, then one node per row. */
export function parseOrganisationCsv(
  text: string,
  customerFieldKeys: readonly { key: string; label: string }[],
): { rows: { line: number; cells: Record<string, string> }[]; fieldColumns: Map<string, string> } {
  if (text.length > organisationImportLimits.maxChars)
    throw new DomainError(
      "BAD_REQUEST",
      "The file is larger than 3.5 MB: split it into files of at most 100,000 lines (markets and customers first).",
    );
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: "greedy",
    transformHeader: normaliseHeader,
  });
  const headers = parsed.meta.fields ?? [];
  for (const required of ["kind", "name"] as const)
    if (!headers.includes(required))
      throw new DomainError(
        "BAD_REQUEST",
        `The first row must name the columns, among them "kind" and "name"; "${required}" is missing.`,
      );
  // A column that is not one of ours is a customer field, by its key or its label.
  const fieldColumns = new Map<string, string>();
  for (const header of headers) {
    if ((organisationColumns as readonly string[]).includes(header)) continue;
    const field = customerFieldKeys.find((f) => f.key === header || normaliseHeader(f.label) === header);
    if (!field)
      throw new DomainError(
        "BAD_REQUEST",
        `The column "${header}" is neither one of ${organisationColumns.join(", ")} nor a customer field (Settings › Customer fields).`,
      );
    fieldColumns.set(header, field.key);
  }
  if (parsed.data.length > organisationImportLimits.maxRows)
    throw new DomainError(
      "BAD_REQUEST",
      `The file has ${parsed.data.length.toLocaleString("en-GB")} lines: import at most ${organisationImportLimits.maxRows.toLocaleString("en-GB")} at a time.`,
    );
  // Line numbers as a spreadsheet shows them: the header is line 1.
  return { rows: parsed.data.map((cells, index) => ({ line: index + 2, cells })), fieldColumns };
}

const existingColumns = {
  id: nodes.id,
  parentId: nodes.parentId,
  kind: nodes.kind,
  name: nodes.name,
  path: nodes.path,
  description: nodes.description,
  customFields: nodes.customFields,
  externalId: nodes.externalId,
  archived: sql<boolean>`${nodes.archivedAt} is not null`,
};

/** Checks every line of the file against the tree as it is and the actor's scope; writes nothing. */
export async function planOrganisationImport(db: DbOrTx, actor: Actor, csv: string): Promise<OrganisationImportPlan> {
  const settings = await getSettings(db);
  const { rows, fieldColumns } = parseOrganisationCsv(csv, settings.customerFields);
  const [owner] = await db.select(existingColumns).from(nodes).where(eq(nodes.kind, "owner"));
  if (!owner) throw new DomainError("PRECONDITION_FAILED", "The installation has no owner organisation yet.");

  const cell = (cells: Record<string, string>, column: Column) => (cells[column] ?? "").trim();
  const lines: PlannedLine[] = rows.map(({ line, cells }) => {
    const errors: string[] = [];
    for (const [column, value] of Object.entries(cells))
      if (typeof value === "string" && isFormula(value))
        errors.push(
          `The ${column.replace(/_/g, " ")} starts like a formula ("${value.slice(0, 1)}"): formulas are not imported.`,
        );
    const kindText = cell(cells, "kind").toLowerCase();
    const kind = (importableKinds as readonly string[]).includes(kindText) ? (kindText as ImportableKind) : null;
    if (!kind)
      errors.push(`The kind must be one of ${importableKinds.join(", ")}${kindText ? `, not "${kindText}"` : ""}.`);
    const name = cell(cells, "name");
    if (!name) errors.push("The name is missing.");
    else if (name.length > 200) errors.push("The name is longer than 200 characters.");
    const externalId = cell(cells, "external_id") || null;
    if (externalId && !/^[\w.:/-]{1,100}$/.test(externalId))
      errors.push("The external id holds at most 100 letters, digits and . _ : / -.");
    const description = cell(cells, "description");
    if (description.length > 2000) errors.push("The description is longer than 2,000 characters.");
    const values: CustomFieldValues = {};
    for (const [column, key] of fieldColumns)
      if (cell(cells, column as Column) !== "") values[key] = cell(cells, column as Column);
    let customFields: CustomFieldValues = {};
    if (kind === "customer") {
      try {
        customFields = validateCustomFieldValues(settings.customerFields, values);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        errors.push(error.message);
      }
    } else if (kind && Object.keys(values).length > 0) {
      errors.push("Only customers carry custom fields: leave those columns empty here.");
    }
    return {
      line,
      kind,
      name,
      externalId,
      description,
      customFields,
      parent: null,
      existing: null,
      action: "create" as const,
      depth: 0,
      errors,
    };
  });

  // External ids: unique in the file, and looked up among the nodes already there.
  const byExternalId = new Map<string, number>();
  lines.forEach((planned, index) => {
    if (!planned.externalId) return;
    const first = byExternalId.get(planned.externalId);
    if (first === undefined) byExternalId.set(planned.externalId, index);
    else {
      planned.errors.push(`The external id "${planned.externalId}" is also on line ${lines[first]!.line}.`);
      lines[first]!.errors.push(`The external id "${planned.externalId}" is also on line ${planned.line}.`);
    }
  });
  const referenced = new Set<string>();
  for (const { cells } of rows) {
    const own = cell(cells, "external_id");
    const parent = cell(cells, "parent_external_id");
    if (own) referenced.add(own);
    if (parent) referenced.add(parent);
  }
  // Nodes outside the actor's part of the organisation do not exist for them: not as parents, and
  // not by name (an external id of one is only said to be taken).
  const readable = (node: ExistingNode) =>
    can(actor, "node.read", { type: "node", nodeId: node.id, nodePath: node.path, kind: node.kind }).allowed;
  const existingByExternalId = new Map<string, ExistingNode>();
  const ids = [...referenced];
  for (let i = 0; i < ids.length; i += 10_000)
    for (const node of await db
      .select(existingColumns)
      .from(nodes)
      .where(inArray(nodes.externalId, ids.slice(i, i + 10_000))))
      existingByExternalId.set(node.externalId!, node);

  // Parent paths name nodes already there, from the top: groups are never parents, so the others suffice.
  const needsPaths = rows.some(({ cells }) => cell(cells, "parent_path") && !cell(cells, "parent_external_id"));
  const childByName = new Map<string, ExistingNode>();
  if (needsPaths)
    for (const node of await db
      .select(existingColumns)
      .from(nodes)
      .where(and(ne(nodes.kind, "group"), isNull(nodes.archivedAt))))
      childByName.set(`${node.parentId}\u0000${node.name.toLowerCase()}`, node);
  const resolvePath = (path: string): ExistingNode | null => {
    let at: ExistingNode | null = owner;
    for (const name of path.split(pathSeparator).map((part) => part.trim().toLowerCase())) {
      if (!at || name === "") return null;
      at = childByName.get(`${at.id}\u0000${name}`) ?? null;
    }
    return at;
  };

  // Each line's parent.
  rows.forEach(({ cells }, index) => {
    const planned = lines[index]!;
    const parentId = cell(cells, "parent_external_id");
    const parentPath = cell(cells, "parent_path");
    if (parentId) {
      const inFile = byExternalId.get(parentId);
      if (inFile !== undefined) planned.parent = { line: inFile };
      else {
        const node = existingByExternalId.get(parentId);
        if (node && readable(node)) planned.parent = { node };
        else planned.errors.push(`No line of the file and no node has the external id "${parentId}".`);
      }
    } else if (parentPath) {
      const node = resolvePath(parentPath);
      if (node && readable(node)) planned.parent = { node };
      else planned.errors.push(`Nothing in the organisation is at "${parentPath}".`);
    } else planned.parent = { node: owner };
  });

  // Depth and cycles: follow each line's parents within the file.
  const depthOf = new Map<number, number>();
  const inCycle = new Set<number>();
  lines.forEach((_, start) => {
    const chain: number[] = [];
    let at: number | undefined = start;
    while (at !== undefined && !depthOf.has(at)) {
      if (chain.includes(at)) {
        for (const member of chain.slice(chain.indexOf(at))) inCycle.add(member);
        break;
      }
      chain.push(at);
      const parent: PlannedLine["parent"] = lines[at]!.parent;
      at = parent && "line" in parent ? parent.line : undefined;
    }
    let depth = at !== undefined && depthOf.has(at) ? depthOf.get(at)! + 1 : 0;
    for (const member of chain.reverse()) {
      depthOf.set(member, inCycle.has(member) ? -1 : depth);
      depth += 1;
    }
  });
  for (const index of inCycle)
    lines[index]!.errors.push(
      "This line is its own ancestor: the parent external ids go round in a circle. Give one of them a parent outside the circle.",
    );

  // Kinds under their parents, the nodes each line already is, and the actor's scope, shallowest first.
  const order = lines
    .map((_, index) => index)
    .filter((index) => !inCycle.has(index))
    .sort((a, b) => depthOf.get(a)! - depthOf.get(b)! || a - b);
  const siblingsLoaded = new Map<string, Map<string, ExistingNode>>();
  async function siblingsUnder(parentIds: string[]) {
    const missing = parentIds.filter((id) => !siblingsLoaded.has(id));
    for (const id of missing) siblingsLoaded.set(id, new Map());
    for (let i = 0; i < missing.length; i += 10_000)
      for (const node of await db
        .select(existingColumns)
        .from(nodes)
        .where(and(inArray(nodes.parentId, missing.slice(i, i + 10_000)), isNull(nodes.archivedAt))))
        siblingsLoaded.get(node.parentId!)!.set(`${node.kind}\u0000${node.name.toLowerCase()}`, node);
  }
  const namesInFile = new Map<string, number>();
  const maxDepth = Math.max(-1, ...order.map((index) => depthOf.get(index)!));
  for (let depth = 0; depth <= maxDepth; depth += 1) {
    const level = order.filter((index) => depthOf.get(index) === depth);
    const parentNodeOf = (planned: PlannedLine): ExistingNode | null =>
      planned.parent === null
        ? null
        : "node" in planned.parent
          ? planned.parent.node
          : lines[planned.parent.line]!.existing;
    await siblingsUnder([
      ...new Set(level.map((index) => parentNodeOf(lines[index]!)?.id).filter((id): id is string => id !== undefined)),
    ]);
    for (const index of level) {
      const planned = lines[index]!;
      planned.depth = depth;
      if (!planned.kind || !planned.parent) continue;
      const parentLine = "line" in planned.parent ? lines[planned.parent.line]! : null;
      const parentKind: NodeKind | null = parentLine
        ? parentLine.kind
        : (planned.parent as { node: ExistingNode }).node.kind;
      if (parentLine && parentLine.errors.length > 0)
        planned.errors.push(`Its parent, line ${parentLine.line}, has a problem.`);
      if (parentKind && !allowedParentKinds[planned.kind].includes(parentKind))
        planned.errors.push(
          `A ${kindLabel[planned.kind]} cannot be placed under a ${kindLabel[parentKind]}: ${planned.kind === "group" ? "groups belong to a market, a customer or an internal organisation" : planned.kind === "customer" ? "customers belong to a market or to the owner" : "it belongs directly under the owner"}.`,
        );
      const parentNode = parentNodeOf(planned);
      if (parentNode?.archived) planned.errors.push(`"${parentNode.name}" is archived: restore it first.`);

      // Two lines of the file may not be one node.
      const parentKey = parentNode?.id ?? `line:${parentLine?.line}`;
      const nameKey = `${parentKey}\u0000${planned.kind}\u0000${planned.name.toLowerCase()}`;
      const twin = namesInFile.get(nameKey);
      if (twin !== undefined)
        planned.errors.push(`Line ${twin} has the same ${kindLabel[planned.kind]} under the same parent.`);
      else namesInFile.set(nameKey, planned.line);

      // The node this line already is: by its external id, else by kind and name under its parent.
      const byId = planned.externalId ? existingByExternalId.get(planned.externalId) : undefined;
      const byName = parentNode
        ? siblingsLoaded.get(parentNode.id)?.get(`${planned.kind}\u0000${planned.name.toLowerCase()}`)
        : undefined;
      if (byId && !readable(byId)) {
        planned.errors.push(
          `The external id "${planned.externalId}" is taken by a node outside your part of the organisation.`,
        );
      } else if (byId) {
        if (byId.kind !== planned.kind)
          planned.errors.push(
            `The external id "${planned.externalId}" is a ${kindLabel[byId.kind]}, not a ${kindLabel[planned.kind]}.`,
          );
        else if (byId.parentId !== (parentNode?.id ?? null))
          planned.errors.push(
            `"${byId.name}" (external id "${planned.externalId}") sits under another parent: move it in the organisation, then import again.`,
          );
        else if (byName && byName.id !== byId.id)
          planned.errors.push(`Another ${kindLabel[planned.kind]} here is called "${byName.name}" already.`);
        planned.existing = byId;
      } else if (byName) {
        if (byName.externalId && planned.externalId && byName.externalId !== planned.externalId)
          planned.errors.push(`"${byName.name}" is here already, with the external id "${byName.externalId}".`);
        planned.existing = byName;
      }

      // The actor's scope: creating under the parent (the nearest node already there for one
      // that is a line of the file), or editing the node the line already is.
      if (planned.existing) {
        const target: NodeTarget = {
          type: "node",
          nodeId: planned.existing.id,
          nodePath: planned.existing.path,
          kind: planned.existing.kind,
        };
        const changes =
          planned.existing.name !== planned.name ||
          planned.existing.description !== planned.description ||
          (planned.kind === "customer" &&
            JSON.stringify(planned.existing.customFields) !== JSON.stringify(planned.customFields)) ||
          (planned.externalId !== null && planned.existing.externalId !== planned.externalId);
        planned.action = changes ? "update" : "unchanged";
        if (changes && !can(actor, "node.edit", target).allowed)
          planned.errors.push(`You may not edit "${planned.existing.name}".`);
      } else if (parentKind) {
        let anchor: ExistingNode | null = parentNode;
        let walker: PlannedLine | null = parentLine;
        while (!anchor && walker) {
          const up: PlannedLine["parent"] = walker.parent;
          if (!up) break;
          if ("node" in up) anchor = up.node;
          else {
            walker = lines[up.line]!;
            anchor = walker.existing;
          }
        }
        const target: NodeTarget = {
          type: "node",
          nodeId: anchor?.id ?? owner.id,
          nodePath: anchor?.path ?? owner.path,
          kind: parentKind,
          childKind: planned.kind,
        };
        if (!can(actor, "node.create", target).allowed)
          planned.errors.push(
            `You may not create a ${kindLabel[planned.kind]} there${anchor ? ` (under "${anchor.name}")` : ""}.`,
          );
      }
    }
  }
  return { lines, order };
}

/** What the dry run shows: the counts, each line's problem, and the first lines. */
export function summariseImportPlan(plan: OrganisationImportPlan) {
  const count = (action: PlannedLine["action"]) =>
    plan.lines.filter((line) => line.errors.length === 0 && line.action === action).length;
  const problems = plan.lines.filter((line) => line.errors.length > 0);
  return {
    total: plan.lines.length,
    create: count("create"),
    update: count("update"),
    unchanged: count("unchanged"),
    problemCount: problems.length,
    problems: problems.slice(0, 500).map(({ line, name, errors }) => ({ line, name, errors })),
    preview: plan.order
      .slice(0, 10)
      .map((index) => plan.lines[index]!)
      .map(({ line, kind, name, action }) => ({ line, kind, name, action })),
  };
}

/**
 * Applies the planned lines among `lines` (line numbers), shallowest first, in the caller's
 * transaction: new nodes in one statement per batch, updates one by one, an audit entry for each.
 * `createdIds` carries the ids of lines created by earlier batches of the same run. Returns each
 * line's outcome; a line whose plan has a problem (the tree changed since the check) fails.
 *
 * Authority is asked again here, of `actor` as the starter is now and of the nodes where they are
 * now: an admin who lost the role since the check, or a parent moved out of their reach, stops
 * the lines it concerns.
 */
export async function applyOrganisationLines(
  tx: DbOrTx,
  context: AuditContext,
  actor: Actor,
  plan: OrganisationImportPlan,
  lineNumbers: ReadonlySet<number>,
  createdIds: Map<number, { id: string; path: string }>,
): Promise<Map<number, { status: "done" | "failed"; message: string | null }>> {
  const outcomes = new Map<number, { status: "done" | "failed"; message: string | null }>();
  const inserts: (typeof nodes.$inferInsert)[] = [];
  const audits: (typeof auditLog.$inferInsert)[] = [];
  // The nodes already there that this batch creates under or edits, as they are now.
  const existingIds = new Set<string>();
  for (const index of plan.order) {
    const planned = plan.lines[index]!;
    if (!lineNumbers.has(planned.line) || !planned.parent) continue;
    if (planned.existing) existingIds.add(planned.existing.id);
    if ("node" in planned.parent) existingIds.add(planned.parent.node.id);
    else if (plan.lines[planned.parent.line]!.existing) existingIds.add(plan.lines[planned.parent.line]!.existing!.id);
  }
  const now = new Map<string, { path: string; kind: NodeKind }>();
  const ids = [...existingIds];
  for (let i = 0; i < ids.length; i += 10_000)
    for (const node of await tx
      .select({ id: nodes.id, path: nodes.path, kind: nodes.kind })
      .from(nodes)
      .where(inArray(nodes.id, ids.slice(i, i + 10_000))))
      now.set(node.id, { path: node.path, kind: node.kind });
  const createdKinds = new Map<string, NodeKind>();
  const refused = (line: number, message: string) => outcomes.set(line, { status: "failed", message });
  for (const index of plan.order) {
    const planned = plan.lines[index]!;
    if (!lineNumbers.has(planned.line)) continue;
    if (planned.errors.length > 0 || !planned.kind || !planned.parent) {
      outcomes.set(planned.line, {
        status: "failed",
        message: planned.errors.join(" ") || "This line was not imported.",
      });
      continue;
    }
    const parentLine = "line" in planned.parent ? plan.lines[planned.parent.line]! : null;
    const parentId = parentLine
      ? (createdIds.get(parentLine.line)?.id ?? parentLine.existing?.id ?? null)
      : (planned.parent as { node: ExistingNode }).node.id;
    const created = parentLine ? createdIds.get(parentLine.line) : undefined;
    const parent = created
      ? { id: created.id, path: created.path, kind: createdKinds.get(created.id) ?? parentLine!.kind! }
      : parentId && now.has(parentId)
        ? { id: parentId, ...now.get(parentId)! }
        : null;
    if (!parent) {
      refused(
        planned.line,
        parentLine ? `Its parent, line ${parentLine.line}, was not imported.` : "Its parent no longer exists.",
      );
      continue;
    }
    if (planned.existing) {
      const current = now.get(planned.existing.id);
      if (!current) {
        refused(planned.line, `"${planned.existing.name}" no longer exists.`);
        continue;
      }
      if (
        planned.action === "update" &&
        !can(actor, "node.edit", {
          type: "node",
          nodeId: planned.existing.id,
          nodePath: current.path,
          kind: current.kind,
        }).allowed
      ) {
        refused(planned.line, `You may not edit "${planned.existing.name}".`);
        continue;
      }
      if (planned.action === "update") {
        const after = {
          name: planned.name,
          description: planned.description,
          customFields: planned.kind === "customer" ? planned.customFields : planned.existing.customFields,
          externalId: planned.externalId ?? planned.existing.externalId,
        };
        await tx
          .update(nodes)
          .set({ ...after, updatedAt: new Date() })
          .where(eq(nodes.id, planned.existing.id));
        audits.push({
          actorId: context.actorId,
          ip: context.ip,
          action: "node.updated",
          targetType: "node",
          targetId: planned.existing.id,
          before: {
            name: planned.existing.name,
            description: planned.existing.description,
            customFields: planned.existing.customFields,
            externalId: planned.existing.externalId,
          },
          after: { ...after, via: "import" },
        });
      }
      outcomes.set(planned.line, { status: "done", message: planned.action === "update" ? "Updated." : "Unchanged." });
      continue;
    }
    if (
      !can(actor, "node.create", {
        type: "node",
        nodeId: parent.id,
        nodePath: parent.path,
        kind: parent.kind,
        childKind: planned.kind,
      }).allowed
    ) {
      refused(planned.line, `You may not create a ${kindLabel[planned.kind]} there.`);
      continue;
    }
    const id = randomUUID();
    const path = `${parent.path}${id}/`;
    createdKinds.set(id, planned.kind);
    inserts.push({
      id,
      kind: planned.kind,
      parentId: parent.id,
      path,
      name: planned.name,
      description: planned.description,
      customFields: planned.customFields,
      externalId: planned.externalId,
    });
    audits.push({
      actorId: context.actorId,
      ip: context.ip,
      action: "node.created",
      targetType: "node",
      targetId: id,
      after: {
        kind: planned.kind,
        name: planned.name,
        description: planned.description,
        customFields: planned.customFields,
        parentId: parent.id,
        externalId: planned.externalId,
        via: "import",
      },
    });
    createdIds.set(planned.line, { id, path });
    outcomes.set(planned.line, { status: "done", message: null });
  }
  // Parents come before their children in `inserts`, so one statement per batch keeps the order.
  for (let i = 0; i < inserts.length; i += 1_000) await tx.insert(nodes).values(inserts.slice(i, i + 1_000));
  for (let i = 0; i < audits.length; i += 1_000) await tx.insert(auditLog).values(audits.slice(i, i + 1_000));
  return outcomes;
}
