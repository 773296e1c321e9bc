import type { ReactNode } from "react";

/**
 * A box that scrolls sideways when its table is wider than a phone. It can take focus, so a
 * keyboard can scroll it too, and names itself for a screen reader.
 */
export function ScrollRegion(props: { label: string; className?: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={props.label} tabIndex={0} className={`overflow-x-auto ${props.className ?? ""}`}>
      {props.children}
    </div>
  );
}
