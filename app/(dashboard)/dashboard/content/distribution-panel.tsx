"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { buttonClass, dangerButtonClass, inputClass, labelClass, primaryButtonClass } from "@/app/_components/controls";
import { NodePicker } from "@/app/_components/node-picker";
import { UserPicker } from "@/app/_components/user-picker";
import { useTRPC } from "@/app/_trpc/client";
import { ModalDialog } from "@/app/_components/modal-dialog";

type GiveKind = "market" | "internal" | "customer" | "group";
const kindNoun: Record<GiveKind, string> = {
  market: "A market",
  internal: "An internal organisation",
  customer: "A customer",
  group: "A user group",
};

/** Who has the item within the admin's reach, passing it on one level down, and taking it back. */
export function DistributionPanel({
  itemId,
  giveKinds,
  mayGiveToPeople,
}: {
  itemId: string;
  giveKinds: GiveKind[];
  mayGiveToPeople: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const assignments = useQuery(trpc.content.assignments.queryOptions({ itemId }));
  const audience = useQuery(trpc.content.audience.queryOptions({ itemId }));
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.content.assignments.queryKey({ itemId }) });
    void queryClient.invalidateQueries({ queryKey: trpc.content.audience.queryKey({ itemId }) });
  };
  const [kind, setKind] = useState<GiveKind | "">(giveKinds[0] ?? "");
  const [nodeId, setNodeId] = useState("");
  const [given, setGiven] = useState<string | null>(null);
  const [removing, setRemoving] = useState<{ id: string; name: string; alsoRemoved: number } | null>(null);
  const assign = useMutation(
    trpc.content.assign.mutationOptions({
      onSuccess: ({ who }) => {
        setGiven(`Given. ${who}`);
        setNodeId("");
        refresh();
      },
    }),
  );
  const unassign = useMutation(trpc.content.unassign.mutationOptions());
  const [person, setPerson] = useState<{ id: string | null; name: string | null }>({ id: null, name: null });
  const assignUser = useMutation(
    trpc.content.assignUser.mutationOptions({
      onSuccess: () => {
        setGiven(`Given to ${person.name ?? "them"}. They see it in their portal now.`);
        setPerson({ id: null, name: null });
        refresh();
      },
    }),
  );

  if (assignments.isError) {
    return (
      <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
        {assignments.error.data?.code === "NOT_FOUND"
          ? "This content has not reached your part of the organisation."
          : "Who has it could not be loaded. Reload the page to try again."}
      </p>
    );
  }
  return (
    <section aria-label="Who has it" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 className="text-base font-semibold">Who has it</h2>
      {audience.data && (
        <p className="mt-1 text-sm text-slate-700" data-testid="audience">
          {audience.data.people === 0
            ? "Nobody in your part of the organisation sees it in their portal yet."
            : `${audience.data.people === 1 ? "1 person" : `${new Intl.NumberFormat("en-GB").format(audience.data.people)} people`} in your part of the organisation see it in their portal.`}
        </p>
      )}
      {assignments.isPending && <p className="mt-2 text-sm text-slate-600">Loading…</p>}
      {assignments.data?.length === 0 && (
        <p className="mt-2 text-sm text-slate-600">Nobody in your part of the organisation has it yet.</p>
      )}
      {assignments.data && assignments.data.length > 0 && (
        <ul className="mt-2 divide-y divide-slate-100 text-sm" data-testid="assignments">
          {assignments.data.map((a) => (
            <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span>
                <span className="font-medium">{a.nodeName ?? a.userName ?? a.userEmail}</span>
                <span className="ml-2 text-slate-600">{a.nodeKind ?? "person"}</span>
              </span>
              {a.mayRemove && (
                <button
                  type="button"
                  className={buttonClass}
                  disabled={unassign.isPending}
                  onClick={async () => {
                    const { alsoRemoved } = await unassign.mutateAsync({ assignmentId: a.id, dryRun: true });
                    setRemoving({ id: a.id, name: a.nodeName ?? a.userName ?? "this person", alsoRemoved });
                  }}
                >
                  Take back
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {removing && (
        <ModalDialog
          labelledBy="take-back-title"
          onClose={() => setRemoving(null)}
          tone="danger"
          dismissible={!unassign.isPending}
        >
          <div className="text-sm">
            <p>
              <span id="take-back-title">Take it back from {removing.name}?</span>{" "}
              {removing.alsoRemoved > 0
                ? `It is also taken back from the ${removing.alsoRemoved} ${removing.alsoRemoved === 1 ? "place" : "places"} it was passed on to from there.`
                : "Nothing was passed on from there."}{" "}
              Their users stop seeing it at once; their progress is kept.
            </p>
            <div className="mt-2 flex gap-2">
              <button
                type="button"
                className={dangerButtonClass}
                disabled={unassign.isPending}
                onClick={async () => {
                  await unassign.mutateAsync({ assignmentId: removing.id, dryRun: false });
                  setRemoving(null);
                  refresh();
                }}
              >
                {unassign.isPending ? "Taking back…" : "Take it back"}
              </button>
              <button type="button" className={buttonClass} onClick={() => setRemoving(null)}>
                Cancel
              </button>
            </div>
          </div>
        </ModalDialog>
      )}
      {unassign.error && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {unassign.error.message}
        </p>
      )}
      {giveKinds.length > 0 && kind && (
        <form
          className="mt-4 space-y-3 border-t border-slate-200 pt-4"
          onSubmit={(event) => {
            event.preventDefault();
            setGiven(null);
            assign.mutate({ itemId, nodeId });
          }}
        >
          <h3 className="text-sm font-semibold">Give it to</h3>
          {giveKinds.length > 1 && (
            <div>
              <label htmlFor="give-kind" className={labelClass}>
                Kind
              </label>
              <select
                id="give-kind"
                value={kind}
                onChange={(e) => {
                  setKind(e.target.value as GiveKind);
                  setNodeId("");
                }}
                className={inputClass}
              >
                {giveKinds.map((k) => (
                  <option key={k} value={k}>
                    {kindNoun[k]}
                  </option>
                ))}
              </select>
            </div>
          )}
          <NodePicker
            key={kind}
            kind={kind}
            purpose="distribute"
            legend={kindNoun[kind]}
            value={nodeId}
            onChange={setNodeId}
          />
          {assign.error && (
            <p role="alert" className="text-sm text-red-700">
              {assign.error.message}
            </p>
          )}
          {given && (
            <p role="status" className="text-sm text-green-800">
              {given}
            </p>
          )}
          <button type="submit" className={primaryButtonClass} disabled={!nodeId || assign.isPending}>
            {assign.isPending ? "Giving…" : "Give"}
          </button>
        </form>
      )}
      {mayGiveToPeople && (
        <form
          className="mt-4 space-y-3 border-t border-slate-200 pt-4"
          onSubmit={(event) => {
            event.preventDefault();
            setGiven(null);
            if (person.id) assignUser.mutate({ itemId, userId: person.id });
          }}
        >
          <h3 className="text-sm font-semibold">Give it to one person</h3>
          <p className="text-sm text-slate-600">
            From what their hospital has: for someone who needs it without their whole group. For a teacher-led session,
            this invites them: they are emailed its date and place.
          </p>
          <UserPicker
            legend="Person"
            value={person.id}
            valueName={person.name}
            onChange={(id, name) => setPerson({ id, name })}
          />
          {assignUser.error && (
            <p role="alert" className="text-sm text-red-700">
              {assignUser.error.message}
            </p>
          )}
          <button type="submit" className={primaryButtonClass} disabled={!person.id || assignUser.isPending}>
            {assignUser.isPending ? "Giving…" : "Give to this person"}
          </button>
        </form>
      )}
    </section>
  );
}
