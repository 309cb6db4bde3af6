// `/collectors/trades.csv`: the stored trades, oldest first, with prices and sizes as the exact decimal
// strings the exchange sent. Streamed in chunks that wait for the socket, so a large export never
// builds one big string and a slow reader never makes the mirror buffer without bound.

import type { ServerResponse } from 'node:http'
import type { TradeDto } from '../../shared/dto'
import { applyBaseHeaders } from './headers'

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

const CHUNK_BYTES = 64 * 1024

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

export async function streamTradesCsv(
  res: ServerResponse,
  trades: Iterable<TradeDto>,
  symbol: string | undefined
): Promise<void> {
  applyBaseHeaders(res)
  res.setHeader('Content-Type', 'text/csv; charset=utf-8')
  res.setHeader('Content-Disposition', `attachment; filename="trades-${symbol ?? 'all'}.csv"`)
  res.statusCode = 200
  if (res.req.method === 'HEAD') {
    res.end()
    return
  }
  let chunk = CSV_COLUMNS.join(',') + '\r\n'
  for (const trade of trades) {
    chunk += csvRow(trade)
    if (chunk.length < CHUNK_BYTES) continue
    if (!(await write(res, chunk))) return
    chunk = ''
  }
  res.end(chunk)
}

/** Resolves false when the client went away, so the export stops instead of writing into nothing. */
async function write(res: ServerResponse, text: string): Promise<boolean> {
  if (res.destroyed) return false
  if (res.write(text)) return true
  return new Promise((resolve) => {
    const settle = (drained: boolean): void => {
      res.off('drain', onDrain)
      res.off('close', onClose)
      resolve(drained)
    }
    const onDrain = (): void => settle(true)
    const onClose = (): void => settle(false)
    res.on('drain', onDrain)
    res.on('close', onClose)
  })
}
