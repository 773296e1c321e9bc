import { isId } from "@/app/_trpc/ids";
import { receiveUpload } from "@/app/api/private-files";
import { api } from "@/app/_trpc/server";

/** Adds a file to one's own post on a board (boards.attachFile); multipart field "file". */
export async function POST(request: Request, { params }: { params: Promise<{ id: string; postId: string }> }) {
  const { id, postId } = await params;
  if (!isId(id) || !isId(postId)) return Response.json({ error: "No such post." }, { status: 404 });
  return receiveUpload(request, {
    allowed: () => api.boards.mayAttachFile({ boardId: id, postId }),
    store: ({ file, bytes }) => api.boards.attachFile({ boardId: id, postId, name: file.name, bytes }),
    respond: (stored) => Response.json(stored),
  });
}
