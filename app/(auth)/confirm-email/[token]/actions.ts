"use server";

import { headers } from "next/headers";
import { requestInfo } from "@/server/auth/request-info";
import { db } from "@/server/db/client";
import { confirmEmailChange } from "@/server/users/change-email";

export interface ConfirmEmailState {
  outcome: null | { changed: true; email: string } | { changed: false; message: string };
}

export async function confirmEmail(token: string, _previous: ConfirmEmailState): Promise<ConfirmEmailState> {
  const { ip } = requestInfo(await headers());
  const result = await confirmEmailChange(db(), token, ip);
  if (result.changed) return { outcome: result };
  return {
    outcome: {
      changed: false,
      message:
        result.reason === "taken"
          ? "This address is now used by another account, so it cannot become yours. Ask your administrator for help."
          : "This link no longer works: it has expired, was already used, or a newer link replaced it.",
    },
  };
}
