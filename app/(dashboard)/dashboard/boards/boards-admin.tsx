"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import {
  buttonClass,
  ConfirmPanel,
  ErrorNotice,
  inputClass,
  labelClass,
  primaryButtonClass,
  Section,
} from "@/app/_components/controls";
import { NodePicker } from "@/app/_components/node-picker";
import { UserPicker } from "@/app/_components/user-picker";
import { useTRPC } from "@/app/_trpc/client";

type Where = "everyone" | "market" | "customer" | "group";

/** The boards an admin moderates, a new board, and per board: who has it and its open reports. */
export function BoardsAdmin() {
  const trpc = useTRPC();
  const boards = useQuery(trpc.boards.mine.queryOptions());
  const moderated = boards.data?.filter((b) => b.moderator) ?? [];
  const [open, setOpen] = useState<string | null>(null);

  return (
    <div className="mt-6 space-y-6">
      <NewBoard />
      <Section title="Boards you moderate">
        {boards.isPending ? (
          <p className="text-sm text-slate-600">Loading the boards…</p>
        ) : boards.isError ? (
          <p role="alert" className="text-sm text-red-800">
            The boards could not be loaded. Reload the page to try again.
          </p>
        ) : moderated.length === 0 ? (
          <p className="text-sm text-slate-600">None yet. Open the first one above.</p>
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="Boards you moderate">
            {moderated.map((board) => (
              <li key={board.id} className="py-3">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <div>
                    <p className="font-medium break-words">{board.name}</p>
                    <p className="text-xs text-slate-600">
                      {board.ownerName} · {board.threads} {board.threads === 1 ? "thread" : "threads"}
                    </p>
                  </div>
                  <div className="flex flex-wrap gap-2">
                    <Link href={`/portal/boards/${board.id}`} className={buttonClass}>
                      Open the board
                    </Link>
                    <button
                      type="button"
                      className={buttonClass}
                      aria-expanded={open === board.id}
                      onClick={() => setOpen(open === board.id ? null : board.id)}
                    >
                      {open === board.id ? "Close" : "Members and reports"}
                    </button>
                  </div>
                </div>
                {open === board.id && <BoardManagement boardId={board.id} />}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}

function NewBoard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [where, setWhere] = useState<Where>("customer");
  const [nodeId, setNodeId] = useState("");
  const [created, setCreated] = useState<string | null>(null);
  const [missingNode, setMissingNode] = useState(false);
  const create = useMutation(
    trpc.boards.create.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.boards.mine.queryKey() }),
    }),
  );
  const errors = create.error?.data?.zodIssues?.fieldErrors;
  return (
    <Section title="A new board">
      <form
        className="space-y-3"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const form = event.currentTarget;
          const data = new FormData(form);
          const name = String(data.get("name") ?? "");
          // A board of a market, customer or group needs that node: never the whole organisation by default.
          if (where !== "everyone" && !nodeId) return setMissingNode(true);
          create.mutate(
            {
              nodeId: where === "everyone" ? null : nodeId,
              name,
              description: String(data.get("description") ?? ""),
            },
            {
              onSuccess: () => {
                setCreated(name);
                form.reset();
              },
            },
          );
        }}
      >
        <div className="grid gap-3 sm:grid-cols-2">
          <div>
            <label htmlFor="board-name" className={labelClass}>
              Name
            </label>
            <input id="board-name" name="name" maxLength={100} className={inputClass} />
            {errors?.name?.[0] && (
              <p role="alert" className="mt-1 text-sm text-red-700">
                {errors.name[0]}
              </p>
            )}
          </div>
          <div>
            <label htmlFor="board-where" className={labelClass}>
              It belongs to
            </label>
            <select
              id="board-where"
              value={where}
              onChange={(e) => {
                setWhere(e.target.value as Where);
                setNodeId("");
              }}
              className={inputClass}
            >
              <option value="everyone">The whole organisation (owner admins)</option>
              <option value="market">A market</option>
              <option value="customer">A customer</option>
              <option value="group">A user group</option>
            </select>
          </div>
        </div>
        {where !== "everyone" && (
          <NodePicker
            kind={where}
            legend={`Which ${where === "group" ? "user group" : where}`}
            value={nodeId}
            onChange={(id) => {
              setNodeId(id);
              setMissingNode(false);
            }}
            error={
              missingNode ? `Choose the ${where === "group" ? "user group" : where} the board belongs to.` : undefined
            }
          />
        )}
        <div>
          <label htmlFor="board-description" className={labelClass}>
            What it is for <span className="font-normal text-slate-500">(optional)</span>
          </label>
          <textarea id="board-description" name="description" rows={2} maxLength={1_000} className={inputClass} />
        </div>
        {create.error && !errors && <ErrorNotice error={create.error} />}
        {created && (
          <p role="status" className="text-sm text-green-800">
            “{created}” is open. Give it to the groups or people who should meet there, below.
          </p>
        )}
        <button type="submit" className={primaryButtonClass} disabled={create.isPending}>
          {create.isPending ? "Opening…" : "Open the board"}
        </button>
      </form>
    </Section>
  );
}

/** Who has a board (give and take back), and the posts its members reported. */
function BoardManagement({ boardId }: { boardId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const access = useQuery(trpc.boards.access.queryOptions({ boardId }));
  const nodes = useQuery(trpc.boards.givableNodes.queryOptions({ boardId }));
  const reports = useQuery(trpc.boards.reports.queryOptions({ boardId }));
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.boards.pathKey() });
  const giveNode = useMutation(trpc.boards.giveToNode.mutationOptions({ onSuccess: refresh }));
  const giveUser = useMutation(trpc.boards.giveToUser.mutationOptions({ onSuccess: refresh }));
  const takeBack = useMutation(trpc.boards.takeBack.mutationOptions({ onSuccess: refresh }));
  const dismiss = useMutation(trpc.boards.dismissReport.mutationOptions({ onSuccess: refresh }));
  const moderatePost = useMutation(trpc.boards.moderatePost.mutationOptions({ onSuccess: refresh }));
  const [nodeId, setNodeId] = useState("");
  const [person, setPerson] = useState<{ id: string; name: string } | null>(null);
  const [takingBack, setTakingBack] = useState<{ id: string; name: string } | null>(null);

  return (
    <div className="mt-3 grid gap-4 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm md:grid-cols-2">
      <div className="space-y-3">
        <h3 className="font-semibold">Who has it</h3>
        {access.data?.length === 0 && <p className="text-slate-600">Nobody yet: give it below.</p>}
        <ul className="space-y-1">
          {access.data?.map((row) => (
            <li key={row.id} className="flex flex-wrap items-center justify-between gap-2">
              <span>
                {row.name} <span className="text-xs text-slate-600">{row.kind}</span>
              </span>
              <button
                type="button"
                className="text-xs font-medium text-red-800 underline"
                onClick={() => setTakingBack({ id: row.id, name: row.name })}
              >
                Take back
              </button>
            </li>
          ))}
        </ul>
        {takingBack && (
          <ConfirmPanel
            id={`take-back-${boardId}`}
            question={`Take the board back from ${takingBack.name}?`}
            confirmLabel="Take it back"
            onCancel={() => setTakingBack(null)}
            onConfirm={() => {
              takeBack.mutate({ boardId, accessId: takingBack.id });
              setTakingBack(null);
            }}
          >
            Its people no longer read or post on it from now on. What they posted stays, under their names.
          </ConfirmPanel>
        )}
        <form
          className="space-y-2"
          onSubmit={(event) => {
            event.preventDefault();
            if (nodeId) giveNode.mutate({ boardId, nodeId }, { onSuccess: () => setNodeId("") });
          }}
        >
          <label htmlFor={`give-node-${boardId}`} className={labelClass}>
            Give it to
          </label>
          <select
            id={`give-node-${boardId}`}
            value={nodeId}
            onChange={(e) => setNodeId(e.target.value)}
            className={inputClass}
          >
            <option value="">Choose…</option>
            {nodes.data?.map((node) => (
              <option key={node.id} value={node.id}>
                {node.own ? `Everyone in ${node.name}` : `${node.name} (${node.kind})`}
              </option>
            ))}
          </select>
          <button type="submit" className={buttonClass} disabled={!nodeId || giveNode.isPending}>
            Give
          </button>
          <ErrorNotice error={giveNode.error ?? takeBack.error} />
        </form>
        <form
          className="space-y-2"
          onSubmit={(event) => {
            event.preventDefault();
            if (person) giveUser.mutate({ boardId, userId: person.id }, { onSuccess: () => setPerson(null) });
          }}
        >
          <UserPicker
            legend="Or to one person"
            value={person?.id ?? null}
            valueName={person?.name ?? null}
            onChange={(id, name) => setPerson(id && name ? { id, name } : null)}
          />
          <button type="submit" className={buttonClass} disabled={!person || giveUser.isPending}>
            Give to this person
          </button>
          <ErrorNotice error={giveUser.error} />
        </form>
      </div>
      <div className="space-y-2">
        <h3 className="font-semibold">Reported posts</h3>
        {reports.data?.length === 0 && <p className="text-slate-600">No report waits.</p>}
        <ul className="space-y-2">
          {reports.data?.map((report) => (
            <li key={report.id} className="rounded border border-slate-200 bg-white p-2">
              <p className="text-xs text-slate-600">
                {report.reporterName} reported a post by {report.authorName} in “{report.threadTitle}”:
              </p>
              <p className="font-medium break-words">{report.reason}</p>
              <p className="mt-1 break-words whitespace-pre-wrap text-slate-700">{report.body}</p>
              <div className="mt-2 flex flex-wrap gap-3 text-xs">
                <Link
                  href={`/portal/boards/${boardId}/threads/${report.threadId}`}
                  className="font-medium text-brand-800 underline"
                >
                  See it in the thread
                </Link>
                <button
                  type="button"
                  className="font-medium underline"
                  onClick={() =>
                    moderatePost.mutate({ boardId, postId: report.postId, action: "hide", reason: report.reason })
                  }
                >
                  Hide it
                </button>
                <button
                  type="button"
                  className="font-medium text-slate-700 underline"
                  onClick={() => dismiss.mutate({ boardId, reportId: report.id })}
                >
                  Leave it as it is
                </button>
              </div>
            </li>
          ))}
        </ul>
        <ErrorNotice error={dismiss.error ?? moderatePost.error} />
      </div>
    </div>
  );
}
