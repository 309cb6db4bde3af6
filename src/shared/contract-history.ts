// The contract's history and export calls (the durable tier's surface), kept apart from contract.ts:
// `/collectors/trades`' query with its time range, the history summary, and the desktop app's export
// to a file. contract.ts spreads HISTORY_CALLS into API_CALLS.

import type { CallSpec } from './contract'
import { EXPORT_FORMATS, type ExportFormat, type ExportRequest } from './dto-export'
import { parseTimeRange } from './time-range'
import { fail, ok, parseIntInRange, parseSymbols, type Parsed } from './validate'

export const MAX_TRADES_LIMIT = 1000

export interface TradesQuery {
  limit: number
  symbol?: string
  /** Inclusive range of exchange time (epoch ms); either given: the history path (memory or disk). */
  from?: number
  to?: number
}

/** One optional symbol (history and export queries); undefined: every symbol. */
export function parseOneSymbol(raw: unknown): Parsed<string | undefined> {
  if (raw === undefined || raw === '') return ok(undefined)
  const symbols = parseSymbols(raw)
  if (!symbols.ok) return symbols
  if (symbols.value.length !== 1) return fail('symbol takes a single symbol such as BTCUSDT')
  return ok(symbols.value[0])
}

export function parseTradesQuery(raw: Record<string, unknown>): Parsed<TradesQuery> {
  const limit = raw.limit === undefined ? ok(100) : parseIntInRange(raw.limit, 'limit', 1, MAX_TRADES_LIMIT)
  if (!limit.ok) return limit
  const symbol = parseOneSymbol(raw.symbol)
  if (!symbol.ok) return symbol
  const range = parseTimeRange(raw)
  if (!range.ok) return range
  const query: TradesQuery = { limit: limit.value, ...range.value }
  if (symbol.value !== undefined) query.symbol = symbol.value
  return ok(query)
}

function parseExportRequest(raw: Record<string, unknown>): Parsed<ExportRequest> {
  const format = raw.format
  if (typeof format !== 'string' || !(EXPORT_FORMATS as readonly string[]).includes(format)) {
    return fail(`format must be one of ${EXPORT_FORMATS.join(', ')}`)
  }
  const symbol = parseOneSymbol(raw.symbol)
  if (!symbol.ok) return symbol
  const range = parseTimeRange(raw)
  if (!range.ok) return range
  const req: ExportRequest = { format: format as ExportFormat, ...range.value }
  if (symbol.value !== undefined) req.symbol = symbol.value
  return ok(req)
}

export const HISTORY_CALLS: {
  getHistory: CallSpec<'getHistory'>
  saveTradesExport: CallSpec<'saveTradesExport'>
  cancelTradesExport: CallSpec<'cancelTradesExport'>
} = {
  getHistory: {
    channel: 'mdm:history:get-summary',
    http: { method: 'GET', path: '/collectors/history' },
    mutates: false,
    parse: () => ok(undefined)
  },
  // The desktop app's Export: main asks where to save (a native dialog) and writes the file.
  // Over HTTP it answers `unavailable`: a browser downloads trades.csv / trades.parquet instead.
  saveTradesExport: {
    channel: 'mdm:export:save-file',
    http: { method: 'POST', path: '/collectors/export' },
    mutates: true,
    parse: parseExportRequest
  },
  cancelTradesExport: {
    channel: 'mdm:export:cancel',
    http: { method: 'POST', path: '/collectors/export/cancel' },
    mutates: true,
    parse: () => ok(undefined)
  }
}
