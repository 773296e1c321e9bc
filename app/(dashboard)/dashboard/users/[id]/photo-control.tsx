"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTRPC } from "@/app/_trpc/client";

const maxBytes = 2 * 1024 * 1024;
const types = ["image/png", "image/jpeg", "image/webp"];

/** The user's photo or initials, and (for admins who may manage them) changing or removing it. */
export function PhotoControl({ userId, name, photoUrl, mayManage }: { userId: string; name: string; photoUrl: string | null; mayManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const inputId = useId();
  const [error, setError] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.users.pathKey() });
  const upload = useMutation(trpc.users.setPhoto.mutationOptions({ onSuccess: refresh, onError: (e) => setError(e.message) }));
  const remove = useMutation(trpc.users.removePhoto.mutationOptions({ onSuccess: refresh, onError: (e) => setError(e.message) }));
  const initials = name
    .split(/\s+/)
    .map((part) => part[0])
    .filter(Boolean)
    .slice(0, 2)
    .join("")
    .toUpperCase();

  async function choose(file: File | undefined) {
    setError(null);
    if (!file) return;
    // Checked here for a quick answer; the server checks the bytes again.
    if (!types.includes(file.type)) return setError("Choose a PNG, JPEG or WebP image.");
    if (file.size > maxBytes) return setError("The photo is larger than 2 MB. Choose a smaller one.");
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = "";
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    upload.mutate({ userId, base64: btoa(binary) });
  }

  return (
    <div className="flex items-center gap-4">
      {photoUrl ? (
        // eslint-disable-next-line @next/next/no-img-element -- a private, per-user image behind the session: next/image's optimiser would need to fetch it without the cookie.
        <img src={photoUrl} alt={`Photo of ${name}`} className="size-16 rounded-full object-cover ring-1 ring-slate-200" />
      ) : (
        <span aria-hidden className="flex size-16 items-center justify-center rounded-full bg-brand-700 text-lg font-semibold text-white">
          {initials || "?"}
        </span>
      )}
      {mayManage && (
        <div className="text-sm">
          <label htmlFor={inputId} className="cursor-pointer font-medium text-brand-800 hover:underline focus-within:underline">
            {upload.isPending ? "Uploading…" : photoUrl ? "Change photo" : "Add a photo"}
            <input id={inputId} type="file" accept={types.join(",")} className="sr-only" disabled={upload.isPending} onChange={(e) => { void choose(e.target.files?.[0]); e.target.value = ""; }} />
          </label>
          {photoUrl && (
            <button type="button" className="ml-3 font-medium text-red-800 hover:underline disabled:opacity-50" disabled={remove.isPending} onClick={() => remove.mutate({ userId })}>
              Remove
            </button>
          )}
          <p className="text-xs text-slate-500">PNG, JPEG or WebP, up to 2 MB.</p>
          {error && (
            <p role="alert" className="text-sm text-red-700">
              {error}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
