import { isId } from "@/app/_trpc/ids";
import { receiveUpload } from "@/app/api/private-files";
import { api } from "@/app/_trpc/server";

/**
 * Adds a file to an issue (support.attachFile: its reporter, or a handler who reaches it);
 * multipart fields "file" and, for handlers, "internal" ("true": beside the internal notes).
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!isId(id)) return Response.json({ error: "No such issue." }, { status: 404 });
  return receiveUpload(request, {
    allowed: () => api.support.mayAttachFile({ issueId: id }),
    store: ({ file, bytes, form }) =>
      api.support.attachFile({ issueId: id, name: file.name, bytes, internal: form.get("internal") === "true" }),
    respond: (stored) => Response.json(stored),
  });
}
