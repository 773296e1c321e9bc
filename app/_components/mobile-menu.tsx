"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";
import { NavLinks, type NavItem } from "./nav-links";

/**
 * The menu on a phone: one button opening a drawer with the links and "Sign out". A modal
 * <dialog> keeps focus inside while open, closes on Escape and gives focus back to the button;
 * following a link closes it.
 */
export function MobileMenu({ items, logout }: { items: NavItem[]; logout: () => Promise<void> }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const pathname = usePathname();
  useEffect(() => {
    dialog.current?.close();
  }, [pathname]);
  return (
    <div className="md:hidden">
      <button
        type="button"
        className="flex items-center gap-2 rounded-md border border-slate-300 px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100"
        aria-haspopup="dialog"
        onClick={() => dialog.current?.showModal()}
      >
        <svg aria-hidden viewBox="0 0 20 20" className="size-4" fill="currentColor">
          <path d="M3 5h14v2H3zM3 9h14v2H3zM3 13h14v2H3z" />
        </svg>
        Menu
      </button>
      <dialog
        ref={dialog}
        aria-label="Menu"
        className="m-0 ml-auto h-dvh max-h-none w-72 max-w-[85vw] bg-white p-0 shadow-xl backdrop:bg-slate-900/40"
        onClick={(event) => {
          // A tap on the shaded backdrop (the dialog element itself, outside the panel) closes it.
          if (event.target === dialog.current) dialog.current.close();
        }}
      >
        <div className="flex h-full flex-col gap-4 p-4">
          <div className="flex items-center justify-between">
            <p className="text-sm font-semibold text-slate-800">Menu</p>
            <button
              type="button"
              className="rounded-md px-2 py-1 text-sm text-slate-700 hover:bg-slate-100"
              onClick={() => dialog.current?.close()}
            >
              Close
            </button>
          </div>
          <nav aria-label="Main" className="flex-1 overflow-y-auto">
            <NavLinks items={items} vertical />
          </nav>
          <form action={logout}>
            <button
              type="submit"
              className="w-full rounded-md border border-slate-300 px-3 py-2 text-sm text-slate-700 hover:bg-slate-100"
            >
              Sign out
            </button>
          </form>
        </div>
      </dialog>
    </div>
  );
}
