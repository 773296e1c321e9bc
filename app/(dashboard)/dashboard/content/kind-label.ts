import type { ContentKind } from "@/server/db/schema";

export const kindLabel: Record<ContentKind, string> = {
  product: "Product",
  course: "Training: self-study course",
  session: "Training: teacher-led session",
  document: "Document",
};
