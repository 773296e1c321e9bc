import { isId } from "@/app/_trpc/ids";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { api, pageData } from "@/app/_trpc/server";
import { PrintButton } from "../print-button";

export const metadata: Metadata = { title: "Certificate of completion" };

// The day in words, the same for every reader: a certificate is a document, not a local view.
const longDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** A completion certificate: the person's own, for one version of a course, ready to print. */
export default async function CertificatePage({ params }: { params: Promise<{ completionId: string }> }) {
  const { completionId } = await params;
  if (!isId(completionId)) notFound();
  const certificate = await pageData(() => api.portal.certificate({ completionId }));
  return (
    <div className="mx-auto max-w-3xl">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-2 print:hidden">
        <Link href="/portal/training-record" className="text-sm font-medium text-brand-800 underline">
          Back to your training record
        </Link>
        <PrintButton />
      </div>
      <article
        aria-labelledby="certificate-title"
        className="rounded-lg border-4 border-double border-slate-300 bg-white px-6 py-10 text-center sm:px-12 print:border-slate-400"
      >
        <p className="text-sm font-medium tracking-wide text-slate-600 uppercase">{certificate.installationName}</p>
        <h1 id="certificate-title" className="mt-4 text-3xl font-semibold">
          Certificate of completion
        </h1>
        <p className="mt-8 text-slate-700">This certifies that</p>
        <p className="mt-2 text-2xl font-semibold break-words">{certificate.personName}</p>
        <p className="mt-6 text-slate-700">completed the course</p>
        <p className="mt-2 text-xl font-semibold break-words">{certificate.title}</p>
        <p className="mt-2 text-slate-700">version {certificate.versionNumber}</p>
        <p className="mt-6 text-slate-700">
          on <time dateTime={certificate.completedAt.toISOString()}>{longDate.format(certificate.completedAt)}</time>
        </p>
        <p className="mt-10 text-xs break-all text-slate-500">Certificate number {certificate.completionId}</p>
      </article>
    </div>
  );
}
