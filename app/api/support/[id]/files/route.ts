import { isId, readUpload } from "@/app/api/private-files";
import { api, apiResponse } from "@/app/_trpc/server";

/**
 * Adds a file to an issue (support.attachFile: its reporter, or a handler who reaches it);
 * multipart fields "file" and, for handlers, "internal" ("true": beside the internal notes).
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!isId(id)) return Response.json({ error: "No such issue." }, { status: 404 });
  const upload = await readUpload(request);
  if ("refusal" in upload) return upload.refusal;
  return apiResponse(
    () =>
      api.support.attachFile({
        issueId: id,
        name: upload.file.name,
        bytes: upload.bytes,
        internal: upload.form.get("internal") === "true",
      }),
    (stored) => Response.json(stored),
  );
}
