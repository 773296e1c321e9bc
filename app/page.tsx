import { redirect } from "next/navigation";
import { currentShell } from "@/app/_trpc/server";

// The address of the installation: each person goes where their role takes them.
export default async function Home() {
  redirect((await currentShell()).landing);
}
