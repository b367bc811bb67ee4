// CSV as RFC 4180 says (CRLF line ends; a field with a comma, quote or line break is quoted, its
// quotes doubled), made safe to open in a spreadsheet: a cell starting with =, +, - or @ (or a tab
// or carriage return, which some spreadsheets skip before reading a formula) gets a leading
// apostrophe, so it is read as text, never as a formula (OWASP "CSV injection").
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A header row and one row per record, each line ended by CRLF. */
export function toCsv<Row>(
  columns: readonly { header: string; value: (row: Row) => string | number | null }[],
  rows: readonly Row[],
): string {
  const lines = [columns.map((column) => csvCell(column.header))];
  for (const row of rows) lines.push(columns.map((column) => csvCell(column.value(row))));
  return lines.map((cells) => `${cells.join(',')}\r\n`).join('');
}
