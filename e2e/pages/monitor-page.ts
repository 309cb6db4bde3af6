// Locators and actions of the monitor, in one place; specs never spell selectors themselves.

import { expect, type Locator, type Page } from '@playwright/test'

export type ViewName = 'connection' | 'tape' | 'storage' | 'logs' | 'debug' | 'settings'

export class MonitorPage {
  readonly root: Locator
  readonly feedState: Locator
  readonly transportState: Locator

  constructor(readonly page: Page) {
    this.root = page.getByTestId('app-root')
    this.feedState = page.getByTestId('feed-state')
    this.transportState = page.getByTestId('transport-state')
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url)
    await expect(this.root).toHaveAttribute('data-ready', 'true')
  }

  async show(view: ViewName): Promise<void> {
    await this.page.getByTestId(`nav-${view}`).click()
    await expect(this.page.getByTestId(`view-${view}`)).toBeVisible()
  }

  // ---- connection
  collector(name = 'bybit_trades'): Locator {
    return this.page.getByTestId(`collector-${name}`)
  }
  collectorState(name = 'bybit_trades'): Locator {
    return this.collector(name).getByTestId('collector-state')
  }
  /** The last error's code; its title is the code's meaning. */
  lastErrorCode(name = 'bybit_trades'): Locator {
    return this.collector(name).getByTestId('last-error-code')
  }
  reconnectCount(name = 'bybit_trades'): Locator {
    return this.collector(name).getByTestId('reconnect-count')
  }

  // ---- gaps (list in the connection view, markers in the tape)
  get gapsPanel(): Locator {
    return this.page.getByTestId('gaps-panel')
  }
  gapListRow(id: number): Locator {
    return this.page.locator(`[data-testid="gap-row"][data-gap-id="${id}"]`)
  }
  tapeGapMarker(id: number): Locator {
    return this.page.locator(`[data-testid="tape-gap"][data-gap-id="${id}"]`).locator('visible=true')
  }
  get backfilledTapeRows(): Locator {
    return this.page.locator('[data-testid="tape-row"][data-backfilled="true"]').locator('visible=true')
  }
  /**
   * The tape is a virtual list: only rows near the viewport exist. Scrolls it down (pause it first)
   * a screen at a time until `target` is rendered, or the bottom is reached.
   */
  async scrollTapeTo(target: Locator): Promise<void> {
    const scroller = this.page.getByTestId('tape-scroller')
    await scroller.evaluate((el) => (el.scrollTop = 0))
    for (let i = 0; i < 200; i++) {
      if ((await target.count()) > 0) return
      const atBottom = await scroller.evaluate((el) => {
        const before = el.scrollTop
        el.scrollTop += Math.floor(el.clientHeight * 0.8)
        return el.scrollTop === before
      })
      // the painter renders the new window on its next frame
      await this.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))
      if (atBottom && (await target.count()) === 0) return
    }
  }

  // ---- tape
  get tapeRows(): Locator {
    return this.page.getByTestId('tape-row').locator('visible=true')
  }
  get pauseButton(): Locator {
    return this.page.getByTestId('tape-pause')
  }
  get newBadge(): Locator {
    return this.page.getByTestId('tape-new-badge')
  }
  async filterSymbol(symbol: string | null): Promise<void> {
    await this.page.getByTestId('tape-symbol-filter').selectOption(symbol ?? '')
  }
  async minSize(value: string): Promise<void> {
    await this.page.getByTestId('tape-min-size').fill(value)
  }
  /** What the visible tape rows say, top (newest) first. */
  async tapeSnapshot(): Promise<
    { tradeId: string; symbol: string; side: string; price: string; size: string; shownPrice: string }[]
  > {
    return this.tapeRows.evaluateAll((rows) =>
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

  // ---- storage
  get totalTrades(): Locator {
    return this.page.getByTestId('total-trades')
  }
  symbolRow(symbol: string): Locator {
    return this.page.locator(`[data-testid="symbol-row"][data-symbol="${symbol}"]`)
  }

  // ---- logs
  preset(id: 'connection' | 'storage' | 'errors' | 'tradeFlow'): Locator {
    return this.page.getByTestId(`log-preset-${id}`)
  }
  get logRows(): Locator {
    return this.page.getByTestId('log-row')
  }
  async logMessages(): Promise<string[]> {
    return this.logRows.evaluateAll((rows) => rows.map((r) => r.textContent ?? ''))
  }
  get logCode(): Locator {
    return this.page.getByTestId('log-code')
  }
  get logCodeMeaning(): Locator {
    return this.page.getByTestId('log-code-meaning')
  }
  /** The code of every shown log row ('' for a row without one). */
  async logRowCodes(): Promise<string[]> {
    return this.logRows.evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.code ?? ''))
  }

  // ---- settings
  get symbolsInput(): Locator {
    return this.page.getByTestId('settings-symbols')
  }
  get applyButton(): Locator {
    return this.page.getByTestId('settings-apply')
  }
}
