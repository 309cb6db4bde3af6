// The Logs view: the guide's presets, level filter, search and the rows.

import type { Locator, Page } from '@playwright/test'
import { ViewPage } from './view-page'

export type LogPreset = 'connection' | 'storage' | 'errors' | 'tradeFlow'

export class LogsPage extends ViewPage {
  readonly rows: Locator
  readonly search: Locator

  constructor(page: Page) {
    super(page, 'logs')
    this.rows = page.getByTestId('log-row')
    this.search = page.getByTestId('log-search')
  }

  preset(id: LogPreset): Locator {
    return this.page.getByTestId(`log-preset-${id}`)
  }
  /** The text of every listed line, top first. */
  async messages(): Promise<string[]> {
    return this.rows.evaluateAll((rows) => rows.map((r) => r.textContent ?? ''))
  }
}
