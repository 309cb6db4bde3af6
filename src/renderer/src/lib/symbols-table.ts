// The Symbols view's table, as plain functions: search, sort by any column, and the virtual window
// (which rows of a fixed-height list are on screen). The view renders only that window, so 1,500
// symbols cost what 40 do.

import type { SymbolRow, SymbolSubscription } from '../../../shared/dto-symbols'

export type SymbolColumn =
  | 'category'
  | 'symbol'
  | 'last_price'
  | 'trades_per_s'
  | 'last_trade_age_ms'
  | 'stored'
  | 'evicted'
  | 'open_gaps'
  | 'subscription'

export type SortDir = 'asc' | 'desc'

export interface SymbolSort {
  column: SymbolColumn
  dir: SortDir
}

/** Busiest first: what a trader looks at first on a board of hundreds. */
export const DEFAULT_SYMBOL_SORT: SymbolSort = { column: 'trades_per_s', dir: 'desc' }

/** The direction a column sorts in when first clicked: numbers high to low, words A to Z, ages newest first. */
export function firstDir(column: SymbolColumn): SortDir {
  return column === 'category' || column === 'symbol' || column === 'subscription' || column === 'last_trade_age_ms'
    ? 'asc'
    : 'desc'
}

/** Clicking the sorted column flips it; another column starts in its own first direction. */
export function nextSort(current: SymbolSort, column: SymbolColumn): SymbolSort {
  if (current.column === column) return { column, dir: current.dir === 'asc' ? 'desc' : 'asc' }
  return { column, dir: firstDir(column) }
}

/** Troubles first when sorting by subscription A→Z. */
const SUBSCRIPTION_ORDER: Record<SymbolSubscription, number> = {
  failed: 0,
  timeout: 1,
  pending: 2,
  none: 3,
  subscribed: 4
}

function text(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Exact decimal strings compared by value without floats: sign, integer digits, then digit by digit. */
export function compareDecimal(a: string, b: string): number {
  const na = a.startsWith('-')
  const nb = b.startsWith('-')
  if (na !== nb) return na ? -1 : 1
  const sign = na ? -1 : 1
  const [ai, af = ''] = (na ? a.slice(1) : a).split('.')
  const [bi, bf = ''] = (nb ? b.slice(1) : b).split('.')
  const ia = ai.replace(/^0+(?=\d)/, '')
  const ib = bi.replace(/^0+(?=\d)/, '')
  if (ia.length !== ib.length) return sign * (ia.length - ib.length)
  const width = Math.max(af.length, bf.length)
  return sign * text(ia + af.padEnd(width, '0'), ib + bf.padEnd(width, '0'))
}

/** null (no trade yet) sorts last in either direction. */
function nullable<T>(a: T | null, b: T | null, cmp: (x: T, y: T) => number, dir: number): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1
  return dir * cmp(a, b)
}

function compareBy(column: SymbolColumn, a: SymbolRow, b: SymbolRow, dir: number): number {
  switch (column) {
    case 'category':
      return dir * text(a.category, b.category)
    case 'symbol':
      return dir * text(a.symbol, b.symbol)
    case 'last_price':
      return nullable(a.last_price, b.last_price, compareDecimal, dir)
    case 'last_trade_age_ms':
      return nullable(a.last_trade_age_ms, b.last_trade_age_ms, (x, y) => x - y, dir)
    case 'subscription':
      return dir * (SUBSCRIPTION_ORDER[a.subscription] - SUBSCRIPTION_ORDER[b.subscription])
    case 'trades_per_s':
    case 'stored':
    case 'evicted':
    case 'open_gaps':
      return dir * (a[column] - b[column])
  }
}

/** A new sorted array; ties keep a stable order by symbol, then category. */
export function sortSymbols(rows: readonly SymbolRow[], sort: SymbolSort): SymbolRow[] {
  const dir = sort.dir === 'asc' ? 1 : -1
  return [...rows].sort(
    (a, b) => compareBy(sort.column, a, b, dir) || text(a.symbol, b.symbol) || text(a.category, b.category)
  )
}

/**
 * Rows whose symbol contains every word of the query (any case); a word that names a category
 * (`spot`, `linear`, `inverse`) or a subscription state (`failed`, `pending`, …) matches that too.
 */
export function searchSymbols(rows: readonly SymbolRow[], query: string): SymbolRow[] {
  const words = query.trim().toUpperCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return [...rows]
  return rows.filter((r) =>
    words.every((w) => r.symbol.includes(w) || r.category.toUpperCase() === w || r.subscription.toUpperCase() === w)
  )
}

export interface VirtualWindow {
  /** Index of the first row rendered. */
  first: number
  /** One past the last row rendered. */
  end: number
  /** Where the first rendered row sits (px from the top of the list). */
  offset: number
  /** The whole list's height (px), for the scrollbar. */
  height: number
}

/** The rows of a fixed-height list that are on screen at `scrollTop`, plus `overscan` on each side. */
export function virtualWindow(
  total: number,
  scrollTop: number,
  viewport: number,
  rowHeight: number,
  overscan = 6
): VirtualWindow {
  const height = total * rowHeight
  const top = Math.max(0, Math.min(scrollTop, Math.max(0, height - viewport)))
  const first = Math.max(0, Math.floor(top / rowHeight) - overscan)
  const end = Math.min(total, Math.ceil((top + viewport) / rowHeight) + overscan)
  return { first, end, offset: first * rowHeight, height }
}
