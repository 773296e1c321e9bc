"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useEffect, useState } from "react";
import Markdown from "react-markdown";
import remarkGfm from "remark-gfm";
import { Breadcrumb } from "@/app/_components/breadcrumb";
import { buttonClass, ErrorNotice, inputClass, labelClass, primaryButtonClass } from "@/app/_components/controls";
import { LocalTime } from "@/app/_components/local-time";
import { AttachFile, fileSizeText } from "@/app/_components/upload";
import { useTRPC } from "@/app/_trpc/client";

/** The author may edit for this long after posting (the server holds to the same window). */
const editWindowMs = 30 * 60_000;
const prose =
  "space-y-2 break-words [&_a]:text-brand-800 [&_a]:underline [&_ol]:list-decimal [&_ol]:pl-6 [&_ul]:list-disc [&_ul]:pl-6 [&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1";

/**
 * A thread: its posts (Markdown, without raw HTML), "helpful", edits within the window, reports;
 * for moderators pin, lock, hide and remove. New posts from anyone arrive as they are committed
 * (server-sent events); the page also refreshes when it gets the focus back.
 */
export function ThreadView({ boardId, boardName, threadId }: { boardId: string; boardName: string; threadId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const thread = useQuery(
    trpc.boards.thread.queryOptions(
      { boardId, threadId, page },
      // Back on the tab: read it again, whatever the live stream did meanwhile.
      { placeholderData: keepPreviousData, refetchOnWindowFocus: "always" },
    ),
  );
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.boards.thread.pathKey() });
  const markRead = useMutation(trpc.boards.markRead.mutationOptions());
  const { mutate: markThreadRead } = markRead;
  const live = useSubscription(
    trpc.boards.threadEvents.subscriptionOptions(
      { boardId, threadId },
      { onData: () => void queryClient.invalidateQueries({ queryKey: trpc.boards.thread.pathKey() }) },
    ),
  );
  const postCount = thread.data?.posts.length;
  // Read up to now: when opened, and when a new post arrived while it is open.
  useEffect(() => {
    if (postCount !== undefined) markThreadRead({ boardId, threadId });
  }, [postCount, markThreadRead, boardId, threadId]);
  const done = { onSuccess: () => void refresh() };
  const reply = useMutation(trpc.boards.reply.mutationOptions(done));
  const moderate = useMutation(trpc.boards.moderateThread.mutationOptions(done));
  const [body, setBody] = useState("");

  if (thread.isPending) return <p className="text-sm text-slate-600">Loading the thread…</p>;
  if (thread.isError)
    return (
      <div className="mx-auto max-w-3xl">
        <Breadcrumb trail={[{ href: "/portal/boards", label: "Community" }]} current="Thread" />
        <p role="alert" className="mt-4 text-sm text-slate-700">
          {thread.error.data?.code === "NOT_FOUND"
            ? "This thread is not there any more, or not on a board of yours."
            : "The thread could not be loaded. Reload the page to try again."}
        </p>
      </div>
    );
  const t = thread.data;
  const moderator = t.as === "moderator";
  const replyError = reply.error?.data?.zodIssues?.fieldErrors.body?.[0];
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <Breadcrumb
        trail={[
          { href: "/portal/boards", label: "Community" },
          { href: `/portal/boards/${boardId}`, label: boardName },
        ]}
        current={t.title}
      />
      <header>
        <h1 className="text-2xl font-semibold break-words">{t.title}</h1>
        <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
          {t.pinned && <span className="rounded bg-amber-100 px-1.5 text-xs text-amber-900">Pinned</span>}
          {t.locked && <span className="rounded bg-slate-200 px-1.5 text-xs text-slate-800">Locked</span>}
          {t.hidden && <span className="rounded bg-red-100 px-1.5 text-xs text-red-800">Hidden: {t.hiddenReason}</span>}
          <span aria-live="polite">
            {live.status === "pending"
              ? "New posts appear as they are written."
              : live.status === "error"
                ? "Live updates paused: the thread refreshes when you come back to this page."
                : "Connecting for live updates…"}
          </span>
        </p>
        {moderator && (
          <div className="mt-2 flex flex-wrap gap-2">
            <button
              type="button"
              className={buttonClass}
              disabled={moderate.isPending}
              onClick={() => moderate.mutate({ boardId, threadId, pinned: !t.pinned })}
            >
              {t.pinned ? "Unpin" : "Pin"}
            </button>
            <button
              type="button"
              className={buttonClass}
              disabled={moderate.isPending}
              onClick={() => moderate.mutate({ boardId, threadId, locked: !t.locked })}
            >
              {t.locked ? "Unlock" : "Lock"}
            </button>
          </div>
        )}
        <ErrorNotice error={moderate.error} />
      </header>

      <ol className="space-y-3" aria-label="Posts">
        {t.posts.map((post) => (
          <PostItem
            key={post.id}
            boardId={boardId}
            post={post}
            mine={post.authorId === t.me}
            moderator={moderator}
            onChanged={() => void refresh()}
          />
        ))}
      </ol>
      {t.pages > 1 && (
        <nav aria-label="Post pages" className="flex items-center justify-between text-sm">
          <button type="button" className={buttonClass} disabled={page <= 1} onClick={() => setPage(page - 1)}>
            Earlier
          </button>
          <span>
            Page {page} of {t.pages}
          </span>
          <button type="button" className={buttonClass} disabled={page >= t.pages} onClick={() => setPage(page + 1)}>
            Later
          </button>
        </nav>
      )}

      {t.locked && !moderator ? (
        <p className="text-sm text-slate-600">A moderator locked this thread: it takes no more replies.</p>
      ) : (
        <form
          className="space-y-2"
          onSubmit={(event) => {
            event.preventDefault();
            const sent = body;
            reply.mutate(
              { boardId, threadId, body: sent },
              { onSuccess: () => setBody((current) => (current === sent ? "" : current)) },
            );
          }}
        >
          <label htmlFor="reply-body" className={labelClass}>
            Your reply <span className="font-normal text-slate-500">(Markdown; @First Last tells a member)</span>
          </label>
          <textarea
            id="reply-body"
            rows={4}
            maxLength={20_000}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            aria-invalid={replyError ? true : undefined}
            className={inputClass}
          />
          {replyError && (
            <p role="alert" className="text-sm text-red-700">
              {replyError}
            </p>
          )}
          {reply.error && !replyError && <ErrorNotice error={reply.error} />}
          <button type="submit" className={primaryButtonClass} disabled={reply.isPending}>
            {reply.isPending ? "Posting…" : "Post the reply"}
          </button>
        </form>
      )}
    </div>
  );
}

interface Post {
  id: string;
  authorName: string;
  body: string;
  createdAt: string | Date;
  editedAt: string | Date | null;
  hidden: boolean;
  hiddenReason: string | null;
  removed: boolean;
  helpful: number;
  helpfulToMe: boolean;
  files: { id: string; name: string; type: string; size: number }[];
}

/** One post, with what its reader may do to it. */
function PostItem({
  boardId,
  post,
  mine,
  moderator,
  onChanged,
}: {
  boardId: string;
  post: Post;
  mine: boolean;
  moderator: boolean;
  onChanged: () => void;
}) {
  const trpc = useTRPC();
  const done = { onSuccess: onChanged };
  const helpful = useMutation(trpc.boards.helpful.mutationOptions(done));
  const edit = useMutation(trpc.boards.edit.mutationOptions(done));
  const report = useMutation(trpc.boards.report.mutationOptions());
  const moderatePost = useMutation(trpc.boards.moderatePost.mutationOptions(done));
  const [mode, setMode] = useState<"read" | "edit" | "report" | "hide" | "remove">("read");
  const [text, setText] = useState("");
  // Judged once, when the post is shown: the server decides again on saving.
  const [editable] = useState(() => mine && Date.now() - new Date(post.createdAt).getTime() < editWindowMs);
  const close = () => {
    setMode("read");
    setText("");
  };

  return (
    <li
      className={`rounded-lg border p-4 text-sm ${post.hidden ? "border-red-200 bg-red-50" : "border-slate-200 bg-white"}`}
      data-testid="post"
    >
      <p className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <span className="font-medium">{post.authorName}</span>
        <span className="text-xs text-slate-600">
          <LocalTime value={post.createdAt} />
          {post.editedAt ? " · edited" : ""}
        </span>
      </p>
      {post.removed ? (
        <p className="mt-1 text-slate-600 italic">Removed by a moderator: {post.hiddenReason}</p>
      ) : post.hidden && !moderator ? (
        <p className="mt-1 text-slate-600 italic">Hidden by a moderator: {post.hiddenReason}</p>
      ) : mode === "edit" ? (
        <form
          className="mt-2 space-y-2"
          onSubmit={(event) => {
            event.preventDefault();
            edit.mutate({ boardId, postId: post.id, body: text }, { onSuccess: close });
          }}
        >
          <label htmlFor={`edit-${post.id}`} className="sr-only">
            Edit your post
          </label>
          <textarea
            id={`edit-${post.id}`}
            rows={4}
            value={text}
            onChange={(e) => setText(e.target.value)}
            className={inputClass}
          />
          <ErrorNotice error={edit.error} />
          <div className="flex gap-2">
            <button type="submit" className={primaryButtonClass} disabled={edit.isPending}>
              Save
            </button>
            <button type="button" className={buttonClass} onClick={close}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <>
          {post.hidden && <p className="mt-1 text-xs text-red-800">Hidden from members: {post.hiddenReason}</p>}
          <div className={`mt-1 ${prose}`}>
            <Markdown
              remarkPlugins={[remarkGfm]}
              components={{ img: (image) => <PostImage boardId={boardId} {...image} /> }}
            >
              {post.body}
            </Markdown>
          </div>
          {post.files.length > 0 && (
            <ul className="mt-2 space-y-2" aria-label="Files">
              {post.files.map((file) => {
                const href = `/api/boards/${boardId}/files/${file.id}`;
                return (
                  <li key={file.id}>
                    <a href={href} className="font-medium break-all text-brand-800 underline">
                      {file.name}
                    </a>{" "}
                    <span className="text-slate-600">({fileSizeText(file.size)})</span>
                    {file.type.startsWith("image/") && (
                      // A file of ours behind the resolver, not an optimisable public asset.
                      // eslint-disable-next-line @next/next/no-img-element
                      <img
                        src={href}
                        alt={file.name}
                        className="mt-1 max-h-64 max-w-full rounded border border-slate-200"
                      />
                    )}
                  </li>
                );
              })}
            </ul>
          )}
          {editable && !post.hidden && post.files.length < 5 && (
            <div className="mt-2">
              <AttachFile
                url={`/api/boards/${boardId}/posts/${post.id}/files`}
                label="Attach a file"
                note="Within 30 minutes of posting; images show in the post."
                onDone={onChanged}
              />
            </div>
          )}
        </>
      )}

      {!post.removed && mode === "read" && (
        <div className="mt-2 flex flex-wrap items-center gap-3 text-xs">
          <button
            type="button"
            aria-pressed={post.helpfulToMe}
            className={`rounded-full border px-2.5 py-1 ${post.helpfulToMe ? "border-brand-700 bg-brand-50 text-brand-800" : "border-slate-300 text-slate-700"}`}
            disabled={helpful.isPending}
            onClick={() => helpful.mutate({ boardId, postId: post.id, helpful: !post.helpfulToMe })}
          >
            Helpful · {post.helpful}
          </button>
          {editable && !post.hidden && (
            <button
              type="button"
              className="font-medium text-brand-800 underline"
              onClick={() => {
                setText(post.body);
                setMode("edit");
              }}
            >
              Edit
            </button>
          )}
          {!mine && (
            <button type="button" className="font-medium text-slate-700 underline" onClick={() => setMode("report")}>
              {report.isSuccess ? "Reported" : "Report"}
            </button>
          )}
          {moderator && (
            <>
              {post.hidden ? (
                <button
                  type="button"
                  className="font-medium text-slate-700 underline"
                  onClick={() =>
                    moderatePost.mutate({ boardId, postId: post.id, action: "show", reason: "Shown again" })
                  }
                >
                  Show again
                </button>
              ) : (
                <button type="button" className="font-medium text-slate-700 underline" onClick={() => setMode("hide")}>
                  Hide
                </button>
              )}
              <button type="button" className="font-medium text-red-800 underline" onClick={() => setMode("remove")}>
                Remove
              </button>
            </>
          )}
        </div>
      )}
      <ErrorNotice error={helpful.error ?? moderatePost.error} />

      {(mode === "report" || mode === "hide" || mode === "remove") && (
        <form
          className="mt-2 space-y-2"
          onSubmit={(event) => {
            event.preventDefault();
            if (mode === "report") report.mutate({ boardId, postId: post.id, reason: text }, { onSuccess: close });
            else moderatePost.mutate({ boardId, postId: post.id, action: mode, reason: text }, { onSuccess: close });
          }}
        >
          <label htmlFor={`reason-${post.id}`} className={labelClass}>
            {mode === "report"
              ? "What is wrong with this post? (the moderators read it)"
              : mode === "hide"
                ? "Why hide it? (members see the reason)"
                : "Why remove it? Its words are erased for good."}
          </label>
          <input
            id={`reason-${post.id}`}
            value={text}
            onChange={(e) => setText(e.target.value)}
            maxLength={1_000}
            className={inputClass}
          />
          <ErrorNotice error={mode === "report" ? report.error : moderatePost.error} />
          <div className="flex gap-2">
            <button type="submit" className={mode === "remove" ? primaryButtonClass : buttonClass}>
              {mode === "report" ? "Send the report" : mode === "hide" ? "Hide the post" : "Remove the post"}
            </button>
            <button type="button" className={buttonClass} onClick={close}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </li>
  );
}

/**
 * An image written into a post's Markdown: shown only when it is one of this board's own files.
 * Any other address becomes a link, so no reader's browser fetches an outside address (a tracking
 * pixel) just by opening the thread.
 */
function PostImage({
  boardId,
  src,
  alt,
}: {
  boardId: string;
  src?: string | Blob | undefined;
  alt?: string | undefined;
}) {
  const address = typeof src === "string" ? src : "";
  if (address.startsWith(`/api/boards/${boardId}/files/`))
    // eslint-disable-next-line @next/next/no-img-element -- a file of ours behind the resolver
    return <img src={address} alt={alt ?? ""} className="max-h-64 max-w-full rounded border border-slate-200" />;
  return (
    <a href={address || undefined} rel="nofollow noopener noreferrer" className="break-all text-brand-800 underline">
      {alt ? `Image: ${alt}` : "An image elsewhere"}
    </a>
  );
}
