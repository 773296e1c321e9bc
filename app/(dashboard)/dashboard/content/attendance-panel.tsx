"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ErrorNotice, primaryButtonClass, Section } from "@/app/_components/controls";
import { LocalTime } from "@/app/_components/local-time";
import { ScrollRegion } from "@/app/_components/scroll-region";
import { useTRPC } from "@/app/_trpc/client";

const answerText = { attending: "Attending", not_attending: "Not attending" } as const;

/**
 * A teacher-led session's invitees in the admin's scope, with their answers; afterwards the
 * trainer ticks who attended, which completes the session in their training records.
 */
export function AttendancePanel({ itemId }: { itemId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const roster = useQuery(trpc.content.sessionRoster.queryOptions({ itemId }));
  // Ticks changed on the page and not yet saved, by person.
  const [changes, setChanges] = useState<Map<string, boolean>>(new Map());
  const [saved, setSaved] = useState<string | null>(null);
  const record = useMutation(
    trpc.content.recordAttendance.mutationOptions({
      onSuccess: async ({ changed }) => {
        setChanges(new Map());
        setSaved(changed === 1 ? "Saved: 1 person's attendance." : `Saved: ${changed} people's attendance.`);
        await queryClient.invalidateQueries({ queryKey: trpc.content.sessionRoster.queryKey({ itemId }) });
      },
    }),
  );

  return (
    <Section title="Attendance">
      {roster.isPending ? (
        <p className="text-sm text-slate-600">Loading who was invited…</p>
      ) : roster.isError ? (
        <ErrorNotice error={roster.error} />
      ) : roster.data === null ? (
        <p className="text-sm text-slate-600">Once a version of this session is published, its invitees appear here.</p>
      ) : roster.data.people.length === 0 ? (
        <p className="text-sm text-slate-600">
          Nobody in your part of the organisation is invited yet: give the session to a group, and its members are
          invited by email.
        </p>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            setSaved(null);
            record.mutate({
              itemId,
              entries: [...changes].map(([userId, attended]) => ({ userId, attended })),
            });
          }}
        >
          <p className="text-sm text-slate-700">
            Version {roster.data.versionNumber}, <LocalTime value={roster.data.startsAt} /> · {roster.data.place}. Tick
            who attended: it completes the session in their training record.
          </p>
          <ScrollRegion label="Invited people" className="mt-3">
            <table className="min-w-full text-sm" aria-label="Invited people">
              <thead className="text-left text-xs font-semibold text-slate-600 uppercase">
                <tr>
                  <th scope="col" className="py-2 pr-3">
                    Person
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    Their answer
                  </th>
                  <th scope="col" className="py-2">
                    Attended
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {roster.data.people.map((person) => {
                  const checked = changes.get(person.userId) ?? person.attended === true;
                  return (
                    <tr key={person.userId} data-testid="attendance-row">
                      <td className="py-2 pr-3 align-top">
                        <span className="font-medium">{person.name || person.email}</span>
                        <span className="block break-all text-slate-600">{person.email}</span>
                      </td>
                      <td className="py-2 pr-3 align-top">{person.response ? answerText[person.response] : "—"}</td>
                      <td className="py-2 align-top">
                        <input
                          type="checkbox"
                          aria-label={`${person.name || person.email} attended`}
                          checked={checked}
                          onChange={(event) =>
                            setChanges((before) => {
                              const next = new Map(before);
                              if (event.target.checked === (person.attended === true)) next.delete(person.userId);
                              else next.set(person.userId, event.target.checked);
                              return next;
                            })
                          }
                        />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollRegion>
          <div className="mt-3 flex flex-wrap items-center gap-3">
            <button type="submit" className={primaryButtonClass} disabled={changes.size === 0 || record.isPending}>
              {record.isPending ? "Saving…" : "Save attendance"}
            </button>
            {changes.size === 0 && !saved && (
              <span className="text-xs text-slate-600">Tick or untick someone to save.</span>
            )}
            {saved && (
              <span role="status" className="text-sm text-green-800">
                {saved}
              </span>
            )}
          </div>
          <ErrorNotice error={record.error} />
        </form>
      )}
    </Section>
  );
}
