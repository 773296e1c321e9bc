import { isId } from "@/app/_trpc/ids";
import { notFound, privateFileResponse } from "@/app/api/private-files";
import { api, apiResponse } from "@/app/_trpc/server";

/** A file of a post, to a reader of the board (boards.file); anyone else a plain 404. Images show in the page. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string; fileId: string }> }) {
  const { id, fileId } = await params;
  if (!isId(id) || !isId(fileId)) return notFound();
  return apiResponse(
    () => api.boards.file({ boardId: id, fileId }),
    (file) => privateFileResponse(file, "inline-images"),
  );
}
