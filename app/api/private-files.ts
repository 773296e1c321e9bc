import { apiCall, apiResponse } from "@/app/_trpc/server";
import { readBodyCapped } from "@/server/http/read-body";
import { uploadSlots } from "@/server/http/upload-slots";

/** The largest file (25 MB) and the form's own fields around it. */
const maxUploadBytes = 25 * 1024 * 1024 + 64 * 1024;

/** This instance's uploads in flight (per person and in all). */
const slots = uploadSlots();

export interface Upload {
  file: File;
  bytes: Uint8Array<ArrayBuffer>;
  form: FormData;
}

/**
 * Receives an upload, in this order: the API says who is uploading and that they may add a file to
 * this target (`allowed`, a procedure of the same kind and action as the one that stores it), before
 * a byte of the body is read; the person and the instance have an upload slot free; the multipart
 * body is read as it streams in, no further than the cap; then `store` hands it to the API.
 */
export async function receiveUpload<T>(
  request: Request,
  steps: {
    allowed: () => Promise<{ uploaderId: string }>;
    store: (upload: Upload) => Promise<T>;
    respond: (stored: T) => Response;
  },
): Promise<Response> {
  const refuse = async (response: Response) => {
    // The body stays unread: the connection is answered and the rest of the upload discarded.
    await request.body?.cancel().catch(() => {});
    return response;
  };
  const permit = await apiCall(steps.allowed);
  if (!permit.ok) return refuse(permit.response);
  const release = slots.take(permit.data.uploaderId);
  if (!release)
    return refuse(
      Response.json(
        { error: "Other uploads are in progress. Wait until they have finished, then try again." },
        { status: 429, headers: { "retry-after": "5", "cache-control": "no-store" } },
      ),
    );
  try {
    const upload = await readUpload(request);
    if ("refusal" in upload) return upload.refusal;
    return await apiResponse(() => steps.store(upload), steps.respond);
  } finally {
    release();
  }
}

/**
 * Reads an upload's multipart form as it streams in, and no further than the cap: the file (field
 * "file") and the form's other fields, or the answer to send when there is none or it is too large.
 */
async function readUpload(request: Request): Promise<Upload | { refusal: Response }> {
  // A connection dropped part-way (the person left, the network failed) is an answer, not an error.
  const body = await readBodyCapped(request, maxUploadBytes).catch(() => "cut off" as const);
  if (body === "cut off")
    return {
      refusal: Response.json({ error: "The upload was cut off before it finished. Try again." }, { status: 400 }),
    };
  if (!body)
    return {
      refusal: Response.json(
        { error: "The file is larger than 25 MB. Choose a smaller one or split it." },
        { status: 413 },
      ),
    };
  const form = await new Response(body, { headers: { "content-type": request.headers.get("content-type") ?? "" } })
    .formData()
    .catch(() => null);
  const file = form?.get("file");
  if (!form || !(file instanceof File))
    return { refusal: Response.json({ error: "Choose a file to upload." }, { status: 400 }) };
  return { file, bytes: new Uint8Array(await file.arrayBuffer()), form };
}

/**
 * A stored file sent to a reader the API let through: its checked type, never sniffed, never
 * cached by a shared cache. Images are shown in the page (`inline`) when asked; the rest downloads.
 */
export function privateFileResponse(
  file: { bytes: Uint8Array; name: string; type: string },
  show: "inline-images" | "download" = "download",
): Response {
  const inline = show === "inline-images" && file.type.startsWith("image/");
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "content-type": file.type,
      "content-length": String(file.bytes.length),
      "content-disposition": `${inline ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-store",
    },
  });
}

export const notFound = () => new Response("Not found", { status: 404, headers: { "cache-control": "no-store" } });
