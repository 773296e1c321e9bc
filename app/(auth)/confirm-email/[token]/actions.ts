"use server";

import { api } from "@/app/_trpc/server";

export interface ConfirmEmailState {
  outcome: null | { changed: true; email: string } | { changed: false; message: string };
}

export async function confirmEmail(token: string, _previous: ConfirmEmailState): Promise<ConfirmEmailState> {
  const result = await api.auth.confirmEmailChange({ token });
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
