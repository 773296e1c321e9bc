import type { ContentVersionInput } from "@/server/content/editing";
import type { ContentKind, CoursePage } from "@/server/db/schema";

// Plain functions, usable by the server page and the client editor alike.

export const emptyPage = (): CoursePage => ({ title: "", text: "", imageUrl: null, videoUrl: null });

/** The version a new item of each kind starts with. */
export function blankVersion(kind: ContentKind): ContentVersionInput {
  const body: ContentVersionInput["body"] =
    kind === "course"
      ? { kind, pages: [emptyPage()] }
      : kind === "session"
        ? { kind, text: "", startsAt: "", place: "" }
        : { kind, text: "" };
  return { title: "", summary: "", body };
}
