"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { buttonClass, ErrorNotice, inputClass, labelClass, primaryButtonClass } from "@/app/_components/controls";
import { useTRPC } from "@/app/_trpc/client";
import type { CustomFieldDefinition } from "@/server/organisation/custom-fields";
import type { AccountSettings } from "@/server/settings/account-settings";

const typeLabel: Record<CustomFieldDefinition["type"], string> = {
  text: "Text",
  number: "Number",
  date: "Date",
  choice: "Choice",
};

/** Suggests a key from a label: "Contract renewal" → "contract_renewal". */
const keyFrom = (label: string) =>
  label
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .replace(/^(\d)/, "f_$1")
    .slice(0, 40);

/** The owner's account settings: the installation's name, the seat limit, the customers' custom fields. */
export function AccountSettingsForm() {
  const trpc = useTRPC();
  const current = useQuery(trpc.settings.get.queryOptions());
  if (current.isPending) return <p className="mt-3 text-sm text-slate-600">Loading…</p>;
  if (current.isError) return <ErrorNotice error={current.error} />;
  return <AccountSettingsEditor initial={current.data} />;
}

const invitationFields = [
  ["invitationExpiryDays", "Invitation links work for (days)"],
  ["invitationResendIntervalDays", "Remind unanswered invitations every (days)"],
  ["invitationResendMax", "Reminders at most (0: none)"],
] as const;
const signInFields = [
  ["lockoutThreshold", "Lock an account after (failed sign-ins in a row)"],
  ["lockoutMinutes", "First lock lasts (minutes; doubles on each further lock within 24 hours)"],
  ["ipThrottleFailures", "Refuse a network address after (failed sign-ins across all accounts)"],
  ["ipThrottleMinutes", "Counting failures over (minutes; the refusal lasts as long)"],
  ["sessionIdleMinutes", "Sign a person out after (minutes without use)"],
  ["sessionMaxHours", "Sign a person out at the latest after (hours since signing in)"],
] as const;
const supportFields = [["supportReopenDays", "A reporter may reopen a resolved issue for (days)"]] as const;
type NumberKey =
  (typeof invitationFields)[number][0] | (typeof signInFields)[number][0] | (typeof supportFields)[number][0];
type FlagKey = "showAdminContactsWhenSuspended" | "supportIssuesEnabled" | "communityBoardsEnabled";

function AccountSettingsEditor({ initial }: { initial: AccountSettings & { demoData: boolean } }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(initial.installationName);
  const [seatLimit, setSeatLimit] = useState(initial.seatLimit === null ? "" : String(initial.seatLimit));
  const [fields, setFields] = useState(
    initial.customerFields.map((f) => ({ ...f, optionsText: f.options.join(", ") })),
  );
  const [saved, setSaved] = useState(false);
  const [registration, setRegistration] = useState(initial.registrationRequestsEnabled);
  const [autoApprove, setAutoApprove] = useState(initial.autoApproveEnabled);
  const [requireTwoFactor, setRequireTwoFactor] = useState(initial.requireTwoFactorForAdmins);
  const [numbers, setNumbers] = useState<Record<NumberKey, string>>({
    invitationExpiryDays: String(initial.invitationExpiryDays),
    invitationResendIntervalDays: String(initial.invitationResendIntervalDays),
    invitationResendMax: String(initial.invitationResendMax),
    lockoutThreshold: String(initial.lockoutThreshold),
    lockoutMinutes: String(initial.lockoutMinutes),
    ipThrottleFailures: String(initial.ipThrottleFailures),
    ipThrottleMinutes: String(initial.ipThrottleMinutes),
    sessionIdleMinutes: String(initial.sessionIdleMinutes),
    sessionMaxHours: String(initial.sessionMaxHours),
    supportReopenDays: String(initial.supportReopenDays),
  });
  const [requireOwnerTwoFactor, setRequireOwnerTwoFactor] = useState(initial.requireTwoFactorForOwnerAdmins);
  const [flags, setFlags] = useState<Record<FlagKey, boolean>>({
    showAdminContactsWhenSuspended: initial.showAdminContactsWhenSuspended,
    supportIssuesEnabled: initial.supportIssuesEnabled,
    communityBoardsEnabled: initial.communityBoardsEnabled,
  });
  const flagField = (key: FlagKey, label: string, description: string) => (
    <label className="flex items-start gap-2 text-sm">
      <input
        type="checkbox"
        className="mt-0.5 size-4"
        checked={flags[key]}
        onChange={(e) => {
          setFlags((current) => ({ ...current, [key]: e.target.checked }));
          setSaved(false);
        }}
      />
      <span>
        <span className="font-medium">{label}</span>
        <span className="block text-slate-600">{description}</span>
      </span>
    </label>
  );
  const save = useMutation(
    trpc.settings.updateAccount.mutationOptions({
      onSuccess: () => {
        setSaved(true);
        void queryClient.invalidateQueries({ queryKey: trpc.settings.pathKey() });
      },
    }),
  );
  const issues = save.error?.data?.zodIssues?.fieldErrors;
  const numberField = (key: NumberKey, label: string) => (
    <div key={key}>
      <label htmlFor={`setting-${key}`} className={labelClass}>
        {label}
      </label>
      <input
        id={`setting-${key}`}
        type="number"
        inputMode="numeric"
        min={key === "invitationResendMax" || key === "supportReopenDays" ? 0 : 1}
        required
        value={numbers[key]}
        onChange={(e) => {
          setNumbers((current) => ({ ...current, [key]: e.target.value }));
          setSaved(false);
        }}
        className={inputClass}
      />
      {issues?.[key]?.[0] && <p className="mt-1 text-sm text-red-700">{issues[key][0]}</p>}
    </div>
  );
  const change = (i: number, patch: Partial<(typeof fields)[number]>) => {
    setSaved(false);
    setFields((all) => all.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  };

  return (
    <form
      className="mt-4 space-y-5"
      onSubmit={(event) => {
        event.preventDefault();
        setSaved(false);
        save.mutate({
          installationName: name,
          seatLimit: seatLimit.trim() === "" ? null : Number(seatLimit),
          invitationExpiryDays: Number(numbers.invitationExpiryDays),
          invitationResendIntervalDays: Number(numbers.invitationResendIntervalDays),
          invitationResendMax: Number(numbers.invitationResendMax),
          lockoutThreshold: Number(numbers.lockoutThreshold),
          lockoutMinutes: Number(numbers.lockoutMinutes),
          ipThrottleFailures: Number(numbers.ipThrottleFailures),
          ipThrottleMinutes: Number(numbers.ipThrottleMinutes),
          requireTwoFactorForAdmins: requireTwoFactor,
          requireTwoFactorForOwnerAdmins: requireOwnerTwoFactor,
          sessionIdleMinutes: Number(numbers.sessionIdleMinutes),
          sessionMaxHours: Number(numbers.sessionMaxHours),
          supportReopenDays: Number(numbers.supportReopenDays),
          registrationRequestsEnabled: registration,
          autoApproveEnabled: autoApprove,
          ...flags,
          customerFields: fields.map(({ optionsText, ...f }) => ({
            ...f,
            options:
              f.type === "choice"
                ? optionsText
                    .split(",")
                    .map((o) => o.trim())
                    .filter(Boolean)
                : [],
          })),
        });
      }}
    >
      <ErrorNotice error={save.error && !issues ? save.error : null} />
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="installation-name" className={labelClass}>
            Installation name
          </label>
          <input
            id="installation-name"
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setSaved(false);
            }}
            required
            maxLength={80}
            className={inputClass}
          />
          {issues?.installationName?.[0] && <p className="mt-1 text-sm text-red-700">{issues.installationName[0]}</p>}
        </div>
        <div>
          <label htmlFor="seat-limit" className={labelClass}>
            Seat limit <span className="font-normal text-slate-500">(active users; empty for no limit)</span>
          </label>
          <input
            id="seat-limit"
            type="number"
            min={1}
            step={1}
            inputMode="numeric"
            value={seatLimit}
            onChange={(e) => {
              setSeatLimit(e.target.value);
              setSaved(false);
            }}
            className={inputClass}
          />
          {issues?.seatLimit?.[0] && <p className="mt-1 text-sm text-red-700">{issues.seatLimit[0]}</p>}
        </div>
      </div>

      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-slate-800">Registration</legend>
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            className="mt-0.5 size-4"
            checked={registration}
            onChange={(e) => {
              setRegistration(e.target.checked);
              setSaved(false);
            }}
          />
          <span>
            <span className="font-medium">Enable registration requests</span>
            <span className="block text-slate-600">
              A &ldquo;Request access&rdquo; link appears on the sign-in page; administrators review the requests.
            </span>
          </span>
        </label>
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            className="mt-0.5 size-4"
            checked={autoApprove}
            onChange={(e) => {
              setAutoApprove(e.target.checked);
              setSaved(false);
            }}
          />
          <span>
            <span className="font-medium">Auto-approve requests for open facilities</span>
            <span className="block text-slate-600">
              People pick their facility from the open facilities below; when their email domain is allowed, they are
              invited at once. Other requests wait for review.
            </span>
          </span>
        </label>
      </fieldset>

      <fieldset>
        <legend className="text-sm font-semibold text-slate-800">Invitations</legend>
        <div className="mt-2 grid gap-4 sm:grid-cols-3">
          {invitationFields.map(([key, label]) => numberField(key, label))}
        </div>
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-slate-800">Sign-in security</legend>
        <div className="grid gap-4 sm:grid-cols-2">{signInFields.map(([key, label]) => numberField(key, label))}</div>
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            className="mt-0.5 size-4"
            checked={requireTwoFactor}
            onChange={(e) => {
              setRequireTwoFactor(e.target.checked);
              setSaved(false);
            }}
          />
          <span>
            <span className="font-medium">Require two-step verification for administrators</span>
            <span className="block text-slate-600">
              Administrators without it, you included, are taken to set it up and can do nothing as administrators until
              they have.
            </span>
          </span>
        </label>
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            className="mt-0.5 size-4"
            checked={requireOwnerTwoFactor || requireTwoFactor}
            disabled={requireTwoFactor}
            onChange={(e) => {
              setRequireOwnerTwoFactor(e.target.checked);
              setSaved(false);
            }}
          />
          <span>
            <span className="font-medium">Require two-step verification for owner admins</span>
            <span className="block text-slate-600">
              On in every new installation: owner admins hold every key. Included when it is required for all
              administrators.
            </span>
          </span>
        </label>
        {flagField(
          "showAdminContactsWhenSuspended",
          "Tell suspended people whom to contact",
          "Someone suspended who signs in with the right password sees the names and email addresses of their hospital's customer admins. Off: they are told to contact their administrator.",
        )}
        {initial.demoData && !initial.requireTwoFactorForOwnerAdmins && (
          <p
            role="note"
            className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
            data-testid="demo-two-factor-note"
          >
            This installation holds demo data, which turned two-step verification for owner admins off so the demo
            logins work at once. Turn it back on before real use.
          </p>
        )}
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-slate-800">Support</legend>
        {flagField(
          "supportIssuesEnabled",
          "Enable support issues",
          "Product users report issues (device complaints among them) from the portal; the staff of the handling units below handle them in the dashboard. Off: nothing of it shows anywhere.",
        )}
        <div className="grid gap-4 sm:grid-cols-2">{supportFields.map(([key, label]) => numberField(key, label))}</div>
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-slate-800">Community</legend>
        {flagField(
          "communityBoardsEnabled",
          "Enable community boards",
          "Admins create boards and give them to parts of the organisation; their people post, reply and share files there. Off: nothing of it shows anywhere.",
        )}
      </fieldset>

      <fieldset>
        <legend className="text-sm font-semibold text-slate-800">Customer fields</legend>
        <p className="text-sm text-slate-600">
          Every customer carries these fields; whoever may edit a customer fills them in.
        </p>
        {fields.length === 0 && <p className="mt-2 text-sm text-slate-600">No custom fields yet.</p>}
        <ul className="mt-2 space-y-3">
          {fields.map((field, i) => (
            <li
              key={i}
              className="grid gap-2 rounded-md border border-slate-200 p-3 sm:grid-cols-[1fr_10rem_1fr_auto] sm:items-start"
            >
              <div>
                <label htmlFor={`cf-label-${i}`} className={labelClass}>
                  Label
                </label>
                <input
                  id={`cf-label-${i}`}
                  value={field.label}
                  onChange={(e) =>
                    change(i, {
                      label: e.target.value,
                      ...(field.key === keyFrom(field.label) ? { key: keyFrom(e.target.value) } : {}),
                    })
                  }
                  required
                  maxLength={60}
                  className={inputClass}
                />
                <p className="mt-1 text-xs text-slate-500">Key: {field.key || "—"}</p>
              </div>
              <div>
                <label htmlFor={`cf-type-${i}`} className={labelClass}>
                  Type
                </label>
                <select
                  id={`cf-type-${i}`}
                  value={field.type}
                  onChange={(e) => change(i, { type: e.target.value as CustomFieldDefinition["type"] })}
                  className={inputClass}
                >
                  {Object.entries(typeLabel).map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                {field.type === "number" && (
                  <div className="grid grid-cols-2 gap-2">
                    <div>
                      <label htmlFor={`cf-min-${i}`} className={labelClass}>
                        Least
                      </label>
                      <input
                        id={`cf-min-${i}`}
                        type="number"
                        step="any"
                        value={field.min ?? ""}
                        onChange={(e) => change(i, { min: e.target.value === "" ? null : Number(e.target.value) })}
                        className={inputClass}
                      />
                    </div>
                    <div>
                      <label htmlFor={`cf-max-${i}`} className={labelClass}>
                        Greatest
                      </label>
                      <input
                        id={`cf-max-${i}`}
                        type="number"
                        step="any"
                        value={field.max ?? ""}
                        onChange={(e) => change(i, { max: e.target.value === "" ? null : Number(e.target.value) })}
                        className={inputClass}
                      />
                    </div>
                    <label className="col-span-2 flex items-center gap-2 text-sm">
                      <input
                        type="checkbox"
                        checked={field.integer ?? false}
                        onChange={(e) => change(i, { integer: e.target.checked })}
                      />
                      Whole numbers only
                    </label>
                  </div>
                )}
                {field.type === "choice" && (
                  <>
                    <label htmlFor={`cf-options-${i}`} className={labelClass}>
                      Options, separated by commas
                    </label>
                    <input
                      id={`cf-options-${i}`}
                      value={field.optionsText}
                      onChange={(e) => change(i, { optionsText: e.target.value })}
                      className={inputClass}
                    />
                  </>
                )}
              </div>
              <button
                type="button"
                className={`${buttonClass} sm:mt-6`}
                onClick={() => {
                  setFields((all) => all.filter((_, j) => j !== i));
                  setSaved(false);
                }}
                aria-label={`Remove the field ${field.label || i + 1}`}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
        {issues?.customerFields?.[0] && <p className="mt-1 text-sm text-red-700">{issues.customerFields[0]}</p>}
        <button
          type="button"
          className={`${buttonClass} mt-3`}
          onClick={() =>
            setFields((all) => [...all, { key: "", label: "", type: "text", options: [], optionsText: "" }])
          }
        >
          Add a field
        </button>
      </fieldset>

      <div className="flex items-center gap-3">
        <button type="submit" className={primaryButtonClass} disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save settings"}
        </button>
        {saved && (
          <p role="status" className="text-sm text-green-800">
            Saved.
          </p>
        )}
      </div>
    </form>
  );
}
