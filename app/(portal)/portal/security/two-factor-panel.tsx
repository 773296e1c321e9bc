"use client";

import { useActionState, useState, useTransition, type ReactNode } from "react";
import { buttonClass, inputClass, labelClass, primaryButtonClass } from "@/app/_components/controls";
import { finishEnrolment, newRecoveryCodes, startEnrolment, turnOffTwoFactor } from "./actions";

/** Setting up two-step verification: scan, confirm with a code, keep the recovery codes. */
export function TwoFactorSetup() {
  const [pending, startTransition] = useTransition();
  const [enrolment, setEnrolment] = useState<{ qrCodeSvg: string; secret: string } | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [code, setCode] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);

  if (codes) {
    return (
      <RecoveryCodes codes={codes} title="Two-step verification is on.">
        Keep these recovery codes somewhere safe, apart from your phone: each one signs you in once if you lose the app.
        They are shown only now.
      </RecoveryCodes>
    );
  }
  if (!enrolment) {
    return (
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setError(null);
          startTransition(async () => {
            const started = await startEnrolment(password);
            if (started.ok) {
              setPassword("");
              setEnrolment(started);
            } else setError(started.error);
          });
        }}
      >
        <p className="text-sm text-slate-700">
          After your password, sign-in will ask for a code from an authenticator app on your phone (such as Microsoft
          Authenticator, Google Authenticator or 1Password).
        </p>
        <div className="mt-3 max-w-sm">
          <label htmlFor="enrol-password" className={labelClass}>
            Your password, to confirm it is you
          </label>
          <input
            id="enrol-password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            className={inputClass}
          />
        </div>
        {error && (
          <p role="alert" className="mt-2 text-sm text-red-700">
            {error}
          </p>
        )}
        <button type="submit" className={`${primaryButtonClass} mt-3`} disabled={pending || password === ""}>
          {pending ? "Preparing…" : "Set up two-step verification"}
        </button>
        {password === "" && <p className="mt-1 text-xs text-slate-600">Enter your password to go on.</p>}
      </form>
    );
  }
  return (
    <form
      className="grid gap-4 sm:grid-cols-[auto_1fr]"
      onSubmit={(event) => {
        event.preventDefault();
        setError(null);
        startTransition(async () => {
          const finished = await finishEnrolment(code);
          if (finished.ok) setCodes(finished.recoveryCodes);
          else setError(finished.error);
        });
      }}
    >
      {/* eslint-disable-next-line @next/next/no-img-element -- an inline SVG made on the server, not a file to optimise */}
      <img
        src={`data:image/svg+xml;utf8,${encodeURIComponent(enrolment.qrCodeSvg)}`}
        alt="QR code to scan with your authenticator app"
        className="size-44 rounded-md border border-slate-200 bg-white"
      />
      <div className="min-w-0">
        <p className="text-sm text-slate-700">
          1. Scan this QR code with your authenticator app. Cannot scan? Enter this key in the app instead:
        </p>
        <p className="mt-1 font-mono text-sm break-all" data-testid="totp-secret">
          {enrolment.secret}
        </p>
        <label htmlFor="enrol-code" className={`${labelClass} mt-3`}>
          2. Enter the 6-digit code the app shows
        </label>
        <input
          id="enrol-code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "enrol-error" : undefined}
          className={`${inputClass} max-w-40 tracking-widest`}
        />
        {error && (
          <p id="enrol-error" role="alert" className="mt-1 text-sm text-red-700">
            {error}
          </p>
        )}
        <div className="mt-3 flex gap-2">
          <button type="submit" className={primaryButtonClass} disabled={pending}>
            {pending ? "Checking…" : "Turn on"}
          </button>
          <a href="/portal/security" className={buttonClass}>
            Cancel
          </a>
        </div>
      </div>
    </form>
  );
}

/** Turning it off needs the password and a current code. */
export function TwoFactorOff() {
  const [state, action, pending] = useActionState(turnOffTwoFactor, { error: null });
  return (
    <details className="mt-3">
      <summary className="cursor-pointer text-sm font-medium text-slate-800">Turn off two-step verification</summary>
      <form action={action} className="mt-3 grid max-w-sm gap-3">
        {state.error && (
          <p role="alert" className="text-sm text-red-700">
            {state.error}
          </p>
        )}
        <div>
          <label htmlFor="off-password" className={labelClass}>
            Your password
          </label>
          <input
            id="off-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            className={inputClass}
          />
        </div>
        <div>
          <label htmlFor="off-code" className={labelClass}>
            Code from your app, or a recovery code
          </label>
          <input
            id="off-code"
            name="code"
            autoComplete="one-time-code"
            required
            maxLength={20}
            className={inputClass}
          />
        </div>
        <button type="submit" className={`${buttonClass} justify-self-start`} disabled={pending}>
          {pending ? "Turning off…" : "Turn off"}
        </button>
      </form>
    </details>
  );
}

/** New recovery codes (the old ones stop working): a current code is needed. */
export function RenewRecoveryCodes() {
  const [pending, startTransition] = useTransition();
  const [code, setCode] = useState("");
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (codes) return <RecoveryCodes codes={codes} title="Your new recovery codes. The old ones no longer work." />;
  return (
    <details className="mt-3">
      <summary className="cursor-pointer text-sm font-medium text-slate-800">Make new recovery codes</summary>
      <form
        className="mt-3 grid max-w-sm gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          setError(null);
          startTransition(async () => {
            const renewed = await newRecoveryCodes(code);
            if (renewed.ok) setCodes(renewed.recoveryCodes);
            else setError(renewed.error);
          });
        }}
      >
        <div>
          <label htmlFor="renew-code" className={labelClass}>
            Code from your app
          </label>
          <input
            id="renew-code"
            autoComplete="one-time-code"
            required
            maxLength={20}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "renew-error" : undefined}
            className={inputClass}
          />
          {error && (
            <p id="renew-error" role="alert" className="mt-1 text-sm text-red-700">
              {error}
            </p>
          )}
        </div>
        <button type="submit" className={`${buttonClass} justify-self-start`} disabled={pending}>
          {pending ? "Checking…" : "Make new codes"}
        </button>
      </form>
    </details>
  );
}

/** Recovery codes, shown once, with what to do with them. */
function RecoveryCodes({ codes, title, children }: { codes: string[]; title: string; children?: ReactNode }) {
  return (
    <div role="status" className="mt-3">
      <p className="text-sm font-medium text-green-800">{title}</p>
      {children && <p className="mt-2 text-sm text-slate-700">{children}</p>}
      <ul
        className="mt-3 grid grid-cols-2 gap-2 rounded-md bg-slate-50 p-3 font-mono text-sm sm:grid-cols-5"
        aria-label="Recovery codes"
      >
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      <a href="/portal/security" className={`${primaryButtonClass} mt-3 inline-block`}>
        I have saved them
      </a>
    </div>
  );
}
