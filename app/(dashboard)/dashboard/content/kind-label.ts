import type { ContentKind } from "@/server/db/schema";

export const kindLabel: Record<ContentKind, string> = {
  product: "Product",
  course: "Training: self-study course",
  session: "Training: teacher-led session",
  document: "Document",
};

/** Every kind, in the order the editor offers them. */
export const contentKinds = Object.keys(kindLabel) as ContentKind[];
