"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonClass, inputClass, labelClass, primaryButtonClass } from "@/app/_components/controls";
import { useTRPC } from "@/app/_trpc/client";
import type { ContentVersionInput } from "@/server/content/editing";
import type { CoursePage } from "@/server/db/schema";
import { emptyPage } from "./blank-version";

/** "2026-12-01T09:30" in the browser's zone, for a datetime-local field, from an ISO date, and back. */
const toLocalInput = (iso: string) =>
  iso ? new Date(new Date(iso).getTime() - new Date(iso).getTimezoneOffset() * 60_000).toISOString().slice(0, 16) : "";
const fromLocalInput = (local: string) => (local ? new Date(local).toISOString() : "");

/**
 * Writes a version: a new item, or the draft of an existing one (saving never touches what is
 * published). Errors are shown at their fields, in the server's words.
 */
export function ContentEditor(props: { itemId?: string; initial: ContentVersionInput }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [version, setVersion] = useState<ContentVersionInput>(props.initial);
  const [saved, setSaved] = useState(false);
  const create = useMutation(
    trpc.content.create.mutationOptions({ onSuccess: ({ itemId }) => router.push(`/dashboard/content/${itemId}`) }),
  );
  const save = useMutation(
    trpc.content.saveDraft.mutationOptions({
      onSuccess: () => {
        setSaved(true);
        void queryClient.invalidateQueries({ queryKey: trpc.content.pathKey() });
      },
    }),
  );
  const error = create.error ?? save.error;
  const pending = create.isPending || save.isPending;
  const edit = (patch: Partial<ContentVersionInput>) => {
    setSaved(false);
    setVersion((v) => ({ ...v, ...patch }));
  };
  const body = version.body;
  const setBody = (next: ContentVersionInput["body"]) => edit({ body: next });

  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        if (props.itemId) save.mutate({ itemId: props.itemId, version });
        else create.mutate(version);
      }}
    >
      {error && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error.message}
        </p>
      )}
      <div>
        <label htmlFor="content-title" className={labelClass}>
          Title
        </label>
        <input
          id="content-title"
          required
          maxLength={200}
          value={version.title}
          onChange={(e) => edit({ title: e.target.value })}
          className={inputClass}
        />
      </div>
      <div>
        <label htmlFor="content-summary" className={labelClass}>
          Summary <span className="font-normal text-slate-500">(shown in the portal&apos;s lists)</span>
        </label>
        <textarea
          id="content-summary"
          rows={2}
          maxLength={1000}
          value={version.summary}
          onChange={(e) => edit({ summary: e.target.value })}
          className={inputClass}
        />
      </div>
      {body.kind === "session" && (
        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor="session-starts" className={labelClass}>
              Starts
            </label>
            <input
              id="session-starts"
              type="datetime-local"
              required
              value={toLocalInput(body.startsAt)}
              onChange={(e) => setBody({ ...body, startsAt: fromLocalInput(e.target.value) })}
              className={inputClass}
            />
          </div>
          <div>
            <label htmlFor="session-place" className={labelClass}>
              Place
            </label>
            <input
              id="session-place"
              required
              maxLength={300}
              value={body.place}
              onChange={(e) => setBody({ ...body, place: e.target.value })}
              className={inputClass}
            />
          </div>
        </div>
      )}
      {body.kind !== "course" && (
        <div>
          <label htmlFor="content-text" className={labelClass}>
            Text <span className="font-normal text-slate-500">(Markdown: **bold**, lists, links)</span>
          </label>
          <textarea
            id="content-text"
            rows={10}
            value={body.text}
            onChange={(e) => setBody({ ...body, text: e.target.value })}
            className={`${inputClass} font-mono`}
          />
        </div>
      )}
      {body.kind === "course" && (
        <fieldset className="space-y-3">
          <legend className="text-sm font-semibold text-slate-800">Pages, in order</legend>
          {body.pages.map((page, i) => {
            const setPage = (patch: Partial<CoursePage>) =>
              setBody({ kind: "course", pages: body.pages.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
            const move = (to: number) => {
              const pages = [...body.pages];
              const [moved] = pages.splice(i, 1);
              pages.splice(to, 0, moved!);
              setBody({ kind: "course", pages });
            };
            return (
              <div key={i} className="rounded-md border border-slate-200 p-3" role="group" aria-label={`Page ${i + 1}`}>
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <p className="text-sm font-medium">Page {i + 1}</p>
                  <div className="flex gap-1">
                    <button
                      type="button"
                      className={buttonClass}
                      disabled={i === 0}
                      onClick={() => move(i - 1)}
                      aria-label={`Move page ${i + 1} up`}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className={buttonClass}
                      disabled={i === body.pages.length - 1}
                      onClick={() => move(i + 1)}
                      aria-label={`Move page ${i + 1} down`}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      className={buttonClass}
                      disabled={body.pages.length === 1}
                      onClick={() => setBody({ kind: "course", pages: body.pages.filter((_, j) => j !== i) })}
                    >
                      Remove page
                    </button>
                  </div>
                </div>
                <label htmlFor={`page-${i}-title`} className={`${labelClass} mt-2`}>
                  Page title
                </label>
                <input
                  id={`page-${i}-title`}
                  required
                  maxLength={200}
                  value={page.title}
                  onChange={(e) => setPage({ title: e.target.value })}
                  className={inputClass}
                />
                <label htmlFor={`page-${i}-text`} className={`${labelClass} mt-2`}>
                  Page text <span className="font-normal text-slate-500">(Markdown)</span>
                </label>
                <textarea
                  id={`page-${i}-text`}
                  rows={6}
                  value={page.text}
                  onChange={(e) => setPage({ text: e.target.value })}
                  className={`${inputClass} font-mono`}
                />
                <div className="mt-2 grid gap-3 sm:grid-cols-2">
                  <div>
                    <label htmlFor={`page-${i}-image`} className={labelClass}>
                      Image address <span className="font-normal text-slate-500">(optional, https://)</span>
                    </label>
                    <input
                      id={`page-${i}-image`}
                      type="url"
                      value={page.imageUrl ?? ""}
                      onChange={(e) => setPage({ imageUrl: e.target.value || null })}
                      className={inputClass}
                    />
                  </div>
                  <div>
                    <label htmlFor={`page-${i}-video`} className={labelClass}>
                      Video link <span className="font-normal text-slate-500">(optional, https://)</span>
                    </label>
                    <input
                      id={`page-${i}-video`}
                      type="url"
                      value={page.videoUrl ?? ""}
                      onChange={(e) => setPage({ videoUrl: e.target.value || null })}
                      className={inputClass}
                    />
                  </div>
                </div>
              </div>
            );
          })}
          <button
            type="button"
            className={buttonClass}
            onClick={() => setBody({ kind: "course", pages: [...body.pages, emptyPage()] })}
          >
            Add a page
          </button>
        </fieldset>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={primaryButtonClass} disabled={pending}>
          {pending ? "Saving…" : props.itemId ? "Save draft" : "Create draft"}
        </button>
        {saved && (
          <p role="status" className="text-sm text-green-800">
            Draft saved. The portal shows the published version until this one is approved and published.
          </p>
        )}
      </div>
    </form>
  );
}
