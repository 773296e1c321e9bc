"use client";

import { useSyncExternalStore } from "react";

type Precision = "minute" | "second";

const optionsFor = (precision: Precision): Intl.DateTimeFormatOptions => ({
  dateStyle: "medium",
  timeStyle: precision === "second" ? "medium" : "short",
});
const utcFormats = {
  minute: new Intl.DateTimeFormat("en-GB", { ...optionsFor("minute"), timeZone: "UTC" }),
  second: new Intl.DateTimeFormat("en-GB", { ...optionsFor("second"), timeZone: "UTC" }),
};

const noChange = () => () => {};
/** False while the server renders and during hydration, true afterwards. */
function useHydrated(): boolean {
  return useSyncExternalStore(
    noChange,
    () => true,
    () => false,
  );
}

/**
 * One way to show a moment everywhere: in the viewer's own locale and time zone. The server
 * cannot know either, so the first HTML says the time in UTC (and says so); once hydrated the
 * browser rewrites it in its own terms. The two renders agree during hydration, so prefetched
 * pages never mismatch.
 */
export function LocalTime({
  value,
  precision = "minute",
  empty = "—",
}: {
  value: Date | string | null | undefined;
  precision?: Precision;
  empty?: string;
}) {
  const hydrated = useHydrated();
  if (value === null || value === undefined) return <>{empty}</>;
  const date = new Date(value);
  const text = hydrated
    ? new Intl.DateTimeFormat(undefined, optionsFor(precision)).format(date)
    : `${utcFormats[precision].format(date)} UTC`;
  return <time dateTime={date.toISOString()}>{text}</time>;
}

const utcDate = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

/**
 * A calendar day ("2026-11-28": a custom date field, the day of an event) in the one date format,
 * in the viewer's own locale once hydrated. A day has no time zone: it is never shifted.
 */
export function LocalDate({ value, empty = "—" }: { value: string | null | undefined; empty?: string }) {
  const hydrated = useHydrated();
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return <>{value || empty}</>;
  const day = new Date(`${value}T00:00:00Z`);
  const text = hydrated
    ? new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" }).format(day)
    : utcDate.format(day);
  return <time dateTime={value}>{text}</time>;
}
