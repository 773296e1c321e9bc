"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { buttonClass, ErrorNotice, inputClass, labelClass, primaryButtonClass } from "@/app/_components/controls";
import { LocalTime } from "@/app/_components/local-time";
import { saveFile } from "@/app/_components/save-file";
import { useTRPC } from "@/app/_trpc/client";
import type { ChainProblem, ChainVerification } from "@/server/audit/chain";
import { toCsv } from "@/server/export/csv";

const numberFormat = new Intl.NumberFormat("en-GB");

const problemSentence: Record<ChainProblem, string> = {
  entry_changed: "the entry was changed after it was recorded",
  entry_missing: "the entry was deleted",
  link_changed: "the chain's link was rewritten",
  link_missing: "a link of the chain is missing or out of order",
  unsealed: "the entry was kept out of the chain",
};

/** The verification's result as a person reads it. */
function VerificationResult({ result }: { result: ChainVerification }) {
  if (result.intact) {
    return (
      <div role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900">
        <p className="font-medium">
          Intact: all {numberFormat.format(result.entries)} entries are as they were recorded.
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

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Above the audit log: verify the whole trail's hash chain, and export a period of the entries the
 * admin may read (CSV or JSON), with the verification's result in the file.
 */
export function AuditTrail() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const verify = useMutation(trpc.audit.verify.mutationOptions());
  const [from, setFrom] = useState(() => isoDay(new Date(Date.now() - 30 * 24 * 60 * 60 * 1000)));
  const [to, setTo] = useState(() => isoDay(new Date()));
  const [progress, setProgress] = useState<string | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);

  async function download(format: "csv" | "json") {
    setExportError(null);
    try {
      setProgress("Verifying the audit trail…");
      const verification = await verify.mutateAsync();
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
        verified_at: new Date(verification.checkedAt).toISOString(),
        intact: verification.intact ? "yes" : "no",
        entries_in_chain: verification.entries,
        last_link: verification.head?.seq ?? null,
        last_hash: verification.head?.hash ?? null,
        first_broken_link: verification.firstBroken?.seq ?? null,
        first_broken_entry: verification.firstBroken?.entryId ?? null,
        problem: verification.firstBroken ? problemSentence[verification.firstBroken.problem] : null,
        entries_with_erasures: verification.erasedEntries,
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
          Every entry is chained to the one before it by a hash. A check walks the whole chain and names the first entry
          changed or deleted outside the application.
        </p>
        <button
          type="button"
          className={`${primaryButtonClass} mt-3`}
          disabled={verify.isPending}
          onClick={() => verify.mutate()}
        >
          {verify.isPending ? "Checking every entry…" : "Verify the audit trail"}
        </button>
        <div className="mt-3">
          {verify.data && progress === null && <VerificationResult result={verify.data} />}
          <ErrorNotice error={verify.error} />
        </div>
      </section>

      <section className="rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="export-title">
        <h2 id="export-title" className="text-base font-semibold">
          Export a period
        </h2>
        <p className="mt-1 text-sm text-slate-700">
          The entries you may read, from the first day to the last (UTC), with the trail&apos;s verification.
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
