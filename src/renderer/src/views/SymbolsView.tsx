import { useMemo, useState, type KeyboardEvent } from 'react'
import type { SymbolRow, SymbolSubscription } from '../../../shared/dto-symbols'
import { useServices } from '../app-context'
import { Pill, type Tone } from '../components/ui'
import { usePoll } from '../hooks/use-poll'
import { fmtDuration, fmtInt, fmtRate } from '../lib/format'
import { TOPIC_TONE } from '../lib/status-words'
import {
  DEFAULT_SYMBOL_SORT,
  nextSort,
  searchSymbols,
  sortSymbols,
  virtualWindow,
  type SymbolColumn,
  type SymbolSort
} from '../lib/symbols-table'
import { appStore } from '../store'
import './symbols.css'

/** The table follows the engine at this fixed cadence, whatever the trade rate. */
export const SYMBOLS_REFRESH_MS = 1000
export const SYMBOL_ROW_HEIGHT = 28

const COLUMNS: { id: SymbolColumn; label: string; num?: boolean; title: string }[] = [
  { id: 'category', label: 'Category', title: 'Bybit category' },
  { id: 'symbol', label: 'Symbol', title: 'The instrument' },
  { id: 'last_price', label: 'Last price', num: true, title: 'The newest stored trade’s price, exactly as sent' },
  { id: 'trades_per_s', label: 'Trades/s', num: true, title: 'Trades stored per second over the last three seconds' },
  { id: 'last_trade_age_ms', label: 'Last trade', num: true, title: 'How long ago the newest stored trade happened' },
  { id: 'stored', label: 'Stored', num: true, title: 'Trades held now' },
  {
    id: 'evicted',
    label: 'Evicted',
    num: true,
    title: 'This symbol’s trades evicted: by its per-symbol limit or the memory budget'
  },
  { id: 'open_gaps', label: 'Gaps', num: true, title: 'Gaps of this symbol still open' },
  { id: 'subscription', label: 'Subscription', title: 'The topic’s state, from the exchange’s reply' }
]

const SUBSCRIPTION_TONE: Record<SymbolSubscription, Tone> = { ...TOPIC_TONE, none: 'muted' }

function age(ms: number | null): string {
  if (ms === null) return 'never'
  return ms < 1000 ? 'just now' : `${fmtDuration(ms)} ago`
}

/** Shows this symbol's trades on the tape (the tape's symbol filter, cleared from its chip). */
function openOnTape(row: SymbolRow): void {
  const s = appStore.getState()
  s.setTapePrefs({ symbol: row.symbol })
  s.setView('tape')
}

function Row({ row, top }: { row: SymbolRow; top: number }) {
  const onKey = (e: KeyboardEvent): void => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault()
      openOnTape(row)
    }
  }
  const quiet = row.trades_per_s === 0
  return (
    <div
      className="sym-row"
      role="row"
      tabIndex={0}
      style={{ transform: `translateY(${top}px)` }}
      onClick={() => openOnTape(row)}
      onKeyDown={onKey}
      title={`Show ${row.symbol} on the trade tape`}
      data-testid="symbol-row"
      data-symbol={row.symbol}
      data-category={row.category}
    >
      <span className="muted">{row.category}</span>
      <span className="sym-name">{row.symbol}</span>
      <span className="num mono">{row.last_price ?? '—'}</span>
      <span className={`num mono ${quiet ? 'muted' : ''}`}>{fmtRate(row.trades_per_s)}</span>
      <span className="num muted">{age(row.last_trade_age_ms)}</span>
      <span className="num mono">{fmtInt(row.stored)}</span>
      <span className={`num mono ${row.evicted > 0 ? '' : 'muted'}`}>{fmtInt(row.evicted)}</span>
      <span className={`num mono ${row.open_gaps > 0 ? 'warn-text' : 'muted'}`}>{fmtInt(row.open_gaps)}</span>
      <span title={row.subscription_reason ?? undefined}>
        <Pill tone={SUBSCRIPTION_TONE[row.subscription]}>{row.subscription}</Pill>
      </span>
    </div>
  )
}

export function SymbolsView() {
  const { api } = useServices()
  const polled = usePoll(() => api.getCollectorSymbols(), SYMBOLS_REFRESH_MS)
  const [query, setQuery] = useState('')
  const [sort, setSort] = useState<SymbolSort>(DEFAULT_SYMBOL_SORT)
  const [scroll, setScroll] = useState({ top: 0, height: 600 })
  const all = polled.data?.symbols
  const rows = useMemo(() => (all ? sortSymbols(searchSymbols(all, query), sort) : []), [all, query, sort])
  const win = virtualWindow(rows.length, scroll.top, scroll.height, SYMBOL_ROW_HEIGHT)
  const failed = all?.filter((r) => r.subscription === 'failed' || r.subscription === 'timeout').length ?? 0
  const rate = all?.reduce((n, r) => n + r.trades_per_s, 0) ?? 0

  return (
    <div className="view view-symbols" data-testid="view-symbols">
      <div className="toolbar">
        <label className="field inline">
          <span>Search</span>
          <input
            className="input sym-search"
            placeholder="symbol, category or state"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            data-search=""
            data-testid="symbols-search"
          />
        </label>
        <div className="spacer" />
        <span className="muted small num" data-testid="symbols-count">
          {all ? `${fmtInt(rows.length)} of ${fmtInt(all.length)} symbols · ${fmtRate(rate)} trades/s` : 'Loading…'}
        </span>
        {failed > 0 ? (
          <Pill tone="bad" testId="symbols-failed">
            {fmtInt(failed)} not subscribed
          </Pill>
        ) : null}
        <span className="muted small" title="The table refreshes at a fixed cadence, whatever the trade rate">
          every {SYMBOLS_REFRESH_MS / 1000} s
        </span>
      </div>
      {polled.error ? (
        <div className="banner tone-bad" data-testid="symbols-error">
          Could not load the symbols: {polled.error}
        </div>
      ) : null}
      <div className="sym-table list-card" role="table" aria-rowcount={rows.length} data-testid="symbols-table">
        <div className="sym-row sym-head" role="row">
          {COLUMNS.map((c) => {
            const sorted = sort.column === c.id
            return (
              <button
                key={c.id}
                role="columnheader"
                className={`sym-sort ${c.num ? 'num' : ''} ${sorted ? 'sorted' : ''}`}
                aria-sort={sorted ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
                title={`${c.title}. Click to sort.`}
                onClick={() => setSort((s) => nextSort(s, c.id))}
                data-testid={`symbols-sort-${c.id}`}
              >
                {c.label}
                <span className="sym-arrow" aria-hidden>
                  {sorted ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
                </span>
              </button>
            )
          })}
        </div>
        <div
          className="sym-scroller"
          data-testid="symbols-scroller"
          ref={(el) => {
            if (el && el.clientHeight !== scroll.height) setScroll({ top: el.scrollTop, height: el.clientHeight })
          }}
          onScroll={(e) => setScroll({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })}
        >
          <div className="sym-sizer" style={{ height: win.height }}>
            {rows.slice(win.first, win.end).map((r, i) => (
              <Row key={`${r.category}:${r.symbol}`} row={r} top={(win.first + i) * SYMBOL_ROW_HEIGHT} />
            ))}
          </div>
          {all && rows.length === 0 ? (
            <div className="sym-empty muted" data-testid="symbols-empty">
              {all.length === 0 ? 'No symbols collected yet.' : 'No symbol matches the search.'}
            </div>
          ) : null}
        </div>
      </div>
    </div>
  )
}
