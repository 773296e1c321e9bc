import { isId, readUpload } from "@/app/api/private-files";
import { api, apiResponse } from "@/app/_trpc/server";

/** Adds a file to one's own post on a board (boards.attachFile); multipart field "file". */
export async function POST(request: Request, { params }: { params: Promise<{ id: string; postId: string }> }) {
  const { id, postId } = await params;
  if (!isId(id) || !isId(postId)) return Response.json({ error: "No such post." }, { status: 404 });
  const upload = await readUpload(request);
  if ("refusal" in upload) return upload.refusal;
  return apiResponse(
    () => api.boards.attachFile({ boardId: id, postId, name: upload.file.name, bytes: upload.bytes }),
    (stored) => Response.json(stored),
  );
}
