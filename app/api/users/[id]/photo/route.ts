import { auth } from "@/server/auth/config";
import { db } from "@/server/db/client";
import { env } from "@/server/env";
import { can, loadActor, loadUserTarget } from "@/server/scope";
import { readUserPhoto } from "@/server/users/photo";

/**
 * A user's photo, for the user themselves and for admins who may see the user (the scope resolver
 * decides, as for the user page). Anything else, including a user without a photo, is a plain 404.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const notFound = () => new Response("Not found", { status: 404, headers: { "cache-control": "no-store" } });
  if (!/^[0-9a-f-]{36}$/i.test(id)) return notFound();
  const session = await auth();
  const actor = session?.userId ? await loadActor(db(), session.userId) : null;
  if (!actor) return new Response("Please sign in.", { status: 401 });
  if (actor.userId !== id) {
    const target = await loadUserTarget(db(), id);
    if (!target || !can(actor, "user.read", target).allowed) return notFound();
  }
  const photo = await readUserPhoto(db(), env().UPLOAD_DIR, id);
  if (!photo) return notFound();
  return new Response(new Uint8Array(photo.bytes), {
    headers: {
      "content-type": photo.type,
      // The URL carries the photo's version; private: it must not sit in shared caches.
      "cache-control": "private, max-age=86400",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'",
    },
  });
}
