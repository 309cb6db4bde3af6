// The Storage view: totals, the accounting identity, per-symbol rows, charts and Clear storage.

import type { Locator, Page } from '@playwright/test'
import { ConfirmDialog } from './confirm-dialog'
import { ViewPage } from './view-page'

export type StorageChart = 'rate' | 'latency'

export class StoragePage extends ViewPage {
  readonly totalTrades: Locator
  readonly accounting: Locator
  readonly clearButton: Locator
  readonly clearResult: Locator
  readonly confirm: ConfirmDialog

  constructor(page: Page) {
    super(page, 'storage')
    this.totalTrades = page.getByTestId('total-trades')
    this.accounting = page.getByTestId('accounting')
    this.clearButton = page.getByTestId('clear-storage')
    this.clearResult = page.getByTestId('clear-result')
    this.confirm = new ConfirmDialog(page)
  }

  /** The total shown, as a number (the view prints it with thousands separators). */
  async readTotalTrades(): Promise<number> {
    return Number((await this.totalTrades.textContent())?.replace(/,/g, ''))
  }
  symbolRow(symbol: string): Locator {
    return this.page.locator(`[data-testid="symbol-row"][data-symbol="${symbol}"]`)
  }
  chart(name: StorageChart): Locator {
    return this.page.getByTestId(`chart-${name}`)
  }
  /** The first drawn line of a chart (recharts' path). */
  chartLine(name: StorageChart): Locator {
    return this.chart(name).locator('path.recharts-line-curve').first()
  }
  /** Clicks Clear storage; the confirm dialog opens. */
  async askToClear(): Promise<ConfirmDialog> {
    await this.clearButton.click()
    return this.confirm
  }
}
