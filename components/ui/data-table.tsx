import type { ReactNode } from "react";
import { ScrollRegion } from "./scroll-region";

/**
 * The least width a column of text keeps on a phone, where its table scrolls sideways instead (app/globals.css):
 * names, or sentences. Thai breaks between any two words, so without one such a column stacks a word a line.
 */
export type ColumnFloor = "name" | "prose";

/** One column of a DataTable: its header and how a row fills its cell; numeric columns align right. */
export interface Column<Row> {
  key: string;
  header: ReactNode;
  cell: (row: Row, index: number) => ReactNode;
  numeric?: boolean;
  floor?: ColumnFloor;
}

/** A column header given as data: its label, whether the column is numeric (aligned right), its floor. */
export interface HeadCell {
  label: ReactNode;
  numeric?: boolean;
  floor?: ColumnFloor;
}

interface FrameProps {
  /** The header cells: th elements, or their labels as data; with `columns` DataTable writes them itself. */
  head: ReactNode | HeadCell[];
  children: ReactNode;
  caption?: ReactNode;
  /** e.g. "visually-hidden" for a caption that only assistive technology reads. */
  captionClassName?: string;
  labelledBy?: string;
  className?: string;
}

/** A scrollable data table: wrapper, table, optional caption, one header row and the body rows given. */
export function TableFrame(props: FrameProps) {
  return (
    <ScrollRegion>
      <Table {...props} />
    </ScrollRegion>
  );
}

/** The table itself: optional caption and column widths, one header row, the body rows given. */
export function Table({ head, children, caption, captionClassName, labelledBy, className = "data", widths }: FrameProps & { widths?: string[] }) {
  return (
    <table className={className} aria-labelledby={labelledBy}>
      {caption !== undefined && <caption className={captionClassName}>{caption}</caption>}
      {widths && (
        <colgroup>
          {widths.map((width, i) => (
            <col key={i} style={{ width }} />
          ))}
        </colgroup>
      )}
      <thead>
        <tr>{Array.isArray(head) ? <HeaderCells cells={head as HeadCell[]} /> : head}</tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

/** A header cell of a column table (scope="col", numeric ones aligned right). */
export function HeaderCell({ numeric, floor, children }: { numeric?: boolean; floor?: ColumnFloor; children: ReactNode }) {
  const className = [numeric ? "num" : null, floor ? `col--${floor}` : null].filter(Boolean).join(" ");
  return (
    <th scope="col" className={className || undefined}>
      {children}
    </th>
  );
}

/** Header cells given as data, in order. */
export function HeaderCells({ cells }: { cells: HeadCell[] }) {
  return cells.map((h, i) => (
    <HeaderCell key={i} numeric={h.numeric} floor={h.floor}>
      {h.label}
    </HeaderCell>
  ));
}

/** The message shown instead of a table that has no rows. */
export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="card empty">{children}</p>;
}

type DataTableProps<Row> = Omit<FrameProps, "head" | "children"> & {
  rows: readonly Row[];
  rowKey: (row: Row, index: number) => string | number;
  /** Shown (as the empty state) instead of the table when there are no rows; without it an empty table is drawn. */
  empty?: ReactNode;
} & ({ columns: Column<Row>[]; children?: never } | { columns?: never; head: ReactNode | HeadCell[]; children: (row: Row, index: number) => ReactNode });

/**
 * A table of rows with its empty state. Either `columns` describe each cell, or `head` gives the header
 * cells and `children` draws each row's cells (for rows whose cells need more than one value).
 */
export function DataTable<Row>(props: DataTableProps<Row>) {
  const { rows, rowKey, empty, caption, captionClassName, labelledBy, className } = props;
  if (rows.length === 0 && empty !== undefined) return <EmptyState>{empty}</EmptyState>;
  const columns = props.columns;
  const head: ReactNode | HeadCell[] = columns ? columns.map((c) => ({ label: c.header, numeric: c.numeric, floor: c.floor })) : (props as { head: ReactNode | HeadCell[] }).head;
  const drawRow = (row: Row, index: number) =>
    columns
      ? columns.map((c) => (
          <td key={c.key} className={c.numeric ? "num" : undefined}>
            {c.cell(row, index)}
          </td>
        ))
      : props.children!(row, index);
  return (
    <TableFrame head={head} caption={caption} captionClassName={captionClassName} labelledBy={labelledBy} className={className}>
      {rows.map((row, index) => (
        <tr key={rowKey(row, index)}>{drawRow(row, index)}</tr>
      ))}
    </TableFrame>
  );
}
