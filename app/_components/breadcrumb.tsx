import Link from "next/link";
import { Fragment } from "react";

/** The trail above a page's title: links to the pages above, then the current page. */
export function Breadcrumb({ trail, current }: { trail: { href: string; label: string }[]; current: string }) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
      {trail.map((step) => (
        <Fragment key={step.href}>
          <Link href={step.href} className="hover:underline">
            {step.label}
          </Link>{" "}
          ›{" "}
        </Fragment>
      ))}
      <span aria-current="page">{current}</span>
    </nav>
  );
}
