import { api, apiResponse } from "@/app/_trpc/server";

const isId = (id: string) => /^[0-9a-f-]{36}$/i.test(id);
const notFound = () => new Response("Not found", { status: 404, headers: { "cache-control": "no-store" } });

/**
 * A file of an issue, to a reader of the issue (support.file): internal files never to the
 * reporter; anyone else a plain 404. Images are shown in the page; everything else downloads.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string; fileId: string }> }) {
  const { id, fileId } = await params;
  if (!isId(id) || !isId(fileId)) return notFound();
  return apiResponse(
    () => api.support.file({ issueId: id, fileId }),
    (file) =>
      new Response(new Uint8Array(file.bytes), {
        headers: {
          "content-type": file.type,
          "content-length": String(file.bytes.length),
          "content-disposition": `${file.type.startsWith("image/") ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(file.name)}`,
          "x-content-type-options": "nosniff",
          "cache-control": "private, no-store",
        },
      }),
  );
}
