// The Export dialog (tape and storage views): symbol, time range preset, format, Download / Cancel.

import type { Download, Locator, Page } from '@playwright/test'

export type RangePreset = 'hour' | 'day' | 'all' | 'custom'

export class ExportDialog {
  readonly openButton: Locator
  readonly root: Locator
  readonly symbol: Locator
  readonly from: Locator
  readonly to: Locator
  readonly note: Locator
  readonly invalid: Locator
  readonly progress: Locator
  readonly result: Locator
  readonly startButton: Locator
  readonly cancelButton: Locator

  constructor(readonly page: Page) {
    this.openButton = page.getByTestId('export-open')
    this.root = page.getByTestId('export-dialog')
    this.symbol = page.getByTestId('export-symbol')
    this.from = page.getByTestId('export-from')
    this.to = page.getByTestId('export-to')
    this.note = page.getByTestId('export-note')
    this.invalid = page.getByTestId('export-invalid')
    this.progress = page.getByTestId('export-progress')
    this.result = page.getByTestId('export-result')
    this.startButton = page.getByTestId('export-start')
    this.cancelButton = page.getByTestId('export-cancel')
  }

  range(preset: RangePreset): Locator {
    return this.page.getByTestId(`export-range-${preset}`)
  }

  format(format: 'csv' | 'parquet'): Locator {
    return this.page.getByTestId(`export-format-${format}`)
  }

  /** Opens the dialog from the current view's Export button. */
  async open(): Promise<void> {
    await this.openButton.click()
    await this.root.waitFor({ state: 'visible' })
  }

  /** Clicks Download and resolves with the browser's download. */
  async download(): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.startButton.click()])
    return download
  }
}
