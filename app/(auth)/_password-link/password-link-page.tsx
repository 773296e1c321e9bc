import Link from "next/link";
import { NewPasswordForm } from "@/app/_components/new-password-form";
import { api } from "@/app/_trpc/server";
import { setPasswordThroughLink } from "./actions";

const copy = {
  invitation: {
    submitLabel: "Set password and sign in",
    deadTitle: "This invitation link no longer works",
    dead: [
      "It has expired, it was already used to set a password, or a newer invitation replaced it. Ask the administrator who invited you to send a new invitation; the link in the newest email is the one that works.",
      "If you already set your password, sign in.",
    ],
    deadLink: { href: "/login", label: "Go to sign in" },
  },
  password_reset: {
    submitLabel: "Set new password and sign in",
    deadTitle: "This link no longer works",
    dead: [
      "Reset links work once, for one hour, and only the newest one. Ask for a new link and use it straight away.",
    ],
    deadLink: { href: "/forgot-password", label: "Ask for a new link" },
  },
} as const;

/** The page of a link that sets a password: an invitation or a password reset. */
export async function PasswordLinkPage({
  purpose,
  token,
}: {
  purpose: "invitation" | "password_reset";
  token: string;
}) {
  const [{ installationName }, person] = await Promise.all([
    api.auth.page(),
    api.auth.passwordLink({ purpose, token }),
  ]);
  const text = copy[purpose];
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-10">
      <div className="w-full max-w-md">
        <p className="text-center text-sm font-semibold tracking-wide text-brand-700">{installationName}</p>
        <div className="mt-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          {person ? (
            <>
              {purpose === "invitation" ? (
                <>
                  <h1 className="text-xl font-semibold">Welcome{person.firstName ? `, ${person.firstName}` : ""}</h1>
                  <p className="mt-1 text-sm text-slate-700">
                    Choose a password for <strong className="break-all">{person.email}</strong>. You will use it with
                    this address to sign in.
                  </p>
                </>
              ) : (
                <>
                  <h1 className="text-xl font-semibold">Choose a new password</h1>
                  <p className="mt-1 text-sm text-slate-700">
                    For <strong className="break-all">{person.email}</strong>. Setting it signs you out on every other
                    device and unlocks the account if it was locked.
                  </p>
                </>
              )}
              <NewPasswordForm
                action={setPasswordThroughLink.bind(null, purpose, token)}
                personal={[person.email, person.firstName, person.lastName]}
                submitLabel={text.submitLabel}
                pendingLabel="Setting your password…"
              />
            </>
          ) : (
            <>
              <h1 className="text-xl font-semibold">{text.deadTitle}</h1>
              {text.dead.map((line) => (
                <p key={line} className="mt-2 text-sm text-slate-700">
                  {line}
                </p>
              ))}
              <Link
                href={text.deadLink.href}
                className="mt-4 inline-block text-sm font-medium text-brand-800 hover:underline"
              >
                {text.deadLink.label}
              </Link>
            </>
          )}
        </div>
      </div>
    </main>
  );
}
