import { auth } from "@/server/auth/config";
import { requestInfo } from "@/server/auth/request-info";
import { attachDocumentFile, documentLimits } from "@/server/content/document-files";
import { contentForEditor } from "@/server/content/editing";
import { documentStore } from "@/server/content/file-store";
import { portalItem } from "@/server/content/portal";
import { db } from "@/server/db/client";
import { readBodyCapped } from "@/server/http/read-body";
import { DomainError } from "@/server/domain-error";
import { can, loadActor } from "@/server/scope";

const notFound = () => new Response("Not found", { status: 404, headers: { "cache-control": "no-store" } });

async function signedInActor() {
  const session = await auth();
  return session?.userId ? loadActor(db(), session.userId) : null;
}

/**
 * A document's file. The person who has the document gets the published version's; an owner
 * editor may ask for the draft's (?version=draft). Anyone else: a plain 404.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) return notFound();
  const actor = await signedInActor();
  if (!actor) return new Response("Please sign in.", { status: 401 });
  const editor = can(actor, "content.manage").allowed;
  const wantsDraft = new URL(request.url).searchParams.get("version") === "draft";
  if (wantsDraft && !editor) return notFound();
  const found = editor ? await contentForEditor(db(), id) : null;
  const body = editor
    ? (wantsDraft ? found?.open : found?.published)?.body
    : (await portalItem(db(), actor.userId, id))?.version.body;
  if (body?.kind !== "document" || !body.file) return notFound();
  const bytes = await documentStore().get(body.file.key);
  if (!bytes) return notFound();
  return new Response(new Uint8Array(bytes), {
    headers: {
      "content-type": body.file.type,
      "content-length": String(bytes.length),
      "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(body.file.name)}`,
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-store",
    },
  });
}

/** Uploads a document's file into its draft (owner editors); multipart form field "file". */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) return notFound();
  const actor = await signedInActor();
  if (!actor) return Response.json({ error: "Please sign in." }, { status: 401 });
  if (!can(actor, "content.manage").allowed)
    return Response.json({ error: "You do not have access to this." }, { status: 403 });
  // Read as it streams in, and no further than the cap (the form's own fields add a little).
  const body = await readBodyCapped(request, documentLimits.maxBytes + 64 * 1024);
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
  try {
    const stored = await attachDocumentFile(
      db(),
      documentStore(),
      { actorId: actor.userId, ip: requestInfo(request.headers).ip },
      id,
      { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name },
    );
    return Response.json({ name: stored.name, type: stored.type, size: stored.size });
  } catch (error) {
    if (error instanceof DomainError)
      return Response.json({ error: error.message }, { status: error.code === "NOT_FOUND" ? 404 : 400 });
    throw error;
  }
}
