"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/app/_trpc/client";

const kindLabel = {
  owner: "Owner",
  market: "Market",
  customer: "Customer",
  internal: "Internal organisation",
  group: "User group",
} as const;
const numberFormat = new Intl.NumberFormat("en-GB");

function Level({ parentId, depth }: { parentId: string | null; depth: number }) {
  const trpc = useTRPC();
  const level = useQuery(trpc.organisation.treeLevel.queryOptions({ parentId }));
  if (level.isPending) return <p className="px-3 py-2 text-sm text-slate-600">Loading…</p>;
  if (level.isError)
    return (
      <p role="alert" className="px-3 py-2 text-sm text-red-800">
        This part of the tree could not be loaded.
      </p>
    );
  if (level.data.nodes.length === 0) return <p className="px-3 py-2 text-sm text-slate-600">Nothing here yet.</p>;
  return (
    <ul role={depth === 0 ? "tree" : "group"} className={depth === 0 ? "" : "ml-5 border-l border-slate-200"}>
      {level.data.nodes.map((node) => (
        <TreeItem key={node.id} node={node} depth={depth} />
      ))}
    </ul>
  );
}

function TreeItem({
  node,
  depth,
}: {
  node: {
    id: string;
    kind: keyof typeof kindLabel;
    name: string;
    hasChildren: boolean;
    counts: Record<"total" | "not_invited" | "invited" | "active" | "suspended" | "locked", number>;
  };
  depth: number;
}) {
  const [open, setOpen] = useState(depth === 0);
  return (
    <li role="treeitem" aria-expanded={node.hasChildren ? open : undefined} aria-selected={false} className="py-1">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md px-2 py-1.5 hover:bg-slate-50">
        {node.hasChildren ? (
          <button
            type="button"
            onClick={() => setOpen((o) => !o)}
            aria-label={`${open ? "Close" : "Open"} ${node.name}`}
            className="flex size-6 items-center justify-center rounded text-slate-600 hover:bg-slate-200"
          >
            {open ? "▾" : "▸"}
          </button>
        ) : (
          <span className="size-6" aria-hidden />
        )}
        <Link href={`/dashboard/organisation/${node.id}`} className="font-medium text-slate-900 hover:underline">
          {node.name}
        </Link>
        <span className="text-xs text-slate-500">{kindLabel[node.kind]}</span>
        <Link
          href={`/dashboard/users?node=${node.id}`}
          className="text-sm text-brand-800 hover:underline"
          data-testid={`count-${node.name}`}
        >
          {numberFormat.format(node.counts.total)} {node.counts.total === 1 ? "user" : "users"}
        </Link>
        <span className="flex flex-wrap gap-1 text-xs">
          <span className="rounded-full bg-orange-100 px-2 text-orange-800">{node.counts.not_invited} not invited</span>
          <span className="rounded-full bg-blue-100 px-2 text-blue-800">{node.counts.invited} invited</span>
          <span className="rounded-full bg-green-100 px-2 text-green-800">{node.counts.active} active</span>
          {node.counts.suspended > 0 && (
            <span className="rounded-full bg-slate-200 px-2 text-slate-800">{node.counts.suspended} suspended</span>
          )}
          {node.counts.locked > 0 && (
            <span className="rounded-full bg-red-100 px-2 text-red-800">{node.counts.locked} locked</span>
          )}
        </span>
      </div>
      {open && node.hasChildren && <Level parentId={node.id} depth={depth + 1} />}
    </li>
  );
}

export function OrganisationTree() {
  return (
    <div className="mt-6 rounded-lg border border-slate-200 bg-white p-3">
      <Level parentId={null} depth={0} />
    </div>
  );
}
