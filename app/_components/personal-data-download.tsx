"use client";

import { useMutation } from "@tanstack/react-query";
import { buttonClass, ErrorNotice } from "@/app/_components/controls";
import { saveFile } from "@/app/_components/save-file";
import { useTRPC } from "@/app/_trpc/client";

const saveJson = (name: string, data: unknown) => saveFile(name, JSON.stringify(data, null, 2), "application/json");

/**
 * Everything held about a person as one JSON file (GDPR Articles 15 and 20): one's own (no
 * `userId`), or, for an owner admin, someone else's. Each download is recorded in the audit log.
 */
export function PersonalDataDownload({ userId }: { userId?: string }) {
  const trpc = useTRPC();
  const day = () => new Date().toISOString().slice(0, 10);
  const own = useMutation(
    trpc.me.exportData.mutationOptions({ onSuccess: (data) => saveJson(`my-data-${day()}.json`, data) }),
  );
  const theirs = useMutation(
    trpc.users.exportData.mutationOptions({ onSuccess: (data) => saveJson(`personal-data-${day()}.json`, data) }),
  );
  const pending = own.isPending || theirs.isPending;
  return (
    <div>
      <button
        type="button"
        className={buttonClass}
        disabled={pending}
        onClick={() => (userId ? theirs.mutate({ userId }) : own.mutate())}
      >
        {pending ? "Preparing the file…" : userId ? "Download their data (JSON)" : "Download my data (JSON)"}
      </button>
      <div className="mt-2">
        <ErrorNotice error={own.error ?? theirs.error} />
      </div>
    </div>
  );
}
