import { api, apiResponse } from "@/app/_trpc/server";
import { readBodyCapped } from "@/server/http/read-body";

const isId = (id: string) => /^[0-9a-f-]{36}$/i.test(id);
/** The largest file (25 MB) and the form's own fields around it. */
const maxUploadBytes = 25 * 1024 * 1024 + 64 * 1024;

/**
 * Adds a file to an issue (support.attachFile: its reporter, or a handler who reaches it);
 * multipart fields "file" and, for handlers, "internal" ("true": beside the internal notes).
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!isId(id)) return Response.json({ error: "No such issue." }, { status: 404 });
  // Read as it streams in, and no further than the cap.
  const body = await readBodyCapped(request, maxUploadBytes);
  if (!body)
    return Response.json(
      { error: "The file is larger than 25 MB. Choose a smaller one or split it." },
      { status: 413 },
    );
  const form = await new Response(body, { headers: { "content-type": request.headers.get("content-type") ?? "" } })
    .formData()
    .catch(() => null);
  const file = form?.get("file");
  if (!(file instanceof File)) return Response.json({ error: "Choose a file to upload." }, { status: 400 });
  const bytes = new Uint8Array(await file.arrayBuffer());
  return apiResponse(
    () => api.support.attachFile({ issueId: id, name: file.name, bytes, internal: form?.get("internal") === "true" }),
    (stored) => Response.json(stored),
  );
}
