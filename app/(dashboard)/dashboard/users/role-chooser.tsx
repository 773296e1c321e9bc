"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { labelClass } from "@/app/_components/controls";
import { NodePicker } from "@/app/_components/node-picker";
import { useTRPC } from "@/app/_trpc/client";
import { roleLabel, roleNodeKind, type AdminRole } from "@/server/scope/roles";

/**
 * An admin role and where it is held: the roles the admin may grant, then the node of that role's
 * kind among those they may grant it at. With `noneLabel`, "no admin role" comes first.
 */
export function RoleChooser(props: {
  id: string;
  roles: AdminRole[];
  role: AdminRole | null;
  onRole: (role: AdminRole | null) => void;
  nodeId: string;
  onNode: (nodeId: string) => void;
  noneLabel?: string;
}) {
  const { role } = props;
  return (
    <div className="space-y-3">
      <div>
        <label htmlFor={props.id} className={labelClass}>
          Role
        </label>
        <select
          id={props.id}
          value={role ?? ""}
          onChange={(e) => {
            props.onRole(e.target.value ? (e.target.value as AdminRole) : null);
            props.onNode("");
          }}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base sm:text-sm"
        >
          {props.noneLabel && <option value="">{props.noneLabel}</option>}
          {props.roles.map((r) => (
            <option key={r} value={r}>
              {roleLabel[r]}
            </option>
          ))}
        </select>
      </div>
      {role &&
        (role !== "owner_admin" ? (
          <NodePicker
            key={role}
            kind={roleNodeKind[role] as "group" | "customer" | "market"}
            purpose={role === "market_admin" ? "grantTop" : "grantLocal"}
            legend={`Where: the ${roleNodeKind[role]} they will administer`}
            value={props.nodeId}
            onChange={props.onNode}
          />
        ) : (
          <OwnerNode onReady={props.onNode} />
        ))}
    </div>
  );
}

/** The owner admin role is held at the owner, the one root: nothing to choose. */
function OwnerNode({ onReady }: { onReady: (id: string) => void }) {
  const trpc = useTRPC();
  const top = useQuery(trpc.organisation.treeLevel.queryOptions({ parentId: null }));
  const owner = top.data?.nodes.find((n) => n.kind === "owner");
  useEffect(() => {
    if (owner) onReady(owner.id);
  }, [owner, onReady]);
  return (
    <p className="text-sm text-slate-700">Held at {owner?.name ?? "the owner"}: it covers the whole installation.</p>
  );
}
