import { readBodyCapped } from "@/server/http/read-body";

/** The largest file (25 MB) and the form's own fields around it. */
const maxUploadBytes = 25 * 1024 * 1024 + 64 * 1024;

/**
 * Reads an upload's multipart form as it streams in, and no further than the cap: the file (field
 * "file") and the form's other fields, or the answer to send when there is none or it is too large.
 */
export async function readUpload(
  request: Request,
): Promise<{ file: File; bytes: Uint8Array<ArrayBuffer>; form: FormData } | { refusal: Response }> {
  const body = await readBodyCapped(request, maxUploadBytes);
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

export const isId = (id: string) => /^[0-9a-f-]{36}$/i.test(id);
export const notFound = () => new Response("Not found", { status: 404, headers: { "cache-control": "no-store" } });
