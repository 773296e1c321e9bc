import { DomainError } from "../../../domain-error";
import { appShellOf } from "../../../users/app-shell";
import { getUserRecord } from "../../../users/get-user";
import { updatePersonalData } from "../../../users/manage-user";
import { removeUserPhoto, setUserPhoto } from "../../../users/photo";
import type { AuthedContext, HandlerOptions } from "../../trpc";
import { emailPreferences, setEmailPreferences } from "../../../users/email-preferences";
import type { emailPreferencesInput, ownPersonalDataInput, ownPhotoInput } from "./profile.schema";

export const shellHandler = ({ ctx }: { ctx: AuthedContext }) => appShellOf(ctx.db, ctx.actor);

export async function profileHandler({ ctx }: { ctx: AuthedContext }) {
  const record = await getUserRecord(ctx.db, ctx.actor.userId);
  if (!record) throw new DomainError("NOT_FOUND", "No such user.");
  return record;
}

export async function updateProfileHandler({ ctx, input }: HandlerOptions<AuthedContext, typeof ownPersonalDataInput>) {
  await updatePersonalData(ctx.db, ctx.audit, ctx.actor.userId, input);
  return { ok: true as const };
}

export async function setOwnPhotoHandler({ ctx, input }: HandlerOptions<AuthedContext, typeof ownPhotoInput>) {
  await setUserPhoto(ctx.db, ctx.audit, ctx.config.uploadDir, ctx.actor.userId, Buffer.from(input.base64, "base64"));
  return { ok: true as const };
}

export async function removeOwnPhotoHandler({ ctx }: { ctx: AuthedContext }) {
  await removeUserPhoto(ctx.db, ctx.audit, ctx.config.uploadDir, ctx.actor.userId);
  return { ok: true as const };
}

export const emailPreferencesHandler = ({ ctx }: { ctx: AuthedContext }) => emailPreferences(ctx.db, ctx.actor.userId);

export async function setEmailPreferencesHandler({
  ctx,
  input,
}: HandlerOptions<AuthedContext, typeof emailPreferencesInput>) {
  await setEmailPreferences(ctx.db, ctx.actor.userId, input);
  return { ok: true as const };
}
