"use client";

import {
  createColumnHelper,
  rowSelectionFeature,
  tableFeatures,
  type CellData,
  type ReactTable,
  type Row,
  type RowData,
  type TableFeatures,
} from "@tanstack/react-table";
import type { ReactNode } from "react";
import { ScrollRegion } from "@/app/_components/scroll-region";

declare module "@tanstack/react-table" {
  // Tailwind classes of a column's cells (responsive hiding, alignment).
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the parameters must match the declaration being merged
  interface ColumnMeta<TFeatures extends TableFeatures, TData extends RowData, TValue extends CellData = CellData> {
    className?: string;
  }
}

/** The features of the dashboard's tables: rows that can be selected for a bulk action. */
export const selectableRows = tableFeatures({ rowSelectionFeature });

/**
 * The markup of a dashboard table (TanStack Table): its header, grey rows while the first page
 * loads, its rows, and a sentence written for a person when there are none.
 */
export function DataTable<TData extends RowData>(props: {
  table: ReactTable<typeof selectableRows, TData>;
  loading: boolean;
  loadingRows: number;
  /** Shown in place of the rows when the data has come back empty; null while it has not. */
  empty: ReactNode | null;
  rowTestId: string;
  /** What the table lists, for a screen reader (its scrolling box and the table itself). */
  label: string;
  /** A visible title above the rows; the label is then the caption's, not the table's own. */
  caption?: ReactNode;
  /** Rows shown as chosen (selected for a bulk action); none when left out. */
  highlighted?: (row: Row<typeof selectableRows, TData>) => boolean;
  className?: string;
}) {
  const { table } = props;
  const columnCount = table.getAllLeafColumns().length;
  return (
    <ScrollRegion
      label={props.label}
      className={`rounded-lg border border-slate-200 bg-white ${props.className ?? ""}`}
    >
      <table
        aria-label={props.caption ? undefined : props.label}
        className="min-w-full divide-y divide-slate-200 text-sm"
      >
        {props.caption && <caption className="px-4 pt-3 text-left font-semibold">{props.caption}</caption>}
        <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th
                  key={header.id}
                  scope="col"
                  className={`px-3 py-3 sm:px-4 ${header.column.columnDef.meta?.className ?? ""}`}
                >
                  <table.FlexRender header={header} />
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody className="divide-y divide-slate-100">
          {props.loading &&
            Array.from({ length: props.loadingRows }, (_, i) => (
              <tr key={i}>
                <td colSpan={columnCount} className="px-4 py-3">
                  <div className="h-4 w-2/3 animate-pulse rounded bg-slate-100" />
                </td>
              </tr>
            ))}
          {table.getRowModel().rows.map((row) => (
            <tr
              key={row.id}
              data-testid={props.rowTestId}
              className={props.highlighted?.(row) ? "bg-brand-50" : "hover:bg-slate-50"}
            >
              {row.getAllCells().map((cell) => (
                <td
                  key={cell.id}
                  className={`px-3 py-3 align-top sm:px-4 ${cell.column.columnDef.meta?.className ?? ""}`}
                >
                  <table.FlexRender cell={cell} />
                </td>
              ))}
            </tr>
          ))}
          {props.empty !== null && (
            <tr>
              <td colSpan={columnCount} className="px-4 py-10 text-center text-slate-600">
                {props.empty}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** The first column of a table whose rows can be selected: a checkbox per row, and one for the page. */
export function selectionColumn<TData extends RowData>(rowsName: string, nameOf: (row: TData) => string) {
  return createColumnHelper<typeof selectableRows, TData>().display({
    id: "select",
    header: ({ table }) => (
      <input
        type="checkbox"
        aria-label={`Select all ${rowsName} on this page`}
        checked={table.getIsAllPageRowsSelected()}
        onChange={table.getToggleAllPageRowsSelectedHandler()}
        className="size-4"
      />
    ),
    cell: ({ row }) => (
      <input
        type="checkbox"
        aria-label={`Select ${nameOf(row.original)}`}
        checked={row.getIsSelected()}
        onChange={row.getToggleSelectedHandler()}
        className="mt-1 size-4"
      />
    ),
    meta: { className: "w-10 align-top" },
  });
}
