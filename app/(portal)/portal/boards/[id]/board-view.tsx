"use client";

import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useDeferredValue, useState } from "react";
import { Breadcrumb } from "@/app/_components/breadcrumb";
import { buttonClass, ErrorNotice, inputClass, labelClass, primaryButtonClass } from "@/app/_components/controls";
import { LocalTime } from "@/app/_components/local-time";
import { useTRPC } from "@/app/_trpc/client";

/** A board: its threads (pinned first, then the latest), a search, and a new thread. */
export function BoardView({
  boardId,
  heading,
}: {
  boardId: string;
  heading: { name: string; description: string; ownerName: string; as: "member" | "moderator" };
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [search, setSearch] = useState("");
  const [page, setPage] = useState(1);
  const [writing, setWriting] = useState(false);
  const deferred = useDeferredValue(search.trim());
  const threads = useQuery(
    trpc.boards.threads.queryOptions(
      { boardId, page, ...(deferred ? { search: deferred } : {}) },
      { placeholderData: keepPreviousData, refetchOnWindowFocus: "always" },
    ),
  );
  const start = useMutation(
    trpc.boards.startThread.mutationOptions({
      onSuccess: ({ threadId }) => router.push(`/portal/boards/${boardId}/threads/${threadId}`),
    }),
  );
  const errors = start.error?.data?.zodIssues?.fieldErrors;

  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <Breadcrumb trail={[{ href: "/portal/boards", label: "Community" }]} current={heading.name} />
      <header>
        <h1 className="text-2xl font-semibold break-words">{heading.name}</h1>
        <p className="text-sm text-slate-600">
          {heading.ownerName}
          {heading.as === "moderator" ? " · you moderate this board" : ""}
        </p>
        {heading.description && <p className="mt-1 text-slate-700">{heading.description}</p>}
      </header>

      {writing ? (
        <form
          className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
          onSubmit={(event) => {
            event.preventDefault();
            const form = new FormData(event.currentTarget);
            start.mutate({ boardId, title: String(form.get("title") ?? ""), body: String(form.get("body") ?? "") });
          }}
        >
          <h2 className="font-semibold">A new thread</h2>
          <div>
            <label htmlFor="thread-title" className={labelClass}>
              Title
            </label>
            <input id="thread-title" name="title" maxLength={200} className={inputClass} />
            {errors?.title?.[0] && (
              <p role="alert" className="mt-1 text-sm text-red-700">
                {errors.title[0]}
              </p>
            )}
          </div>
          <div>
            <label htmlFor="thread-body" className={labelClass}>
              Your post <span className="font-normal text-slate-500">(Markdown: **bold**, lists, links)</span>
            </label>
            <textarea id="thread-body" name="body" rows={6} maxLength={20_000} className={inputClass} />
            {errors?.body?.[0] && (
              <p role="alert" className="mt-1 text-sm text-red-700">
                {errors.body[0]}
              </p>
            )}
          </div>
          {start.error && !errors && <ErrorNotice error={start.error} />}
          <div className="flex flex-wrap gap-2">
            <button type="submit" className={primaryButtonClass} disabled={start.isPending}>
              {start.isPending ? "Posting…" : "Post the thread"}
            </button>
            <button type="button" className={buttonClass} onClick={() => setWriting(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className={primaryButtonClass} onClick={() => setWriting(true)}>
          Start a thread
        </button>
      )}

      <div>
        <label htmlFor="board-search" className={labelClass}>
          Search this board
        </label>
        <input
          id="board-search"
          type="search"
          placeholder="Words in a title or a post"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setPage(1);
          }}
          className={inputClass}
        />
      </div>

      {threads.isError ? (
        <p role="alert" className="text-sm text-red-800">
          The threads could not be loaded. Reload the page to try again.
        </p>
      ) : threads.isPending ? (
        <p className="text-sm text-slate-600">Loading the threads…</p>
      ) : threads.data.threads.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-8 text-center text-sm text-slate-600">
          {deferred ? "No thread matches this search." : "No thread yet. Start the first one."}
        </p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" aria-label="Threads">
          {threads.data.threads.map((thread) => (
            <li key={thread.id} className="p-4" data-testid="thread-row">
              <div className="flex flex-wrap items-baseline gap-2">
                {thread.unread && <span className="size-2 shrink-0 rounded-full bg-blue-600" aria-label="Unread" />}
                <Link
                  href={`/portal/boards/${boardId}/threads/${thread.id}`}
                  className={`break-words text-brand-800 hover:underline ${thread.unread ? "font-semibold" : ""}`}
                >
                  {thread.title}
                </Link>
                {thread.pinned && <span className="rounded bg-amber-100 px-1.5 text-xs text-amber-900">Pinned</span>}
                {thread.locked && <span className="rounded bg-slate-200 px-1.5 text-xs text-slate-800">Locked</span>}
                {thread.hidden && <span className="rounded bg-red-100 px-1.5 text-xs text-red-800">Hidden</span>}
              </div>
              <p className="mt-1 text-xs text-slate-600">
                {thread.authorName} · {thread.replies} {thread.replies === 1 ? "reply" : "replies"} · last post{" "}
                <LocalTime value={thread.lastPostAt} />
              </p>
            </li>
          ))}
        </ul>
      )}
      {threads.data && (page > 1 || threads.data.more) && (
        <nav aria-label="Thread pages" className="flex items-center justify-between text-sm">
          <button type="button" className={buttonClass} disabled={page <= 1} onClick={() => setPage(page - 1)}>
            Newer
          </button>
          <span>Page {page}</span>
          <button type="button" className={buttonClass} disabled={!threads.data.more} onClick={() => setPage(page + 1)}>
            Older
          </button>
        </nav>
      )}
    </div>
  );
}
