import { api, apiResponse } from "@/app/_trpc/server";
import { readBodyCapped } from "@/server/http/read-body";

const isId = (id: string) => /^[0-9a-f-]{36}$/i.test(id);
const notFound = () => new Response("Not found", { status: 404, headers: { "cache-control": "no-store" } });
/** The largest document (25 MB) and the form's own fields around it. */
const maxUploadBytes = 25 * 1024 * 1024 + 64 * 1024;

/**
 * A document's file. The person who has the document gets the published version's; an owner
 * editor may ask for the draft's (?version=draft). Anyone else: a plain 404 (content.documentFile).
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!isId(id)) return notFound();
  const draft = new URL(request.url).searchParams.get("version") === "draft";
  return apiResponse(
    () => api.content.documentFile({ itemId: id, draft }),
    (file) =>
      new Response(new Uint8Array(file.bytes), {
        headers: {
          "content-type": file.type,
          "content-length": String(file.bytes.length),
          "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
          "x-content-type-options": "nosniff",
          "cache-control": "private, no-store",
        },
      }),
  );
}

/** Uploads a document's file into its draft (owner editors; content.attachDocumentFile); multipart field "file". */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!isId(id)) return notFound();
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
    () => api.content.attachDocumentFile({ itemId: id, name: file.name, bytes }),
    (stored) => Response.json({ name: stored.name, type: stored.type, size: stored.size }),
  );
}
