"use client";

import { useState } from "react";
import { buttonClass, ErrorNotice, inputClass, labelClass, primaryButtonClass } from "@/app/_components/controls";
import { ModalDialog } from "@/app/_components/modal-dialog";

const statements = {
  approved: (n: number, title: string) =>
    `I approve version ${n} of “${title}”: I have reviewed its content and it is correct.`,
  published: (n: number, title: string) =>
    `I publish version ${n} of “${title}”: the people it is given to will see it from now on.`,
};

/**
 * Signing a version: what the signature means, stated and confirmed, and the signer's password
 * again (and code, with two-step verification), so the signature is theirs alone. The signature is
 * bound to the version's content: a later change needs a new version and a new signature.
 */
export function SignDialog(props: {
  meaning: "approved" | "published";
  versionNumber: number;
  title: string;
  pending: boolean;
  error: { message: string } | null;
  /** Publishing a course's next version: the version people were trained on until now. */
  replacesTrainingOn?: number | undefined;
  onSign: (credentials: { password: string; code?: string; statement: true; retrain?: boolean }) => void;
  onCancel: () => void;
}) {
  const [confirmed, setConfirmed] = useState(false);
  const [retrain, setRetrain] = useState<boolean | null>(null);
  const choosesTraining = props.meaning === "published" && props.replacesTrainingOn !== undefined;
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const ready = confirmed && password !== "" && (!choosesTraining || retrain !== null);
  const action = props.meaning === "approved" ? "Approve" : "Publish";
  return (
    <ModalDialog labelledBy="sign-title" role="dialog" onClose={props.onCancel} dismissible={!props.pending}>
      <form
        noValidate
        className="space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          if (ready)
            props.onSign({
              password,
              ...(code.trim() ? { code: code.trim() } : {}),
              statement: true,
              ...(choosesTraining ? { retrain: retrain === true } : {}),
            });
        }}
      >
        <h2 id="sign-title" className="text-base font-semibold">
          Sign: {action.toLowerCase()} version {props.versionNumber}
        </h2>
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            className="mt-0.5 size-4"
            checked={confirmed}
            onChange={(e) => setConfirmed(e.target.checked)}
          />
          <span>{statements[props.meaning](props.versionNumber, props.title)}</span>
        </label>
        {choosesTraining && (
          <fieldset className="rounded-md border border-slate-200 p-3">
            <legend className="px-1 text-sm font-medium">People trained on version {props.replacesTrainingOn}</legend>
            <label className="flex items-start gap-2 text-sm">
              <input
                type="radio"
                name="retrain"
                className="mt-0.5 size-4"
                checked={retrain === true}
                onChange={() => setRetrain(true)}
              />
              <span>
                Must retrain on version {props.versionNumber}: their completions of earlier versions no longer count,
                and they start the course again.
              </span>
            </label>
            <label className="mt-2 flex items-start gap-2 text-sm">
              <input
                type="radio"
                name="retrain"
                className="mt-0.5 size-4"
                checked={retrain === false}
                onChange={() => setRetrain(false)}
              />
              <span>Stay trained: their completions of earlier versions still count.</span>
            </label>
          </fieldset>
        )}
        <div>
          <label htmlFor="sign-password" className={labelClass}>
            Your password
          </label>
          <input
            id="sign-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            className={inputClass}
          />
        </div>
        <div>
          <label htmlFor="sign-code" className={labelClass}>
            Code from your authenticator app{" "}
            <span className="font-normal text-slate-500">(if you use two-step verification)</span>
          </label>
          <input
            id="sign-code"
            inputMode="numeric"
            autoComplete="one-time-code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            className={inputClass}
          />
        </div>
        <p className="text-xs text-slate-600">
          Your name, the date and time, and the meaning are recorded with the version&apos;s content, as your signature.
        </p>
        <ErrorNotice error={props.error} />
        <div className="flex flex-wrap gap-2">
          <button type="submit" className={primaryButtonClass} disabled={props.pending || !ready}>
            {props.pending ? "Signing…" : `Sign and ${action.toLowerCase()}`}
          </button>
          <button type="button" className={buttonClass} disabled={props.pending} onClick={props.onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
