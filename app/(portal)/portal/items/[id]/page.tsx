import { isId } from "@/app/_trpc/ids";
import { LocalTime } from "@/app/_components/local-time";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import Markdown from "react-markdown";
import remarkGfm from "remark-gfm";
import { Breadcrumb } from "@/app/_components/breadcrumb";
import { api, currentShell, HydrateClient, pageData, prefetch, serverQueryClient } from "@/app/_trpc/server";
import { CourseProgress } from "./course-progress";
import { ItemFeedback } from "./item-feedback";
import { SessionAnswer } from "./session-answer";

export const metadata: Metadata = { title: "Training" };

// Markdown is rendered here, on the server, without raw HTML (react-markdown's default): no script
// from content reaches the browser, and the portal's pages ship no Markdown code.
// GitHub-flavoured Markdown (tables, lists of tasks, strikethrough) through remark-gfm.
const prose =
  "space-y-3 text-base leading-relaxed [&_a]:text-brand-800 [&_a]:underline [&_h2]:text-lg [&_h2]:font-semibold [&_ol]:list-decimal [&_ol]:pl-6 [&_ul]:list-disc [&_ul]:pl-6 [&_table]:w-full [&_table]:text-sm [&_td]:border [&_td]:border-slate-200 [&_td]:px-3 [&_td]:py-2 [&_th]:border [&_th]:border-slate-200 [&_th]:bg-slate-50 [&_th]:px-3 [&_th]:py-2 [&_th]:text-left";

export default async function PortalItemPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ page?: string }>;
}) {
  const { id } = await params;
  if (!isId(id)) notFound();
  const [item, { may }] = await Promise.all([pageData(() => api.portal.item({ itemId: id })), currentShell()]);
  const { version } = item;
  // The person's own rating (and, for a session, their answer), in the first HTML with the rest of the page.
  const queries = serverQueryClient();
  await Promise.all([
    queries.prefetchQuery(prefetch.feedback.mine.queryOptions({ itemId: id })),
    version.body.kind === "session"
      ? queries.prefetchQuery(prefetch.content.mySession.queryOptions({ itemId: id }))
      : null,
  ]);
  // With support issues on: a report about this item starts with it chosen.
  const reportLink = may.reportIssues ? (
    <p className="mt-8 border-t border-slate-200 pt-4 text-sm">
      A problem with this?{" "}
      <Link href={`/portal/support/new?item=${id}`} className="font-medium text-brand-800 underline">
        Report an issue about it
      </Link>
    </p>
  ) : null;
  const body = version.body;
  const back = <Breadcrumb trail={[{ href: "/portal", label: "My training" }]} current={version.title} />;

  if (body.kind !== "course") {
    return (
      <article className="mx-auto max-w-3xl">
        {back}
        <h1 className="mt-2 text-2xl font-semibold">{version.title}</h1>
        {version.summary && <p className="mt-1 text-slate-700">{version.summary}</p>}
        {body.kind === "session" && (
          <p className="mt-4 rounded-md border border-slate-200 bg-white px-4 py-3 text-sm">
            <strong>
              <LocalTime value={body.startsAt} />
            </strong>{" "}
            · {body.place}
          </p>
        )}
        {body.kind === "document" && body.file && (
          <p className="mt-4">
            <a
              href={`/api/content/${id}/file`}
              className="inline-flex rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800"
            >
              Download {body.file.name} (
              {body.file.size < 1048576
                ? `${Math.max(1, Math.round(body.file.size / 1024))} KB`
                : `${(body.file.size / 1048576).toFixed(1)} MB`}
              )
            </a>
          </p>
        )}
        <div className={`mt-6 ${prose}`}>
          <Markdown remarkPlugins={[remarkGfm]}>{body.text}</Markdown>
        </div>
        <HydrateClient>
          {body.kind === "session" && <SessionAnswer itemId={id} />}
          <ItemFeedback itemId={id} />
        </HydrateClient>
        {reportLink}
      </article>
    );
  }

  const total = body.pages.length;
  const requested = Number((await searchParams).page);
  // Resume where the person left off unless a page was asked for.
  const index =
    Number.isInteger(requested) && requested >= 1 && requested <= total
      ? requested - 1
      : Math.min(item.progress?.lastPage ?? 0, total - 1);
  const page = body.pages[index]!;
  return (
    <article className="mx-auto max-w-3xl">
      {back}
      <h1 className="mt-2 text-2xl font-semibold">{version.title}</h1>
      <CourseProgress itemId={id} page={index} total={total} initialPercent={item.progress?.percent ?? 0} />
      <section aria-labelledby="page-title" className="mt-6 rounded-lg border border-slate-200 bg-white p-5">
        <p className="text-sm text-slate-600">
          Page {index + 1} of {total}
        </p>
        <h2 id="page-title" className="mt-1 text-xl font-semibold">
          {page.title}
        </h2>
        {page.imageUrl && (
          // eslint-disable-next-line @next/next/no-img-element -- content images live on the owner's own servers
          <img src={page.imageUrl} alt="" className="mt-4 max-h-96 w-full rounded-md object-contain" />
        )}
        <div className={`mt-4 ${prose}`}>
          <Markdown remarkPlugins={[remarkGfm]}>{page.text}</Markdown>
        </div>
        {page.videoUrl && (
          <p className="mt-4">
            <a
              href={page.videoUrl}
              target="_blank"
              rel="noopener noreferrer"
              className="font-medium text-brand-800 underline"
            >
              Watch the video (opens in a new tab)
            </a>
          </p>
        )}
      </section>
      <nav aria-label="Course pages" className="mt-4 flex items-center justify-between gap-2">
        {index > 0 ? (
          <Link
            href={`/portal/items/${id}?page=${index}`}
            className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50"
          >
            ← Previous
          </Link>
        ) : (
          <span />
        )}
        {index < total - 1 ? (
          <Link
            href={`/portal/items/${id}?page=${index + 2}`}
            className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800"
          >
            Next →
          </Link>
        ) : (
          <Link
            href="/portal"
            className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800"
          >
            Back to my training
          </Link>
        )}
      </nav>
      <HydrateClient>
        <ItemFeedback itemId={id} atCourseEnd={index === total - 1} />
      </HydrateClient>
      {reportLink}
    </article>
  );
}
