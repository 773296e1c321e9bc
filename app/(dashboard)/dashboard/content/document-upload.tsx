"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useId } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { fileSizeText, uploadLimits, UploadProgress, useFileUpload } from "@/app/_components/upload";
import type { DocumentFile } from "@/server/db/schema";

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
  const { progress, error, upload } = useFileUpload(
    `/api/content/${itemId}/file`,
    () => void queryClient.invalidateQueries({ queryKey: trpc.content.pathKey() }),
  );

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
          <span className="text-slate-600">({fileSizeText(file.size)})</span>
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
          accept={uploadLimits.accept}
          disabled={progress !== null}
          onChange={(e) => {
            void upload(e.target.files?.[0]);
            e.target.value = "";
          }}
        />
      </label>
      <p className="text-xs text-slate-500">{uploadLimits.kinds}. It goes into the draft.</p>
      {progress !== null && <UploadProgress label="Upload" percent={progress} />}
      {error && (
        <p role="alert" className="mt-1 text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
