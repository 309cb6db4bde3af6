// The trade tape: a virtual list painted outside React, its filters, pause, gap markers and
// backfilled rows. Only rows near the viewport exist, and pooled rows not in use are hidden.

import type { Locator, Page } from '@playwright/test'
import { ViewPage } from './view-page'

/** What one visible tape row says: its data attributes and the price as printed. */
export interface TapeRowSnapshot {
  tradeId: string
  symbol: string
  side: string
  price: string
  size: string
  shownPrice: string
}

export class TapePage extends ViewPage {
  /** The visible trade rows, top (newest) first. */
  readonly rows: Locator
  readonly pauseButton: Locator
  readonly pausedNote: Locator
  readonly newBadge: Locator
  readonly symbolFilter: Locator
  readonly minSizeInput: Locator
  /** "Highlight ≥": the notional that highlights a row (and sounds, with sound alerts on). */
  readonly highlightInput: Locator
  readonly scroller: Locator
  /** The symbol filter's chip (shown while the tape shows one symbol) and its clear button. */
  readonly symbolChip: Locator
  readonly symbolChipClear: Locator
  readonly notPainted: Locator

  constructor(page: Page) {
    super(page, 'tape')
    this.rows = page.getByTestId('tape-row').locator('visible=true')
    this.pauseButton = page.getByTestId('tape-pause')
    this.pausedNote = page.getByTestId('tape-paused')
    this.newBadge = page.getByTestId('tape-new-badge')
    this.symbolFilter = page.getByTestId('tape-symbol-filter')
    this.minSizeInput = page.getByTestId('tape-min-size')
    this.highlightInput = page.getByTestId('tape-large')
    this.scroller = page.getByTestId('tape-scroller')
    this.symbolChip = page.getByTestId('tape-symbol-chip')
    this.symbolChipClear = page.getByTestId('tape-symbol-chip-clear')
    this.notPainted = page.getByTestId('tape-not-painted')
  }

  /** A row's printed cell. */
  cell(row: Locator, column: 'time' | 'symbol' | 'side' | 'price' | 'size' | 'notional'): Locator {
    return row.locator(`.c-${column}`)
  }
  gapMarker(id: number): Locator {
    return this.page.locator(`[data-testid="tape-gap"][data-gap-id="${id}"]`).locator('visible=true')
  }
  get backfilledRows(): Locator {
    return this.page.locator('[data-testid="tape-row"][data-backfilled="true"]').locator('visible=true')
  }
  /** The visible backfilled rows of these trades (e.g. one gap's, when earlier gaps left rows of their own). */
  backfilledRowsOf(tradeIds: readonly string[]): Locator {
    const one = (id: string): string => `[data-testid="tape-row"][data-backfilled="true"][data-trade-id="${id}"]`
    return this.page.locator(tradeIds.map(one).join(', ')).locator('visible=true')
  }

  async filterSymbol(symbol: string | null): Promise<void> {
    await this.symbolFilter.selectOption(symbol ?? '')
  }
  async minSize(value: string): Promise<void> {
    await this.minSizeInput.fill(value)
  }

  async snapshot(): Promise<TapeRowSnapshot[]> {
    return this.rows.evaluateAll((rows) =>
      rows.map((r) => {
        const d = (r as HTMLElement).dataset
        return {
          tradeId: d.tradeId ?? '',
          symbol: d.symbol ?? '',
          side: d.side ?? '',
          price: d.price ?? '',
          size: d.size ?? '',
          shownPrice: r.querySelector('.c-price')?.textContent ?? ''
        }
      })
    )
  }

  /** The visible backfilled rows: trade id and the tag painted after the side (CSS `::after`). */
  async backfilledTags(): Promise<{ id: string; tag: string }[]> {
    return this.backfilledRows.evaluateAll((rows) =>
      rows.map((r) => {
        const side = r.querySelector('.c-side')
        return {
          id: (r as HTMLElement).dataset.tradeId ?? '',
          tag: side ? getComputedStyle(side, '::after').content : ''
        }
      })
    )
  }

  /** Scrolls the tape down (pause it first) a screen at a time until `target` is rendered, or the bottom. */
  async scrollTo(target: Locator): Promise<void> {
    await this.scroller.evaluate((el) => (el.scrollTop = 0))
    for (let i = 0; i < 200; i++) {
      if ((await target.count()) > 0) return
      const atBottom = await this.scroller.evaluate((el) => {
        const before = el.scrollTop
        el.scrollTop += Math.floor(el.clientHeight * 0.8)
        return el.scrollTop === before
      })
      // the painter renders the new window on its next frame
      await this.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))
      if (atBottom && (await target.count()) === 0) return
    }
  }
}
