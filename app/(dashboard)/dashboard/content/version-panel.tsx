"use client";

import { LocalTime } from "@/app/_components/local-time";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { buttonClass, primaryButtonClass } from "@/app/_components/controls";
import { useTRPC } from "@/app/_trpc/client";
import { ContentEditor } from "./content-editor";
import { DocumentUpload } from "./document-upload";
import { kindLabel } from "./kind-label";
import { SignDialog } from "./sign-dialog";
import { TrainingPeriod } from "./training-period";

const meaningWord = { approved: "Approved", published: "Published" } as const;

/** A version's signatures, as Part 11 wants them shown: the signer's name, when, and what it meant. */
function Signatures({
  signatures,
}: {
  signatures: { signerName: string; meaning: "approved" | "published"; signedAt: Date; contentHash: string }[];
}) {
  if (signatures.length === 0) return null;
  return (
    <ul className="mt-1 ml-1 space-y-0.5 text-xs text-slate-700" aria-label="Signatures">
      {signatures.map((signature) => (
        <li key={signature.meaning}>
          Signed by {signature.signerName}, <LocalTime value={signature.signedAt} precision="second" /> — meaning:{" "}
          {meaningWord[signature.meaning]}{" "}
          <span className="font-mono break-all text-slate-500" title="SHA-256 of the content signed">
            (content {signature.contentHash.slice(0, 16)}…)
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The item's versions: what is published, what is in the works, and the steps between. */
export function VersionPanel({
  itemId,
  mayApprove,
  mayPublish,
}: {
  itemId: string;
  mayApprove: boolean;
  mayPublish: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const item = useQuery(trpc.content.get.queryOptions({ itemId }));
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.content.pathKey() });
  // What is being signed, fixed when the dialog opens: the version and the hash of the content shown.
  const [signing, setSigning] = useState<{
    meaning: "approved" | "published";
    versionId: string;
    contentHash: string;
  } | null>(null);
  const signed = () => {
    setSigning(null);
    refresh();
  };
  const approve = useMutation(trpc.content.approve.mutationOptions({ onSuccess: signed }));
  const publish = useMutation(trpc.content.publish.mutationOptions({ onSuccess: signed }));

  if (item.isPending) return <p className="text-sm text-slate-600">Loading…</p>;
  if (item.isError) {
    return (
      <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
        {item.error.data?.code === "NOT_FOUND"
          ? "This content does not exist, or no longer exists."
          : "The content could not be loaded. Reload the page to try again."}
      </p>
    );
  }
  const { open, published } = item.data;
  const base = open ?? published;
  const error = signing ? null : (approve.error ?? publish.error);
  return (
    <>
      <header>
        <p className="text-sm text-slate-600">{kindLabel[item.data.item.kind]}</p>
        <h1 className="text-2xl font-semibold">{base?.title}</h1>
      </header>
      <section aria-label="Versions" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="text-base font-semibold">Versions</h2>
        <ul className="mt-2 space-y-1 text-sm">
          <li>
            {published ? (
              <>
                <span className="mr-2 inline-flex rounded-full bg-green-100 px-2 py-0.5 text-xs font-medium text-green-800 ring-1 ring-green-600/30 ring-inset">
                  Published
                </span>
                Version {published.number}, since <LocalTime value={published.publishedAt} />: what the portal shows.
                <Signatures signatures={published.signatures} />
              </>
            ) : (
              "Nothing published yet: the portal shows nothing of it."
            )}
          </li>
          {open && (
            <li>
              <span
                className={`mr-2 inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${open.status === "approved" ? "bg-blue-100 text-blue-800 ring-blue-600/30" : "bg-orange-100 text-orange-800 ring-orange-600/30"}`}
              >
                {open.status === "approved" ? "Approved" : "Draft"}
              </span>
              Version {open.number}
              {open.status === "approved" ? ", waiting to be published." : ", waiting for approval."}
              <Signatures signatures={open.signatures} />
            </li>
          )}
        </ul>
        {error && (
          <p role="alert" className="mt-2 text-sm text-red-700">
            {error.message}
          </p>
        )}
        <div className="mt-3 flex flex-wrap gap-2">
          {open?.status === "draft" &&
            (mayApprove ? (
              <button
                type="button"
                className={primaryButtonClass}
                onClick={() => {
                  approve.reset();
                  setSigning({ meaning: "approved", versionId: open.id, contentHash: open.contentHash });
                }}
              >
                {`Approve version ${open.number}`}
              </button>
            ) : (
              <p className="text-sm text-slate-600">Someone holding the Approve permission approves it.</p>
            ))}
          {open?.status === "approved" &&
            (mayPublish ? (
              <button
                type="button"
                className={primaryButtonClass}
                onClick={() => {
                  publish.reset();
                  setSigning({ meaning: "published", versionId: open.id, contentHash: open.contentHash });
                }}
              >
                {`Publish version ${open.number}`}
              </button>
            ) : (
              <p className="text-sm text-slate-600">Someone holding the Publish permission publishes it.</p>
            ))}
          {signing && open && (
            <SignDialog
              meaning={signing.meaning}
              versionNumber={open.number}
              title={open.title}
              replacesTrainingOn={item.data.item.kind === "course" ? published?.number : undefined}
              pending={approve.isPending || publish.isPending}
              error={signing.meaning === "approved" ? approve.error : publish.error}
              onCancel={() => setSigning(null)}
              onSign={(credentials) =>
                (signing.meaning === "approved" ? approve : publish).mutate({
                  itemId,
                  versionId: signing.versionId,
                  contentHash: signing.contentHash,
                  ...credentials,
                })
              }
            />
          )}
          {published && (
            <a href={`/portal/items/${itemId}`} className={buttonClass}>
              See it in the portal
            </a>
          )}
        </div>
      </section>
      {item.data.item.kind === "course" && (
        <TrainingPeriod
          itemId={itemId}
          days={item.data.item.trainingDueDays}
          countsFromVersion={item.data.item.countsFromVersion}
        />
      )}
      {base && (
        <section aria-label="Edit" className="rounded-lg border border-slate-200 bg-white p-5">
          <h2 className="text-base font-semibold">
            {open ? `Edit the draft (version ${open.number})` : `Edit: a new draft after version ${published?.number}`}
          </h2>
          {base.body.kind === "document" && (
            <div className="mt-3">
              <DocumentUpload itemId={itemId} file={base.body.file ?? null} inDraft={open !== null} />
            </div>
          )}
          <div className="mt-3">
            <ContentEditor
              key={`${base.id}-${base.status}`}
              itemId={itemId}
              initial={{ title: base.title, summary: base.summary, body: base.body }}
            />
          </div>
        </section>
      )}
    </>
  );
}
