import type { Metadata } from "next";
import Link from "next/link";
import { api, pageData } from "@/app/_trpc/server";

export const metadata: Metadata = { title: "Community" };

/** The boards the person belongs to (and those they moderate), with their unread threads. */
export default async function BoardsPage() {
  const boards = await pageData(() => api.boards.mine());
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-2xl font-semibold">Community</h1>
      <p className="mt-1 text-sm text-slate-600">
        Boards where you share questions, tips and files with colleagues in your part of the organisation.
      </p>
      {boards.length === 0 ? (
        <p className="mt-6 rounded-lg border border-dashed border-slate-300 bg-white px-4 py-8 text-center text-sm text-slate-600">
          You are not on any board yet. Your administrators open boards for your hospital or team: they will show here.
        </p>
      ) : (
        <ul className="mt-6 space-y-3" aria-label="Your boards">
          {boards.map((board) => (
            <li key={board.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <Link
                  href={`/portal/boards/${board.id}`}
                  className="text-lg font-semibold text-brand-800 hover:underline"
                >
                  {board.name}
                </Link>
                {board.unread > 0 && (
                  <span className="rounded-full bg-blue-100 px-2.5 py-0.5 text-xs font-medium text-blue-800">
                    {board.unread} unread {board.unread === 1 ? "thread" : "threads"}
                  </span>
                )}
              </div>
              {board.description && <p className="mt-1 text-sm text-slate-700">{board.description}</p>}
              <p className="mt-1 text-xs text-slate-600">
                {board.ownerName} · {board.threads} {board.threads === 1 ? "thread" : "threads"}
                {board.moderator ? " · you moderate it" : ""}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
