import { stringify } from "csv-stringify/sync";

export type CsvColumn<Row> = { key: keyof Row & string; header: string };
export type CsvCell = string | number | boolean | Date | null | undefined;

/** The characters that make a spreadsheet read a cell as a formula (or a DDE command). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell as text that no spreadsheet will run: a value starting with = + - @ (or a tab or a
 * carriage return) gets a leading single quote, which Excel, LibreOffice and Google Sheets
 * take as "this is text". Quoting for commas, quotes and newlines is csv-stringify's job.
 */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  const text = value instanceof Date ? value.toISOString() : String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A CSV document (RFC 4180: CRLF line ends, quotes only where needed) with a header row. */
export function toCsv<Row extends Record<string, CsvCell>>(columns: Array<CsvColumn<Row>>, rows: Iterable<Row>): string {
  const records: string[][] = [columns.map((c) => csvCell(c.header))];
  for (const row of rows) records.push(columns.map((c) => csvCell(row[c.key])));
  // csv-stringify quotes only the record delimiter itself, so a lone \n or \r in a value is
  // quoted explicitly: unquoted, it would split the row in Excel and most parsers.
  return stringify(records, { record_delimiter: "\r\n", quoted_match: /[\r\n]/ });
}

/**
 * A download: UTF-8 with a byte-order mark (so Excel does not read names as Windows-1252),
 * never cached (it is personal data), and saved under a plain file name.
 */
export function csvResponse(filename: string, csv: string): Response {
  const safeName = filename.replace(/[^A-Za-z0-9._-]+/g, "-") || "export.csv";
  return new Response(`\uFEFF${csv}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${safeName}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
