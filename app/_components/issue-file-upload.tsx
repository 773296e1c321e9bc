"use client";

import { useId, useState } from "react";
import { uploadLimits, UploadProgress, uploadWithProgress } from "./upload";

/**
 * Adds a file to an issue, uploaded at once with its progress: the reporter's, or a handler's
 * (`internal`: beside the internal notes). The server checks the type from the bytes and the size.
 */
export function IssueFileUpload({
  issueId,
  internal = false,
  onDone,
}: {
  issueId: string;
  internal?: boolean;
  onDone: () => void;
}) {
  const inputId = useId();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function upload(chosen: File | undefined) {
    setError(null);
    if (!chosen) return;
    if (chosen.size > uploadLimits.maxBytes) return setError(uploadLimits.tooLarge);
    const form = new FormData();
    form.append("file", chosen);
    form.append("internal", String(internal));
    const result = await uploadWithProgress(`/api/support/${issueId}/files`, form, setProgress);
    setProgress(null);
    if (result.ok) onDone();
    else setError(result.error);
  }

  return (
    <div className="text-sm">
      <label
        htmlFor={inputId}
        className="inline-block cursor-pointer font-medium text-brand-800 hover:underline focus-within:underline"
      >
        {internal ? "Attach a file to the notes" : "Attach a file"}
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
      <p className="text-xs text-slate-500">
        {uploadLimits.kinds}.{internal ? " The reporter does not see it." : ""}
      </p>
      {progress !== null && <UploadProgress label="Upload" percent={progress} />}
      {error && (
        <p role="alert" className="mt-1 text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
