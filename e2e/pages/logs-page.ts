// The Logs view: the guide's presets, level filter, search and the rows.

import type { Locator, Page } from '@playwright/test'
import { ViewPage } from './view-page'

export type LogPreset = 'connection' | 'storage' | 'errors' | 'tradeFlow'

export class LogsPage extends ViewPage {
  readonly rows: Locator
  readonly search: Locator
  /** The code filter (a select; '' is any code). */
  readonly code: Locator
  /** The chosen code's meaning, shown above the list. */
  readonly codeMeaning: Locator
  readonly list: Locator
  /** "Open log folder" (desktop) / "Show log folder" (browser), and the engine's answer beside it. */
  readonly logFolder: Locator
  readonly logFolderResult: Locator

  constructor(page: Page) {
    super(page, 'logs')
    this.rows = page.getByTestId('log-row')
    this.search = page.getByTestId('log-search')
    this.code = page.getByTestId('log-code')
    this.codeMeaning = page.getByTestId('log-code-meaning')
    this.list = page.getByTestId('log-list')
    this.logFolder = page.getByTestId('open-log-folder')
    this.logFolderResult = page.getByTestId('log-folder-result')
  }

  preset(id: LogPreset): Locator {
    return this.page.getByTestId(`log-preset-${id}`)
  }
  /** The text of every listed line, top first. */
  async messages(): Promise<string[]> {
    return this.rows.evaluateAll((rows) => rows.map((r) => r.textContent ?? ''))
  }
  /** The code of every listed line ('' for a line without one), top first. */
  async codes(): Promise<string[]> {
    return this.rows.evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.code ?? ''))
  }
}
