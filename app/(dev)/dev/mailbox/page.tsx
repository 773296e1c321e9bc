import { LocalTime } from "@/app/_components/local-time";
import type { Metadata } from "next";
import { api, pageData } from "@/app/_trpc/server";

export const metadata: Metadata = { title: "Dev mailbox" };
export const dynamic = "force-dynamic";

/** Development only: the emails kept in the outbox while no RESEND_API_KEY is set. */
export default async function DevMailboxPage() {
  const emails = await pageData(() => api.email.devMailbox());
  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <h1 className="text-2xl font-semibold">Dev mailbox</h1>
      <p className="mt-1 text-sm text-slate-600">
        Emails the app sent while no <code>RESEND_API_KEY</code> is set. Only available in development.
      </p>
      {emails.length === 0 ? (
        <p className="mt-8 rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center text-slate-600">
          No emails yet.
        </p>
      ) : (
        <ul className="mt-6 space-y-4">
          {emails.map((email) => (
            <li key={email.id} className="rounded-lg border border-slate-200 bg-white" data-testid="mailbox-email">
              <details>
                <summary className="cursor-pointer px-4 py-3">
                  <span className="font-medium">{email.subject}</span>
                  <span className="block text-sm text-slate-600">
                    To {email.toAddress} · <LocalTime value={email.createdAt} precision="second" /> · {email.status}
                  </span>
                </summary>
                <pre className="border-t border-slate-100 px-4 py-3 text-sm whitespace-pre-wrap">
                  {/* Links are clickable, so a new user can follow an invitation locally. */}
                  {email.text.split(/(https?:\/\/\S+)/).map((part, i) =>
                    /^https?:\/\//.test(part) ? (
                      <a key={i} href={part} className="break-all text-brand-800 underline">
                        {part}
                      </a>
                    ) : (
                      part
                    ),
                  )}
                </pre>
              </details>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
