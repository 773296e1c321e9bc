"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import type { DocumentFile } from "@/server/db/schema";

const sizeText = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The draft's file: upload (with progress) or replace it. The server checks the type and size. */
export function DocumentUpload({
  itemId,
  file,
  inDraft,
}: {
  itemId: string;
  file: DocumentFile | null;
  inDraft: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const inputId = useId();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  function upload(chosen: File | undefined) {
    setError(null);
    if (!chosen) return;
    if (chosen.size > 25 * 1024 * 1024)
      return setError("The file is larger than 25 MB. Choose a smaller one or split it.");
    const form = new FormData();
    form.append("file", chosen);
    // XMLHttpRequest, not fetch: it reports the upload's progress.
    const request = new XMLHttpRequest();
    request.open("POST", `/api/content/${itemId}/file`);
    request.upload.onprogress = (event) =>
      event.lengthComputable && setProgress(Math.round((100 * event.loaded) / event.total));
    request.onload = () => {
      setProgress(null);
      if (request.status >= 200 && request.status < 300)
        void queryClient.invalidateQueries({ queryKey: trpc.content.pathKey() });
      else
        setError(
          (JSON.parse(request.responseText || "{}") as { error?: string }).error ?? "The upload failed. Try again.",
        );
    };
    request.onerror = () => {
      setProgress(null);
      setError("The upload failed: check the connection and try again.");
    };
    setProgress(0);
    request.send(form);
  }

  return (
    <div className="rounded-md border border-slate-200 p-3 text-sm">
      <p className="font-medium">File</p>
      {file ? (
        <p className="mt-1">
          <a
            href={`/api/content/${itemId}/file${inDraft ? "?version=draft" : ""}`}
            className="font-medium text-brand-800 underline"
          >
            {file.name}
          </a>{" "}
          <span className="text-slate-600">({sizeText(file.size)})</span>
        </p>
      ) : (
        <p className="mt-1 text-slate-600">No file yet.</p>
      )}
      <label
        htmlFor={inputId}
        className="mt-2 inline-block cursor-pointer font-medium text-brand-800 hover:underline focus-within:underline"
      >
        {file ? "Replace the file" : "Upload a file"}
        <input
          id={inputId}
          type="file"
          className="sr-only"
          accept=".pdf,.png,.jpg,.jpeg,.mp4,.docx,.xlsx,.pptx"
          disabled={progress !== null}
          onChange={(e) => {
            upload(e.target.files?.[0]);
            e.target.value = "";
          }}
        />
      </label>
      <p className="text-xs text-slate-500">
        PDF, PNG, JPEG, MP4, Word, Excel or PowerPoint, up to 25 MB. It goes into the draft.
      </p>
      {progress !== null && (
        <div
          className="mt-2"
          role="progressbar"
          aria-label="Upload"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={progress}
        >
          <div className="h-2 rounded bg-slate-200">
            <div className="h-2 rounded bg-brand-700" style={{ width: `${progress}%` }} />
          </div>
          <p className="mt-1 text-xs text-slate-700">Uploading… {progress} %</p>
        </div>
      )}
      {error && (
        <p role="alert" className="mt-1 text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
