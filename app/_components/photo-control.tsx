"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTRPC } from "@/app/_trpc/client";

const maxBytes = 2 * 1024 * 1024;
const types = ["image/png", "image/jpeg", "image/webp"];

/**
 * The user's photo or initials, and changing or removing it: by an admin who may manage them, or
 * (`own`) by the person on their profile.
 */
export function PhotoControl({
  userId,
  name,
  photoUrl,
  mayManage,
  own = false,
  onChanged,
}: {
  userId: string;
  name: string;
  photoUrl: string | null;
  mayManage: boolean;
  own?: boolean;
  onChanged?: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const inputId = useId();
  const [error, setError] = useState<string | null>(null);
  const refresh = () => {
    onChanged?.();
    return queryClient.invalidateQueries({ queryKey: trpc.users.pathKey() });
  };
  const options = { onSuccess: refresh, onError: (e: { message: string }) => setError(e.message) };
  const adminUpload = useMutation(trpc.users.setPhoto.mutationOptions(options));
  const adminRemove = useMutation(trpc.users.removePhoto.mutationOptions(options));
  const ownUpload = useMutation(trpc.me.setPhoto.mutationOptions(options));
  const ownRemove = useMutation(trpc.me.removePhoto.mutationOptions(options));
  const upload = {
    isPending: own ? ownUpload.isPending : adminUpload.isPending,
    send: (base64: string) => (own ? ownUpload.mutate({ base64 }) : adminUpload.mutate({ userId, base64 })),
  };
  const remove = {
    isPending: own ? ownRemove.isPending : adminRemove.isPending,
    send: () => (own ? ownRemove.mutate() : adminRemove.mutate({ userId })),
  };
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
    upload.send(btoa(binary));
  }

  return (
    <div className="flex items-center gap-4">
      {photoUrl ? (
        // eslint-disable-next-line @next/next/no-img-element -- a private, per-user image behind the session: next/image's optimiser would need to fetch it without the cookie.
        <img
          src={photoUrl}
          alt={`Photo of ${name}`}
          className="size-16 rounded-full object-cover ring-1 ring-slate-200"
        />
      ) : (
        <span
          aria-hidden
          className="flex size-16 items-center justify-center rounded-full bg-brand-700 text-lg font-semibold text-white"
        >
          {initials || "?"}
        </span>
      )}
      {mayManage && (
        <div className="text-sm">
          <label
            htmlFor={inputId}
            className="cursor-pointer font-medium text-brand-800 hover:underline focus-within:underline"
          >
            {upload.isPending ? "Uploading…" : photoUrl ? "Change photo" : "Add a photo"}
            <input
              id={inputId}
              type="file"
              accept={types.join(",")}
              className="sr-only"
              disabled={upload.isPending}
              onChange={(e) => {
                void choose(e.target.files?.[0]);
                e.target.value = "";
              }}
            />
          </label>
          {photoUrl && (
            <button
              type="button"
              className="ml-3 font-medium text-red-800 hover:underline disabled:opacity-50"
              disabled={remove.isPending}
              onClick={() => remove.send()}
            >
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
