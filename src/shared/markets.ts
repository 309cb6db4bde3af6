// Which markets a Settings value selects: one category or a comma list (`spot,linear`), and per
// category its symbols (`BTCUSDT` in every selected category, `linear:BTCUSDT` in one, or `ALL`:
// every instrument Bybit lists as Trading there). Parsers for the edges, and the expansion the
// engine builds its collector from.

import { CATEGORIES, type Category } from './dto'
import type { Parsed } from './validate'

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value })
const fail = <T = never>(error: string): Parsed<T> => ({ ok: false, error })

/** `--symbols ALL`: every instrument with status Trading in each selected category. */
export const ALL_SYMBOLS = 'ALL'

/** At most this many entries in a symbol list (ALL is not bounded by it; the memory budget bounds storage). */
export const MAX_SELECTED_SYMBOLS = 5_000

const SYMBOL_RE = /^[A-Z0-9]{2,30}$/

/** One category or a comma list, in the order given, each once; the canonical text (`spot,linear`). */
export function parseCategories(raw: unknown): Parsed<string> {
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : null
  const words = `category must be one of ${CATEGORIES.join(', ')}, or a comma list of them (spot,linear)`
  if (!list) return fail(words)
  const out: Category[] = []
  for (const item of list) {
    if (typeof item !== 'string') return fail(words)
    const c = item.trim().toLowerCase()
    if (c === '') continue
    if (!(CATEGORIES as readonly string[]).includes(c))
      return fail(`${words}; got ${JSON.stringify(item.slice(0, 20))}`)
    if (!out.includes(c as Category)) out.push(c as Category)
  }
  if (out.length === 0) return fail(words)
  return ok(out.join(','))
}

/** The categories of a (valid) category setting, in order. */
export function categoriesOf(category: string): Category[] {
  return category
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c): c is Category => (CATEGORIES as readonly string[]).includes(c))
}

/**
 * A symbol selection: `ALL` alone, or symbols (`BTCUSDT`) and category pairs (`linear:BTCUSDT`),
 * upper-cased, each once.
 */
export function parseSymbolSelection(raw: unknown): Parsed<string[]> {
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : null
  if (!list) return fail('symbols must be a comma-separated list such as BTCUSDT,linear:ETHUSDT, or ALL')
  const out: string[] = []
  for (const item of list) {
    if (typeof item !== 'string') return fail('symbols must be strings')
    const s = item.trim()
    if (s === '') continue
    if (s.toUpperCase() === ALL_SYMBOLS) {
      if (!out.includes(ALL_SYMBOLS)) out.push(ALL_SYMBOLS)
      continue
    }
    const pair = /^([a-z]+):(.*)$/i.exec(s)
    const symbol = (pair ? pair[2] : s).trim().toUpperCase()
    if (!SYMBOL_RE.test(symbol)) {
      return fail(
        `invalid symbol ${JSON.stringify(item.slice(0, 40))}: 2-30 letters and digits, optionally after category: (linear:BTCUSDT)`
      )
    }
    let entry = symbol
    if (pair) {
      const c = pair[1].toLowerCase()
      if (!(CATEGORIES as readonly string[]).includes(c)) {
        return fail(
          `invalid symbol ${JSON.stringify(item.slice(0, 40))}: ${pair[1]} is not a category (${CATEGORIES.join(', ')})`
        )
      }
      entry = `${c}:${symbol}`
    }
    if (!out.includes(entry)) out.push(entry)
  }
  if (out.length === 0) return fail('at least one symbol is required (or ALL)')
  if (out.includes(ALL_SYMBOLS) && out.length > 1) return fail('ALL selects every listed symbol: give it alone')
  if (out.length > MAX_SELECTED_SYMBOLS) return fail(`at most ${MAX_SELECTED_SYMBOLS} symbols (or ALL)`)
  return ok(out)
}

/** One category's part of a selection: its symbols, or ALL. */
export interface MarketSelection {
  category: Category
  symbols: string[] | typeof ALL_SYMBOLS
}

/**
 * Every selected category with its symbols: ALL applies to each; a bare symbol to each category; a
 * pair to its own. A category left with no symbol is left out; `ignored` lists the pairs that name
 * a category not selected.
 */
export function marketsOf(
  category: string,
  symbols: readonly string[]
): { markets: MarketSelection[]; ignored: string[] } {
  const categories = categoriesOf(category)
  if (symbols.includes(ALL_SYMBOLS))
    return { markets: categories.map((c) => ({ category: c, symbols: ALL_SYMBOLS })), ignored: [] }
  const ignored = symbols.filter((s) => s.includes(':') && !categories.includes(s.split(':')[0] as Category))
  const markets: MarketSelection[] = []
  for (const c of categories) {
    const list: string[] = []
    for (const s of symbols) {
      const i = s.indexOf(':')
      const symbol = i < 0 ? s : s.slice(0, i) === c ? s.slice(i + 1) : null
      if (symbol !== null && !list.includes(symbol)) list.push(symbol)
    }
    if (list.length > 0) markets.push({ category: c, symbols: list })
  }
  return { markets, ignored }
}
