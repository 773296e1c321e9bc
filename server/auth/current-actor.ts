import "server-only";
import { cache } from "react";
import { db } from "../db/client";
import { loadActor, type Actor } from "../scope";
import { auth } from "./config";

/** The signed-in actor for this server render, read from the database once per request. */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  return session?.userId ? loadActor(db(), session.userId) : null;
});
