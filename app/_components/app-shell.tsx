import type { ReactNode } from "react";
import { signOut } from "@/server/auth/config";
import type { AppShell as Shell } from "@/server/users/app-shell";
import { MobileMenu } from "./mobile-menu";
import { NavLinks, type NavItem } from "./nav-links";

async function logout() {
  "use server";
  await signOut({ redirectTo: "/login" });
}

/**
 * The frame of every signed-in page: the user's avatar with their primary role beneath it,
 * above the menu (as the seeds describe), and a sign-out button. A sidebar on wide screens,
 * a header on phones.
 */
export function AppShell({
  shell,
  area,
  items,
  children,
}: {
  shell: Shell;
  area: string;
  items: NavItem[];
  children: ReactNode;
}) {
  const { installationName, name } = shell;
  const initials = name
    .split(/\s+/)
    .map((part) => part[0])
    .join("")
    .slice(0, 2)
    .toUpperCase();

  return (
    <div className="min-h-screen md:flex">
      {/* The sidebar's background runs the page's full height; its contents stay in view. */}
      <aside className="border-b border-slate-200 bg-white md:w-64 md:shrink-0 md:border-r md:border-b-0 print:hidden">
        <div className="md:sticky md:top-0 md:flex md:h-screen md:flex-col">
          <div className="flex items-center justify-between gap-3 px-4 pt-3 md:block md:px-5 md:pt-6">
            <p className="min-w-0 text-sm font-semibold tracking-wide text-brand-700">
              {installationName} <span className="font-normal text-slate-500">· {area}</span>
            </p>
            <MobileMenu items={items} logout={logout} />
          </div>
          <div className="flex items-center gap-3 px-4 py-3 md:px-5 md:pt-6 md:pb-6" data-testid="current-user">
            {shell.photoUrl ? (
              // A private, per-user image behind the scope check: not for Next's image optimiser.
              // eslint-disable-next-line @next/next/no-img-element
              <img
                src={shell.photoUrl}
                alt=""
                data-testid="avatar-photo"
                className="size-10 shrink-0 rounded-full object-cover"
              />
            ) : (
              <span
                aria-hidden
                className="flex size-10 shrink-0 items-center justify-center rounded-full bg-brand-700 text-sm font-semibold text-white"
              >
                {initials}
              </span>
            )}
            <div className="min-w-0">
              <p className="truncate text-sm font-medium">{name}</p>
              <p className="text-xs text-slate-600" data-testid="primary-role">
                {shell.roleName}
              </p>
            </div>
          </div>
          <div className="hidden md:flex md:flex-1 md:flex-col md:justify-between md:px-3 md:pb-6">
            <nav aria-label="Main" className="min-w-0">
              <NavLinks items={items} />
            </nav>
            <form action={logout} className="md:px-2">
              <button
                type="submit"
                className="w-full rounded-md border border-slate-300 px-3 py-2 text-sm text-slate-700 hover:bg-slate-100"
              >
                Sign out
              </button>
            </form>
          </div>
        </div>
      </aside>
      <main className="min-w-0 flex-1 px-4 py-6 md:px-8 md:py-8">{children}</main>
    </div>
  );
}
