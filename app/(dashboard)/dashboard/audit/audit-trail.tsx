"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { buttonClass, ErrorNotice, inputClass, labelClass, primaryButtonClass } from "@/app/_components/controls";
import { LocalTime } from "@/app/_components/local-time";
import { saveFile } from "@/app/_components/save-file";
import { useTRPC } from "@/app/_trpc/client";
import type { ChainProblem, ChainVerification } from "@/server/audit/chain";
import type { LastVerification } from "@/server/audit/verification";
import { toCsv } from "@/server/export/csv";

const numberFormat = new Intl.NumberFormat("en-GB");

const problemSentence: Record<ChainProblem, string> = {
  entry_changed: "the entry was changed after it was recorded",
  entry_missing: "the entry was deleted",
  link_changed: "the chain's link was rewritten",
  link_missing: "a link of the chain is missing or out of order",
  anchor_changed: "the chain was rewritten after the application anchored it",
  unanchored: "links were added to the chain without the application's anchor",
  unsealed: "the entry was kept out of the chain",
};

/** A check's result as a person reads it. */
function VerificationResult({ result }: { result: ChainVerification }) {
  if (result.intact) {
    const added = result.entries - result.fromSeq;
    return (
      <div role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900">
        <p className="font-medium">
          {result.whole
            ? `Intact: all ${numberFormat.format(result.entries)} entries are as they were recorded.`
            : `Intact: the ${numberFormat.format(added)} ${added === 1 ? "entry" : "entries"} added since the last check (link #${numberFormat.format(result.fromSeq)}) are as they were recorded.`}
        </p>
        {result.erasedEntries > 0 && (
          <p className="mt-1">
            In {numberFormat.format(result.erasedEntries)} of them, a deleted person&apos;s name or address was erased
            (replaced by its digest); nothing else in them changed.
          </p>
        )}
        {result.head && (
          <p className="mt-1">
            Last link #{numberFormat.format(result.head.seq)}, sealed <LocalTime value={result.head.sealedAt} />. Its
            hash, to compare with a later check: <span className="font-mono break-all">{result.head.hash}</span>
          </p>
        )}
      </div>
    );
  }
  const broken = result.firstBroken!;
  return (
    <div role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
      <p className="font-medium">
        Broken at link #{numberFormat.format(broken.seq)} (entry {broken.entryId}): {problemSentence[broken.problem]}.
      </p>
      <p className="mt-1">
        The {numberFormat.format(result.entries)} links before it hold. Tell your security officer: the audit trail was
        changed outside the application.
      </p>
    </div>
  );
}

/** The latest check, whoever ran it: what admins who do not run checks rely on. */
function LastCheck({ last }: { last: LastVerification | null }) {
  if (!last) return <p className="text-sm text-slate-700">The trail has not been checked yet.</p>;
  return (
    <p className={`text-sm ${last.intact && last.vouched ? "text-slate-700" : "font-medium text-red-800"}`}>
      Last checked <LocalTime value={last.checkedAt} />
      {last.whole ? " (the whole trail)" : " (the entries added since the check before)"}:{" "}
      {last.intact
        ? `intact through link #${numberFormat.format(last.throughSeq)}.`
        : `broken at link #${numberFormat.format(last.firstBroken?.seq ?? last.throughSeq + 1)}: ${last.firstBroken ? problemSentence[last.firstBroken.problem] : "see the audit log"}.`}
      {!last.vouched && " This record was not written by the application: treat the trail as changed."}
    </p>
  );
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** A check as the export writes it: one made now, or the latest one. */
interface ExportedCheck {
  checkedAt: Date;
  whole: boolean;
  intact: boolean;
  fromSeq: number;
  throughSeq: number;
  throughHash: string | null;
  firstBroken: ChainVerification["firstBroken"];
  erasedEntries: number | null;
}
const toExported = (v: ChainVerification): ExportedCheck => ({
  checkedAt: v.checkedAt,
  whole: v.whole,
  intact: v.intact,
  fromSeq: v.fromSeq,
  throughSeq: v.entries,
  throughHash: v.head?.hash ?? null,
  firstBroken: v.firstBroken,
  erasedEntries: v.erasedEntries,
});
const lastExported = (l: LastVerification): ExportedCheck => ({
  ...l,
  intact: l.intact && l.vouched,
  erasedEntries: null,
});

/**
 * Above the audit log: the trail's latest check, and for owner admins checks of their own (the
 * entries added since the last one, or the whole trail); and an export of a period of the entries
 * the admin may read (CSV or JSON), with a check's result in the file.
 */
export function AuditTrail({ mayVerify }: { mayVerify: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const last = useQuery(trpc.audit.lastVerification.queryOptions());
  const verify = useMutation(
    trpc.audit.verify.mutationOptions({
      onSettled: () => queryClient.invalidateQueries(trpc.audit.lastVerification.queryFilter()),
    }),
  );
  const [from, setFrom] = useState(() => isoDay(new Date(Date.now() - 30 * 24 * 60 * 60 * 1000)));
  const [to, setTo] = useState(() => isoDay(new Date()));
  const [progress, setProgress] = useState<string | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);

  async function download(format: "csv" | "json") {
    setExportError(null);
    try {
      // An owner admin's export carries a check made now; others', the latest one.
      setProgress("Checking the audit trail…");
      const verification = mayVerify
        ? toExported(await verify.mutateAsync({ whole: false }))
        : await queryClient
            .fetchQuery(trpc.audit.lastVerification.queryOptions(undefined, { staleTime: 0 }))
            .then((l) => (l ? lastExported(l) : null));
      const entries = [];
      let cursor: number | undefined;
      do {
        const page = await queryClient.fetchQuery(
          trpc.audit.list.queryOptions({ pageSize: 1000, from, to, ...(cursor ? { cursor } : {}) }, { staleTime: 0 }),
        );
        entries.push(...page.items);
        cursor = page.nextBefore ?? undefined;
        setProgress(`Preparing… ${numberFormat.format(entries.length)} entries`);
      } while (cursor);
      const name = `audit-log-${from}-to-${to}`;
      const verificationRow = {
        verified_at: verification ? new Date(verification.checkedAt).toISOString() : null,
        checked: verification ? (verification.whole ? "whole trail" : "since the check before") : "never",
        intact: verification ? (verification.intact ? "yes" : "no") : null,
        from_link: verification?.fromSeq ?? null,
        last_link: verification?.throughSeq ?? null,
        last_hash: verification?.throughHash ?? null,
        first_broken_link: verification?.firstBroken?.seq ?? null,
        first_broken_entry: verification?.firstBroken?.entryId ?? null,
        problem: verification?.firstBroken ? problemSentence[verification.firstBroken.problem] : null,
        entries_with_erasures: verification?.erasedEntries ?? null,
      };
      const rows = entries.map((entry) => ({
        id: entry.id,
        at: new Date(entry.at).toISOString(),
        actor: entry.actorLabel,
        action: entry.action,
        target_type: entry.targetType,
        target_id: entry.targetId,
        target: entry.targetLabel,
        before: entry.before === null ? null : JSON.stringify(entry.before),
        after: entry.after === null ? null : JSON.stringify(entry.after),
        ip: entry.ip,
        chain_link: entry.chainSeq,
        chain_hash: entry.chainHash,
      }));
      const body =
        format === "csv"
          ? // The verification first, then a blank line, then the entries: two tables in one file.
            `${toCsv([verificationRow])}\r\n\r\n${toCsv(rows).replace(/^\uFEFF/, "")}`
          : JSON.stringify(
              { period: { from, to }, exportedAt: new Date().toISOString(), verification, entries: rows },
              null,
              2,
            );
      saveFile(`${name}.${format}`, body, format === "csv" ? "text/csv;charset=utf-8" : "application/json");
    } catch (error) {
      setExportError(error instanceof Error ? error.message : "The export stopped. Try again.");
    } finally {
      setProgress(null);
    }
  }

  return (
    <div className="mt-6 grid gap-4 lg:grid-cols-2">
      <section className="rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="verify-title">
        <h2 id="verify-title" className="text-base font-semibold">
          Is the audit trail intact?
        </h2>
        <p className="mt-1 text-sm text-slate-700">
          Every entry is chained to the one before it by a hash, and the chain is anchored with a key the database never
          holds. A check names the first entry changed or deleted outside the application. The whole trail is checked
          every night.
        </p>
        <div className="mt-3">
          {last.data !== undefined && <LastCheck last={last.data} />}
          <ErrorNotice error={last.error} />
        </div>
        {mayVerify ? (
          <div className="mt-3 flex flex-wrap gap-2">
            <button
              type="button"
              className={primaryButtonClass}
              disabled={verify.isPending}
              onClick={() => verify.mutate({ whole: false })}
            >
              Check new entries
            </button>
            <button
              type="button"
              className={buttonClass}
              disabled={verify.isPending}
              onClick={() => verify.mutate({ whole: true })}
            >
              Check the whole trail
            </button>
          </div>
        ) : (
          <p className="mt-3 text-sm text-slate-600">Owner admins can run a check at any time.</p>
        )}
        <div className="mt-3">
          {verify.isPending && (
            <p role="status" className="text-sm text-slate-700">
              {verify.variables?.whole ? "Checking every entry…" : "Checking the entries added since the last check…"}
            </p>
          )}
          {verify.data && progress === null && <VerificationResult result={verify.data} />}
          <ErrorNotice error={verify.error} />
        </div>
      </section>

      <section className="rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="export-title">
        <h2 id="export-title" className="text-base font-semibold">
          Export a period
        </h2>
        <p className="mt-1 text-sm text-slate-700">
          The entries you may read, from the first day to the last (UTC), with a check of the trail.
        </p>
        <div className="mt-3 grid grid-cols-2 gap-3">
          <div>
            <label htmlFor="audit-from" className={labelClass}>
              From
            </label>
            <input
              id="audit-from"
              type="date"
              value={from}
              max={to}
              onChange={(e) => setFrom(e.target.value)}
              className={inputClass}
            />
          </div>
          <div>
            <label htmlFor="audit-to" className={labelClass}>
              To
            </label>
            <input
              id="audit-to"
              type="date"
              value={to}
              min={from}
              onChange={(e) => setTo(e.target.value)}
              className={inputClass}
            />
          </div>
        </div>
        <div className="mt-3 flex flex-wrap gap-2">
          <button
            type="button"
            className={buttonClass}
            disabled={progress !== null || !from || !to}
            onClick={() => void download("csv")}
          >
            Download CSV
          </button>
          <button
            type="button"
            className={buttonClass}
            disabled={progress !== null || !from || !to}
            onClick={() => void download("json")}
          >
            Download JSON
          </button>
        </div>
        {progress && (
          <p role="status" className="mt-2 text-sm text-slate-700">
            {progress}
          </p>
        )}
        {exportError && <ErrorNotice error={{ message: exportError }} />}
      </section>
    </div>
  );
}
