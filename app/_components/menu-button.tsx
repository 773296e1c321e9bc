"use client";

import { useEffect, useId, useRef, useState } from "react";

/**
 * A menu behind the three-line icon, with the keyboard of the WAI-ARIA menu button pattern:
 * Enter/Space/ArrowDown opens it on the first item, arrows move, Escape closes and returns focus.
 */
export function MenuButton(props: {
  label: string;
  items: { label: string; onSelect: () => void; disabled?: boolean }[];
  disabled?: boolean;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const focusItem = (index: number) => {
    const items = menu.current?.querySelectorAll<HTMLButtonElement>("[role=menuitem]:not([disabled])");
    if (items?.length) items[(index + items.length) % items.length]?.focus();
  };
  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLButtonElement>("[role=menuitem]:not([disabled])")?.focus();
    const close = (event: MouseEvent) => {
      if (!menu.current?.contains(event.target as Node) && !button.current?.contains(event.target as Node))
        setOpen(false);
    };
    document.addEventListener("mousedown", close);
    return () => document.removeEventListener("mousedown", close);
  }, [open]);
  const closeAndFocus = () => {
    setOpen(false);
    button.current?.focus();
  };

  return (
    <div className="relative inline-block">
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={`${id}-menu`}
        aria-label={props.label}
        title={props.label}
        disabled={props.disabled}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setOpen(true);
          }
        }}
        className="rounded-md border border-slate-300 bg-white p-2 hover:bg-slate-50 disabled:opacity-50"
      >
        <svg aria-hidden viewBox="0 0 20 20" className="size-5" fill="currentColor">
          <path d="M3 5h14v1.5H3zM3 9.25h14v1.5H3zM3 13.5h14V15H3z" />
        </svg>
      </button>
      {open && (
        <ul
          ref={menu}
          id={`${id}-menu`}
          role="menu"
          aria-label={props.label}
          className="absolute left-0 z-20 mt-1 min-w-64 rounded-md border border-slate-200 bg-white py-1 shadow-lg"
          onKeyDown={(e) => {
            const items = [
              ...(menu.current?.querySelectorAll<HTMLButtonElement>("[role=menuitem]:not([disabled])") ?? []),
            ];
            const at = items.indexOf(document.activeElement as HTMLButtonElement);
            if (e.key === "ArrowDown") focusItem(at + 1);
            else if (e.key === "ArrowUp") focusItem(at - 1);
            else if (e.key === "Home") focusItem(0);
            else if (e.key === "End") focusItem(-1);
            else if (e.key === "Escape" || e.key === "Tab") closeAndFocus();
            else return;
            e.preventDefault();
          }}
        >
          {props.items.map((item) => (
            <li key={item.label} role="none">
              <button
                type="button"
                role="menuitem"
                disabled={item.disabled}
                tabIndex={-1}
                onClick={() => {
                  closeAndFocus();
                  item.onSelect();
                }}
                className="block w-full px-4 py-2 text-left text-sm hover:bg-slate-100 focus:bg-slate-100 focus:outline-none disabled:text-slate-400"
              >
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
