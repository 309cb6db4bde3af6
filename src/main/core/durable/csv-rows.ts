// One CSV row per trade, shared by the mirror's `trades.csv` and the desktop app's export to a file:
// prices and sizes as the exact decimal strings the exchange sent, and no cell a spreadsheet would
// run as a formula.

import type { TradeDto } from '../../../shared/dto'

export const CSV_COLUMNS = [
  'symbol',
  'side',
  'price',
  'quantity',
  'timestamp',
  'received_at',
  'exchange',
  'category',
  'trade_id',
  'seq',
  'tick_direction',
  'is_block_trade',
  'is_rpi',
  'backfilled'
] as const satisfies readonly (keyof TradeDto)[]

type CsvColumn = (typeof CSV_COLUMNS)[number]

/**
 * The columns holding free text taken verbatim from the configured endpoint. A spreadsheet opening the
 * export must never read one as a formula (OWASP "CSV injection"). The other columns are ours (side,
 * exchange, category, booleans) or validated numbers (price and quantity are plain positive decimals,
 * times and seq integers), so they are written as they are.
 */
export const CSV_TEXT_COLUMNS: ReadonlySet<CsvColumn> = new Set<CsvColumn>(['symbol', 'trade_id', 'tick_direction'])

/** What a spreadsheet takes as the start of a formula: `=`, `+`, `-`, `@`, tab and CR. */
const FORMULA_START = /^[=+\-@\t\r]/

const quoted = (text: string): string => `"${text.replaceAll('"', '""')}"`

/**
 * RFC 4180: quote a field only when it holds a comma, quote, CR or LF. A text column's cell that would
 * start a formula is prefixed with `'` and quoted, so a spreadsheet shows the text it is.
 */
function cell(column: CsvColumn, value: string | number | boolean | undefined): string {
  if (value === undefined) return ''
  const text = String(value)
  if (CSV_TEXT_COLUMNS.has(column) && FORMULA_START.test(text)) return quoted(`'${text}`)
  return /[",\r\n]/.test(text) ? quoted(text) : text
}

export function csvRow(trade: TradeDto): string {
  return CSV_COLUMNS.map((c) => cell(c, trade[c])).join(',') + '\r\n'
}

/** The header line. */
export const CSV_HEADER = CSV_COLUMNS.join(',') + '\r\n'
