"use client";

import { LocalTime } from "@/app/_components/local-time";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { buttonClass, ErrorNotice } from "@/app/_components/controls";
import { useTRPC } from "@/app/_trpc/client";

/** Where one is signed in now, with a way to end any of those sessions. */
export function SessionsPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sessions = useQuery(trpc.me.sessions.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.me.sessions.queryKey() });
  const endOne = useMutation(trpc.me.endSession.mutationOptions({ onSuccess: refresh }));
  const endOthers = useMutation(trpc.me.endOtherSessions.mutationOptions({ onSuccess: refresh }));

  if (sessions.isPending) return <p className="text-sm text-slate-600">Loading your sessions…</p>;
  if (sessions.isError) return <ErrorNotice error={sessions.error} />;
  const others = sessions.data.filter((s) => !s.current);
  return (
    <div>
      <ErrorNotice error={endOne.error ?? endOthers.error} />
      <ul className="divide-y divide-slate-100" aria-label="Active sessions">
        {sessions.data.map((session) => (
          <li
            key={session.id}
            className="flex flex-wrap items-center justify-between gap-3 py-3"
            data-testid="session-row"
          >
            <div className="min-w-0 text-sm">
              <p className="font-medium text-slate-900">
                {session.browser} · {session.device}
                {session.current && (
                  <span className="ml-2 inline-flex rounded-full bg-green-100 px-2 py-0.5 text-xs font-medium text-green-800 ring-1 ring-green-600/30 ring-inset">
                    This device
                  </span>
                )}
              </p>
              <p className="text-slate-600">
                Signed in on <LocalTime value={session.signedInAt} /> from {session.ip ?? "an unknown address"} · last
                active <LocalTime value={session.lastSeenAt} />
              </p>
            </div>
            {!session.current && (
              <button
                type="button"
                className={buttonClass}
                disabled={endOne.isPending}
                onClick={() => endOne.mutate({ sessionId: session.id })}
                aria-label={`Sign out ${session.browser} on ${session.device}`}
              >
                Sign out
              </button>
            )}
          </li>
        ))}
      </ul>
      {others.length > 0 ? (
        <button
          type="button"
          className={`${buttonClass} mt-3`}
          disabled={endOthers.isPending}
          onClick={() => endOthers.mutate()}
        >
          {endOthers.isPending ? "Signing out…" : "Sign out everywhere else"}
        </button>
      ) : (
        <p className="mt-2 text-sm text-slate-600">You are signed in only here.</p>
      )}
      {endOthers.data && (
        <p role="status" className="mt-2 text-sm text-green-800">
          Signed out of {endOthers.data.ended === 1 ? "1 other session" : `${endOthers.data.ended} other sessions`}.
        </p>
      )}
    </div>
  );
}
