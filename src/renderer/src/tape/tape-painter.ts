// Paints the tape straight into the DOM once per animation frame, outside React: a fixed pool of
// row elements recycled over a virtual list (fixed row height), so any trade rate costs the same
// per frame and nothing above or below the tape moves.

import { fmtClockMs, fmtNotional } from '../lib/format'
import type { TapeModel, TapeRow } from './tape-model'

export const ROW_HEIGHT = 24
const OVERSCAN = 4

export interface PainterHud {
  /** Called after a paint with what the header shows (count of rows, new while paused). */
  (info: { rows: number; pendingNew: number; paused: boolean; received: number }): void
}

interface PooledRow {
  el: HTMLDivElement
  time: HTMLSpanElement
  symbol: HTMLSpanElement
  side: HTMLSpanElement
  price: DecimalCell
  size: DecimalCell
  notional: HTMLSpanElement
  key: number
  count: number
  large: boolean
}

function cell(row: HTMLDivElement, cls: string): HTMLSpanElement {
  const span = document.createElement('span')
  span.className = cls
  row.appendChild(span)
  return span
}

/** An exact decimal string split at the point, so a fixed-width fraction lines the points up. */
interface DecimalCell {
  whole: HTMLSpanElement
  frac: HTMLSpanElement
}

function decimalCell(row: HTMLDivElement, cls: string): DecimalCell {
  const outer = cell(row, cls)
  return { whole: cell(outer as HTMLDivElement, 'i'), frac: cell(outer as HTMLDivElement, 'f') }
}

function setDecimal(c: DecimalCell, value: string): void {
  const dot = value.indexOf('.')
  c.whole.textContent = dot < 0 ? value : value.slice(0, dot)
  c.frac.textContent = dot < 0 ? '' : value.slice(dot)
}

export class TapePainter {
  private readonly sizer: HTMLDivElement
  private readonly window: HTMLDivElement
  private readonly pool: PooledRow[] = []
  private frame = 0
  private paintedVersion = -1
  private paintedEpoch = -1
  private paintedTopKey = 0
  private paintedScroll = -1
  private paintedHeight = -1
  private largeNotional = 0
  private disposed = false

  constructor(
    private readonly scroller: HTMLElement,
    private readonly model: TapeModel,
    private readonly hud: PainterHud
  ) {
    this.sizer = document.createElement('div')
    this.sizer.className = 'tape-sizer'
    this.window = document.createElement('div')
    this.window.className = 'tape-window'
    this.sizer.appendChild(this.window)
    scroller.appendChild(this.sizer)
    this.frame = requestAnimationFrame(this.tick)
  }

  setLargeNotional(value: number): void {
    if (value === this.largeNotional) return
    this.largeNotional = value
    this.paintedVersion = -1
  }

  dispose(): void {
    this.disposed = true
    cancelAnimationFrame(this.frame)
    this.sizer.remove()
  }

  private readonly tick = (): void => {
    if (this.disposed) return
    this.paint()
    this.frame = requestAnimationFrame(this.tick)
  }

  private paint(): void {
    const m = this.model
    const height = this.scroller.clientHeight
    let scrollTop = this.scroller.scrollTop
    if (m.version === this.paintedVersion && scrollTop === this.paintedScroll && height === this.paintedHeight) return

    const total = m.rows.size
    // keep the rows a reader scrolled to still under their eyes while new ones arrive on top
    if (m.epoch !== this.paintedEpoch) {
      if (this.paintedEpoch !== -1) scrollTop = 0
    } else if (scrollTop > 0 && !m.isPaused) {
      const added = m.newestKey - this.paintedTopKey
      if (added > 0) scrollTop += added * ROW_HEIGHT
    }
    this.sizer.style.height = `${total * ROW_HEIGHT}px`
    this.alignDecimals()
    if (scrollTop !== this.scroller.scrollTop) this.scroller.scrollTop = scrollTop
    scrollTop = this.scroller.scrollTop

    const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN)
    const visible = Math.ceil(height / ROW_HEIGHT) + OVERSCAN * 2
    while (this.pool.length < visible) this.pool.push(this.makeRow())
    this.window.style.transform = `translateY(${first * ROW_HEIGHT}px)`
    for (let i = 0; i < this.pool.length; i++) {
      const slot = this.pool[i]
      const row = i < visible ? m.rows.get(first + i) : undefined
      this.fill(slot, row)
    }

    this.paintedVersion = m.version
    this.paintedEpoch = m.epoch
    this.paintedTopKey = m.newestKey
    this.paintedScroll = scrollTop
    this.paintedHeight = height
    this.hud({ rows: total, pendingNew: m.pendingNew, paused: m.isPaused, received: m.received })
  }

  private alignedPrice = -1
  private alignedSize = -1

  /** Fraction widths (in `ch` of the monospace font) follow the widest seen; both rarely change. */
  private alignDecimals(): void {
    const { priceDecimals, sizeDecimals } = this.model
    if (priceDecimals === this.alignedPrice && sizeDecimals === this.alignedSize) return
    this.alignedPrice = priceDecimals
    this.alignedSize = sizeDecimals
    this.scroller.style.setProperty('--price-frac', `${priceDecimals === 0 ? 0 : priceDecimals + 1}ch`)
    this.scroller.style.setProperty('--size-frac', `${sizeDecimals === 0 ? 0 : sizeDecimals + 1}ch`)
  }

  private makeRow(): PooledRow {
    const el = document.createElement('div')
    el.className = 'tape-row'
    el.setAttribute('data-testid', 'tape-row')
    el.style.height = `${ROW_HEIGHT}px`
    const slot: PooledRow = {
      el,
      time: cell(el, 'c-time'),
      symbol: cell(el, 'c-symbol'),
      side: cell(el, 'c-side'),
      price: decimalCell(el, 'c-price'),
      size: decimalCell(el, 'c-size'),
      notional: cell(el, 'c-notional'),
      key: -1,
      count: 0,
      large: false
    }
    el.hidden = true
    this.window.appendChild(el)
    return slot
  }

  private fill(slot: PooledRow, row: TapeRow | undefined): void {
    if (!row) {
      if (!slot.el.hidden) {
        slot.el.hidden = true
        slot.key = -1
      }
      return
    }
    const large = this.largeNotional > 0 && row.notional >= this.largeNotional
    if (slot.key === row.key && slot.count === row.count && slot.large === large && !slot.el.hidden) return
    slot.key = row.key
    slot.count = row.count
    slot.large = large
    const el = slot.el
    el.hidden = false
    el.className = `tape-row ${row.side === 'BUY' ? 'buy' : 'sell'}${large ? ' large' : ''}${row.backfilled ? ' backfilled' : ''}`
    el.dataset.symbol = row.symbol
    el.dataset.side = row.side
    el.dataset.price = row.price
    el.dataset.size = row.size
    el.dataset.tradeId = row.tradeId
    el.dataset.count = String(row.count)
    slot.time.textContent = fmtClockMs(row.timestamp)
    slot.symbol.textContent = row.symbol
    slot.side.textContent = row.count > 1 ? `${row.side} ×${row.count}` : row.side
    setDecimal(slot.price, row.price)
    setDecimal(slot.size, row.size)
    slot.notional.textContent = fmtNotional(row.notional)
  }
}
