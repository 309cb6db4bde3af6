// REST `GET /v5/market/instruments-info`: which instruments a category lists, page by page
// (`limit` up to 1000, `cursor` from the previous page's `nextPageCursor`, empty on the last page).
// Only the symbol and its status are read; see docs/bybit-protocol.md.

import type { Category } from '../../../shared/dto'
import { isRecord } from '../../../shared/guards'

export const INSTRUMENTS_INFO_PATH = '/v5/market/instruments-info'
/** Bybit's upper bound of `limit` on instruments-info. */
export const INSTRUMENTS_INFO_MAX_LIMIT = 1000
/** The status of an instrument that trades (others: PreLaunch, Delivering, Closed). */
export const TRADING_STATUS = 'Trading'
/** More pages than this in one listing is a server that never ends its cursor chain. */
export const MAX_INSTRUMENT_PAGES = 100

export interface InstrumentsPage {
  /** Every listed instrument of the page with its status, as Bybit spells it. */
  instruments: { symbol: string; status: string }[]
  /** Items in the page's list, valid or not (0: past the end). */
  listed: number
  /** null when the page gave none. Bybit may name a cursor on the last page too: an empty page ends the listing. */
  nextPageCursor: string | null
}

export type InstrumentsPageResult =
  { ok: true; value: InstrumentsPage } | { ok: false; error: string; retCode: number | null }

/** Symbols are what the stream's topics take: letters, digits and the dash of dated futures. */
const LISTED_SYMBOL_RE = /^[A-Z0-9][A-Z0-9-]{0,40}$/

export function parseInstrumentsPage(body: unknown): InstrumentsPageResult {
  if (!isRecord(body)) return { ok: false, error: 'instruments-info: body is not an object', retCode: null }
  const retCode = typeof body.retCode === 'number' ? body.retCode : null
  if (retCode !== 0) {
    const msg = typeof body.retMsg === 'string' ? body.retMsg : '?'
    return { ok: false, error: `instruments-info: retCode ${retCode ?? '?'}: ${msg}`, retCode }
  }
  const result = body.result
  if (!isRecord(result) || !Array.isArray(result.list)) {
    return { ok: false, error: 'instruments-info: result.list is missing', retCode }
  }
  const instruments: InstrumentsPage['instruments'] = []
  for (const item of result.list) {
    if (!isRecord(item) || typeof item.symbol !== 'string' || !LISTED_SYMBOL_RE.test(item.symbol)) continue
    instruments.push({ symbol: item.symbol, status: typeof item.status === 'string' ? item.status : '' })
  }
  const cursor =
    typeof result.nextPageCursor === 'string' && result.nextPageCursor !== '' ? result.nextPageCursor : null
  return { ok: true, value: { instruments, listed: result.list.length, nextPageCursor: cursor } }
}

/** What a whole listing fetch gives: every Trading symbol of the category, in Bybit's order. */
export interface Listing {
  category: Category
  symbols: string[]
  pages: number
}
