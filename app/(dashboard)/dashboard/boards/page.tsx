import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentShell, HydrateClient, prefetch, serverQueryClient } from "@/app/_trpc/server";
import { BoardsAdmin } from "./boards-admin";

export const metadata: Metadata = { title: "Community boards" };

export default async function DashboardBoardsPage() {
  const { may } = await currentShell();
  if (!may.moderateBoards) redirect("/dashboard");
  await serverQueryClient().prefetchQuery(prefetch.boards.mine.queryOptions());
  return (
    <div className="mx-auto max-w-4xl">
      <h1 className="text-2xl font-semibold">Community boards</h1>
      <p className="mt-1 text-sm text-slate-600">
        Open a board for your part of the organisation, give it to the groups or people who should meet there, and
        moderate it: you see the reports of its members here.
      </p>
      <HydrateClient>
        <BoardsAdmin />
      </HydrateClient>
    </div>
  );
}
