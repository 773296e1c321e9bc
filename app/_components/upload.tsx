"use client";

import { useId, useState } from "react";

/** What every upload of the installation allows (the server checks the same, from the bytes). */
export const uploadLimits = {
  maxBytes: 25 * 1024 * 1024,
  accept: ".pdf,.png,.jpg,.jpeg,.mp4,.docx,.xlsx,.pptx",
  tooLarge: "The file is larger than 25 MB. Choose a smaller one or split it.",
  kinds: "PDF, PNG, JPEG, MP4, Word, Excel or PowerPoint, up to 25 MB",
};

export const fileSizeText = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * Posts a form with a file to one of the app's upload routes, reporting the upload's progress in
 * percent (XMLHttpRequest, not fetch: only it reports an upload's progress). Resolves with the
 * route's sentence when it refuses.
 */
export function uploadWithProgress(
  url: string,
  form: FormData,
  onProgress: (percent: number) => void,
): Promise<{ ok: true } | { ok: false; error: string }> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open("POST", url);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((100 * event.loaded) / event.total));
    };
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) return resolve({ ok: true });
      let error = "The upload failed. Try again.";
      try {
        error = (JSON.parse(request.responseText || "{}") as { error?: string }).error ?? error;
      } catch {
        // Not the route's own answer (a proxy's page): the general sentence stands.
      }
      resolve({ ok: false, error });
    };
    request.onerror = () => resolve({ ok: false, error: "The upload failed: check the connection and try again." });
    onProgress(0);
    request.send(form);
  });
}

/** An upload's progress: a bar named for screen readers, and the percentage in words. */
export function UploadProgress({ label, percent }: { label: string; percent: number }) {
  return (
    <div
      className="mt-2"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
    >
      <div className="h-2 rounded bg-slate-200">
        <div className="h-2 rounded bg-brand-700" style={{ width: `${percent}%` }} />
      </div>
      <p className="mt-1 text-xs text-slate-700">Uploading… {percent} %</p>
    </div>
  );
}

/**
 * Uploads one chosen file to `url` (with `fields` beside it): checked for size first, its progress
 * while it goes, the route's sentence when it refuses, `onDone` when it is in.
 */
export function useFileUpload(url: string, onDone: () => void) {
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function upload(chosen: File | undefined, fields: Record<string, string> = {}) {
    setError(null);
    if (!chosen) return;
    if (chosen.size > uploadLimits.maxBytes) return setError(uploadLimits.tooLarge);
    const form = new FormData();
    form.append("file", chosen);
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    const result = await uploadWithProgress(url, form, setProgress);
    setProgress(null);
    if (result.ok) onDone();
    else setError(result.error);
  }
  return { progress, error, upload };
}

/**
 * "Attach a file": chosen, then uploaded at once to `url` with its progress (and `fields` beside
 * it); the route's sentence when it refuses. The server checks the type from the bytes and the size.
 */
export function AttachFile({
  url,
  label,
  note,
  fields = {},
  onDone,
}: {
  url: string;
  label: string;
  note?: string;
  fields?: Record<string, string>;
  onDone: () => void;
}) {
  const inputId = useId();
  const { progress, error, upload } = useFileUpload(url, onDone);

  return (
    <div className="text-sm">
      <label
        htmlFor={inputId}
        className="inline-block cursor-pointer font-medium text-brand-800 hover:underline focus-within:underline"
      >
        {label}
        <input
          id={inputId}
          type="file"
          className="sr-only"
          accept={uploadLimits.accept}
          disabled={progress !== null}
          onChange={(e) => {
            void upload(e.target.files?.[0], fields);
            e.target.value = "";
          }}
        />
      </label>
      <p className="text-xs text-slate-500">
        {uploadLimits.kinds}.{note ? ` ${note}` : ""}
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
