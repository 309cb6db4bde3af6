// Paints the tape straight into the DOM once per animation frame, outside React: a fixed pool of
// row elements recycled over a virtual list (fixed row height), so any trade rate costs the same
// per frame — at most one pool's worth of rows written — and nothing above or below the tape moves.
// Cells are absolutely positioned from precomputed column boxes (tape-columns), so a paint costs
// text layout only, never grid sizing.

import { applyTapeColumns } from './tape-columns'
import type { TapeModel } from './tape-model'
import { PooledRow } from './tape-row-dom'
import { createTapeStats, recordFrameWork, recordReceiptToPaint, type TapeStats } from './tape-stats'

export const ROW_HEIGHT = 24
const OVERSCAN = 4
/** The header's counters are for reading, not for every frame: at most this often. */
const HUD_MS = 250

export interface HudInfo {
  rows: number
  pendingNew: number
  paused: boolean
  received: number
  /** Matching trades that arrived faster than the tape paints and got no row of their own. */
  notPainted: number
}

export interface PainterHud {
  /** Called after a paint with what the header shows (count of rows, new while paused). */
  (info: HudInfo): void
}

export class TapePainter {
  private readonly sizer: HTMLDivElement
  private readonly window: HTMLDivElement
  private readonly pool: PooledRow[] = []
  private readonly resize: ResizeObserver
  readonly stats: TapeStats = createTapeStats()
  private frame = 0
  private paintedVersion = -1
  private paintedEpoch = -1
  private paintedTopKey = 0
  private paintedScroll = -1
  private paintedHeight = -1
  private paintedWindowTop = -1
  private paintedSizerHeight = -1
  private largeNotional = 0
  private disposed = false
  /** Receipt time of the batch whose newest row the last paint wrote; measured on the next frame. */
  private receiptPending = 0
  private hudAt = 0
  private hudPaused: boolean | null = null
  private hudDirty = false

  constructor(
    private readonly scroller: HTMLElement,
    private readonly model: TapeModel,
    private readonly hud: PainterHud,
    /** Gets the column geometry (the tape and its header); default: the scroller only. */
    private readonly columnsHost: HTMLElement = scroller
  ) {
    this.sizer = document.createElement('div')
    this.sizer.className = 'tape-sizer'
    this.window = document.createElement('div')
    this.window.className = 'tape-window'
    this.sizer.appendChild(this.window)
    scroller.appendChild(this.sizer)
    applyTapeColumns(columnsHost, scroller.clientWidth)
    this.resize = new ResizeObserver(() => applyTapeColumns(this.columnsHost, this.scroller.clientWidth))
    this.resize.observe(scroller)
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
    this.resize.disconnect()
    this.sizer.remove()
  }

  private readonly tick = (now: number): void => {
    if (this.disposed) return
    // the previous frame's DOM writes have been presented by the time this callback runs
    if (this.receiptPending > 0) {
      recordReceiptToPaint(this.stats, performance.now() - this.receiptPending)
      this.receiptPending = 0
    }
    // the frame's arrivals, at most ROWS_PER_FRAME new rows, then the visible rows only
    const started = performance.now()
    this.model.drainFrame(started)
    this.paint()
    recordFrameWork(this.stats, performance.now() - started)
    this.flushHud(now)
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
    const sizerHeight = total * ROW_HEIGHT
    if (sizerHeight !== this.paintedSizerHeight) {
      this.sizer.style.height = `${sizerHeight}px`
      this.paintedSizerHeight = sizerHeight
    }
    this.alignDecimals()
    if (scrollTop !== this.scroller.scrollTop) this.scroller.scrollTop = scrollTop
    scrollTop = this.scroller.scrollTop

    const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN)
    // overscan above the first visible row only exists when scrolled; below, always
    const visible = Math.ceil(height / ROW_HEIGHT) + OVERSCAN + Math.min(OVERSCAN, Math.floor(scrollTop / ROW_HEIGHT))
    while (this.pool.length < visible) this.addRow()
    if (first !== this.paintedWindowTop) {
      this.window.style.transform = `translateY(${first * ROW_HEIGHT}px)`
      this.paintedWindowTop = first
    }
    let written = 0
    for (let i = 0; i < this.pool.length; i++) {
      const row = i < visible ? m.rows.get(first + i) : undefined
      if (row === undefined) this.pool[i].hide()
      else if (this.pool[i].show(row, this.largeNotional)) written++
    }
    if (written > 0) {
      this.stats.painted += written
      this.stats.paints++
    }
    // the newest batch's newest row is on screen now: time it from the batch's receipt
    if (m.lastBatchAt > 0 && m.lastBatchTopKey > this.paintedTopKey && first === 0 && written > 0) {
      this.receiptPending = m.lastBatchAt
    }

    this.paintedVersion = m.version
    this.paintedEpoch = m.epoch
    this.paintedTopKey = m.newestKey
    this.paintedScroll = scrollTop
    this.paintedHeight = height
    this.hudDirty = true
  }

  /** The header's counters follow at a readable pace; pausing and resuming show at once. */
  private flushHud(now: number): void {
    if (!this.hudDirty) return
    const m = this.model
    if (now - this.hudAt < HUD_MS && m.isPaused === this.hudPaused) return
    this.hudDirty = false
    this.hudAt = now
    this.hudPaused = m.isPaused
    this.hud({
      rows: m.rows.size,
      pendingNew: m.pendingNew,
      paused: m.isPaused,
      received: m.received,
      notPainted: m.notPainted
    })
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

  private addRow(): void {
    const row = new PooledRow(ROW_HEIGHT)
    this.window.appendChild(row.el)
    this.pool.push(row)
  }
}
