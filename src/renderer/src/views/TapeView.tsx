import { useEffect, useReducer, useRef, useState } from 'react'
import { useServices } from '../app-context'
import { SymbolSelect } from '../components/SymbolSelect'
import { KeyCap } from '../components/ui'
import { fmtInt } from '../lib/format'
import { appStore, useApp } from '../store'
import { selectSettings, selectTapePaused, selectTapePrefs } from '../store/selectors'
import { ROWS_PER_FRAME } from '../tape/tape-model'
import { TapePainter, type HudInfo } from '../tape/tape-painter'
import { tapeSymbolChoices } from '../tape/tape-symbols'
import { ExportButton } from './ExportDialog'
import './tape.css'

/** A number box that applies only valid values and says so when it is not. */
function NumberFilter({
  label,
  value,
  onValue,
  testId,
  title,
  search
}: {
  label: string
  value: number
  onValue: (n: number) => void
  testId: string
  title: string
  search?: boolean
}) {
  const [text, setText] = useState(value === 0 ? '' : String(value))
  const trimmed = text.trim()
  const invalid = trimmed !== '' && !(Number.isFinite(Number(trimmed)) && Number(trimmed) >= 0)
  return (
    <label className="field inline" title={title}>
      <span>{label}</span>
      <input
        className={`input num ${invalid ? 'invalid' : ''}`}
        inputMode="decimal"
        placeholder="0"
        value={text}
        aria-invalid={invalid}
        data-testid={testId}
        data-search={search ? '' : undefined}
        onChange={(e) => {
          const next = e.target.value
          setText(next)
          const n = next.trim() === '' ? 0 : Number(next)
          if (Number.isFinite(n) && n >= 0) onValue(n)
        }}
      />
    </label>
  )
}

function useSymbolsSeen(): string[] {
  const { tape } = useServices()
  const [, bump] = useReducer((n: number) => n + 1, 0)
  useEffect(() => tape.onSymbolsSeen(bump), [tape])
  return [...tape.symbolsSeen]
}

export function TapeView() {
  const { tape } = useServices()
  const prefs = useApp(selectTapePrefs)
  const paused = useApp(selectTapePaused)
  const settings = useApp(selectSettings)
  const seen = useSymbolsSeen()
  const tapeRef = useRef<HTMLDivElement>(null)
  const scrollerRef = useRef<HTMLDivElement>(null)
  const painterRef = useRef<TapePainter | null>(null)
  const badgeRef = useRef<HTMLSpanElement>(null)
  const countRef = useRef<HTMLSpanElement>(null)
  const skippedRef = useRef<HTMLSpanElement>(null)
  const emptyRef = useRef<HTMLDivElement>(null)
  const symbols = tapeSymbolChoices(settings?.symbols ?? [], seen, prefs.symbol)

  useEffect(() => {
    const onHud = ({ rows, pendingNew, received, notPainted }: HudInfo): void => {
      if (badgeRef.current) {
        badgeRef.current.hidden = pendingNew === 0
        badgeRef.current.textContent = `${fmtInt(pendingNew)} new`
      }
      if (countRef.current) countRef.current.textContent = `${fmtInt(rows)} rows · ${fmtInt(received)} received`
      if (skippedRef.current) {
        skippedRef.current.hidden = notPainted === 0
        skippedRef.current.textContent = `${fmtInt(notPainted)} not painted`
      }
      if (emptyRef.current) {
        emptyRef.current.hidden = rows > 0
        emptyRef.current.textContent =
          received === 0 ? 'Waiting for the first trade…' : 'No trades match the filters yet.'
      }
    }
    const painter = new TapePainter(scrollerRef.current!, tape, onHud, tapeRef.current!)
    painterRef.current = painter
    return () => {
      painter.dispose()
      painterRef.current = null
    }
  }, [tape])

  useEffect(() => {
    painterRef.current?.setLargeNotional(prefs.largeNotional)
  }, [prefs.largeNotional])

  const set = appStore.getState().setTapePrefs
  return (
    <div className="view view-tape" data-testid="view-tape">
      <div className="toolbar">
        <label className="field inline">
          <span>Symbol</span>
          <SymbolSelect
            symbols={symbols}
            value={prefs.symbol ?? ''}
            onChange={(symbol) => set({ symbol: symbol === '' ? null : symbol })}
            testId="tape-symbol-filter"
          />
        </label>
        {prefs.symbol !== null ? (
          <span className="tape-chip" data-testid="tape-symbol-chip" data-symbol={prefs.symbol}>
            {prefs.symbol}
            <button
              className="tape-chip-clear"
              aria-label={`Show every symbol, not only ${prefs.symbol}`}
              title="Clear the symbol filter"
              onClick={() => set({ symbol: null })}
              data-testid="tape-symbol-chip-clear"
            >
              ×
            </button>
          </span>
        ) : null}
        <NumberFilter
          label="Min size"
          value={prefs.minSize}
          onValue={(minSize) => set({ minSize })}
          testId="tape-min-size"
          title="Hide trades smaller than this quantity"
          search
        />
        <NumberFilter
          label="Highlight ≥"
          value={prefs.largeNotional}
          onValue={(largeNotional) => set({ largeNotional })}
          testId="tape-large"
          title="Highlight trades whose notional (price × size) reaches this value; empty: off"
        />
        <label className="field inline check" title="Merge trades of one symbol with the same side and millisecond">
          <input
            type="checkbox"
            checked={prefs.grouping}
            onChange={(e) => set({ grouping: e.target.checked })}
            data-testid="tape-grouping"
          />
          <span>Group same-ms</span>
        </label>
        <div className="spacer" />
        <span className="muted small num" ref={countRef} data-testid="tape-count" />
        <ExportButton symbols={symbols} initialSymbol={prefs.symbol ?? ''} compact />
        <span
          className="tape-skipped small num"
          ref={skippedRef}
          hidden
          data-testid="tape-not-painted"
          title={`Trades that arrived faster than the tape paints (at most ${ROWS_PER_FRAME} new rows per 1/60 s): counted here, kept for filters and resume, and all in storage`}
        />
        <button
          className={`btn ${paused ? 'warn' : ''}`}
          onClick={() => appStore.getState().toggleTapePaused()}
          data-testid="tape-pause"
          aria-pressed={paused}
          title="Pause or resume (Space or P)"
        >
          {paused ? '▶ Resume' : '❚❚ Pause'} <KeyCap>Space</KeyCap>
          <span className="badge" ref={badgeRef} hidden data-testid="tape-new-badge" />
        </button>
      </div>
      <div className={`tape list-card ${paused ? 'paused' : ''}`} ref={tapeRef} data-testid="tape">
        <div className="tape-head tape-row">
          <span className="c-time">Time</span>
          <span className="c-symbol">Symbol</span>
          <span className="c-side">Side</span>
          <span className="c-price">Price</span>
          <span className="c-size">Size</span>
          <span className="c-notional">Notional</span>
        </div>
        <div className="tape-scroller" ref={scrollerRef} data-testid="tape-scroller">
          <div className="tape-empty" ref={emptyRef} data-testid="tape-empty">
            Waiting for the first trade…
          </div>
        </div>
        {paused ? (
          <div className="tape-paused-note" data-testid="tape-paused">
            Paused — new trades are counted, not shown. Press <KeyCap>Space</KeyCap> to resume.
          </div>
        ) : null}
      </div>
    </div>
  )
}
