import { isId } from "@/app/_trpc/ids";
import { notFound, privateFileResponse } from "@/app/api/private-files";
import { api, apiResponse } from "@/app/_trpc/server";

/**
 * A file of an issue, to a reader of the issue (support.file): internal files never to the
 * reporter; anyone else a plain 404. Images are shown in the page; everything else downloads.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string; fileId: string }> }) {
  const { id, fileId } = await params;
  if (!isId(id) || !isId(fileId)) return notFound();
  return apiResponse(
    () => api.support.file({ issueId: id, fileId }),
    (file) => privateFileResponse(file, "inline-images"),
  );
}
