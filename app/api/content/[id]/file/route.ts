import { isId } from "@/app/_trpc/ids";
import { notFound, privateFileResponse, receiveUpload } from "@/app/api/private-files";
import { api, apiResponse } from "@/app/_trpc/server";

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
    (file) => privateFileResponse(file),
  );
}

/** Uploads a document's file into its draft (owner editors; content.attachDocumentFile); multipart field "file". */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!isId(id)) return notFound();
  return receiveUpload(request, {
    allowed: () => api.content.mayAttachDocumentFile({ itemId: id }),
    store: ({ file, bytes }) => api.content.attachDocumentFile({ itemId: id, name: file.name, bytes }),
    respond: (stored) => Response.json({ name: stored.name, type: stored.type, size: stored.size }),
  });
}
