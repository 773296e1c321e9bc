"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export interface NavItem {
  href: string;
  label: string;
}

export function NavLinks({ items, vertical = false }: { items: NavItem[]; vertical?: boolean }) {
  const pathname = usePathname();
  // The longest matching item is the current one: /portal/profile is Profile, not My training too.
  const matching = items.filter((item) => pathname === item.href || pathname.startsWith(`${item.href}/`));
  const currentHref = matching.sort((a, b) => b.href.length - a.href.length)[0]?.href;
  return (
    <ul className={vertical ? "flex flex-col gap-1" : "flex flex-wrap gap-1 md:flex-col"}>
      {items.map((item) => {
        const current = item.href === currentHref;
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={current ? "page" : undefined}
              className={`block rounded-md px-3 py-2 text-sm ${current ? "bg-brand-50 font-medium text-brand-800" : "text-slate-700 hover:bg-slate-100"}`}
            >
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
