// Exact volume, notional and VWAP per symbol: over the trades held and over the last minute. The
// engine sends exact decimal strings; the table rounds them for reading (one number of places per
// column, so points line up) and keeps the exact value in each cell's tooltip.

import type { DecimalSums, StorageStats } from '../../../shared/dto'
import { fmtDecimal, placesFor } from '../lib/decimal'
import { fmtInt } from '../lib/format'

type Amount = 'buy_volume' | 'sell_volume' | 'notional' | 'vwap'

/** Most places shown per amount (more only for a value below 1, to keep 4 significant digits). */
const MAX_PLACES: Record<Amount, number> = { buy_volume: 6, sell_volume: 6, notional: 2, vwap: 4 }

const COLUMNS: { amount: Amount; label: string; tone?: string }[] = [
  { amount: 'buy_volume', label: 'Buy vol', tone: 'buy' },
  { amount: 'sell_volume', label: 'Sell vol', tone: 'sell' },
  { amount: 'notional', label: 'Notional' },
  { amount: 'vwap', label: 'VWAP' }
]

type Window = 'held' | 'last_minute'
const WINDOWS: { key: Window; label: string; hint: string }[] = [
  { key: 'held', label: 'Held in storage', hint: 'every trade storage holds now' },
  { key: 'last_minute', label: 'Last minute', hint: 'trades stored in the last 60 s (local receipt time)' }
]

function sumsOf(stats: StorageStats, symbol: string, w: Window): DecimalSums {
  const s = stats.sums_by_symbol[symbol]
  return w === 'held' ? s : s.last_minute
}

/** Columns that share one number of places: buy and sell volume line up, in both windows. */
const placesGroup = (a: Amount): string => (a === 'buy_volume' || a === 'sell_volume' ? 'volume' : a)

/** Places per group of columns: the most any cell needs, capped. */
function columnPlaces(stats: StorageStats, symbols: string[]): Map<string, number> {
  const out = new Map<string, number>()
  for (const w of WINDOWS) {
    for (const c of COLUMNS) {
      const group = placesGroup(c.amount)
      let places = out.get(group) ?? 0
      for (const symbol of symbols) {
        const v = sumsOf(stats, symbol, w.key)[c.amount]
        if (v !== null) places = Math.max(places, placesFor(v, MAX_PLACES[c.amount]))
      }
      out.set(group, places)
    }
  }
  return out
}

interface AmountCellProps {
  value: string | null
  places: number
  tone?: string
  testId: string
}

function AmountCell({ value, places, tone, testId }: AmountCellProps) {
  if (value === null) {
    return (
      <td className="num sums-none" title="no volume: no VWAP" data-testid={testId}>
        —
      </td>
    )
  }
  const zero = /^0(\.0*)?$/.test(value)
  return (
    <td className={`num ${zero ? 'sums-zero' : (tone ?? '')}`} title={value} data-exact={value} data-testid={testId}>
      {fmtDecimal(value, places)}
    </td>
  )
}

export function SymbolSumsTable({ stats }: { stats: StorageStats }) {
  const symbols = Object.keys(stats.sums_by_symbol).sort(
    (a, b) => (stats.trades_by_symbol[b] ?? 0) - (stats.trades_by_symbol[a] ?? 0) || a.localeCompare(b)
  )
  if (symbols.length === 0) return null
  const places = columnPlaces(stats, symbols)
  return (
    <div className="table-scroll">
      <table className="table sums-table" data-testid="sums-table">
        <thead>
          <tr className="sums-groups">
            <th rowSpan={2}>Symbol</th>
            {WINDOWS.map((w) => (
              <th key={w.key} colSpan={COLUMNS.length + 1} className="sums-group" title={w.hint}>
                {w.label}
              </th>
            ))}
          </tr>
          <tr>
            {WINDOWS.map((w) => [
              <th key={`${w.key}.trades`} className="num sums-first">
                Trades
              </th>,
              ...COLUMNS.map((c) => (
                <th key={`${w.key}.${c.amount}`} className="num">
                  {c.label}
                </th>
              ))
            ])}
          </tr>
        </thead>
        <tbody>
          {symbols.map((symbol) => (
            <tr key={symbol} data-testid="sums-row" data-symbol={symbol}>
              <td className="mono sums-symbol">{symbol}</td>
              {WINDOWS.map((w) => {
                const s = sumsOf(stats, symbol, w.key)
                return [
                  <td key={`${w.key}.trades`} className="num sums-first" data-testid={`sums-${w.key}-trades`}>
                    {fmtInt(s.trades)}
                  </td>,
                  ...COLUMNS.map((c) => (
                    <AmountCell
                      key={`${w.key}.${c.amount}`}
                      value={s[c.amount]}
                      places={places.get(placesGroup(c.amount)) ?? 0}
                      tone={c.tone}
                      testId={`sums-${w.key}-${c.amount}`}
                    />
                  ))
                ]
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="sums-foot muted">
        Exact sums of the trades&apos; decimal prices and sizes; hover a number for every digit. Notional is Σ price ×
        size, VWAP is notional ÷ volume.
      </p>
    </div>
  )
}
