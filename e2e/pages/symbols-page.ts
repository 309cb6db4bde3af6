// The Symbols view: every collected symbol in one virtualized, sortable, searchable table. Only the
// rows near the viewport exist in the DOM; a row's click filters the tape to its symbol.

import type { Locator, Page } from '@playwright/test'
import type { SymbolColumn } from '../../src/renderer/src/lib/symbols-table'
import { ViewPage } from './view-page'

export class SymbolsPage extends ViewPage {
  /** The rendered rows (the visible window plus overscan), top first. */
  readonly rows: Locator
  readonly search: Locator
  readonly count: Locator
  readonly scroller: Locator
  readonly table: Locator

  constructor(page: Page) {
    super(page, 'symbols')
    this.rows = page.getByTestId('symbol-row')
    this.search = page.getByTestId('symbols-search')
    this.count = page.getByTestId('symbols-count')
    this.scroller = page.getByTestId('symbols-scroller')
    this.table = page.getByTestId('symbols-table')
  }

  sortButton(column: SymbolColumn): Locator {
    return this.page.getByTestId(`symbols-sort-${column}`)
  }

  async sortBy(column: SymbolColumn): Promise<void> {
    await this.sortButton(column).click()
  }

  row(symbol: string): Locator {
    return this.page.locator(`[data-testid="symbol-row"][data-symbol="${symbol}"]`)
  }

  /** The symbols of the rendered rows, in order. */
  async renderedSymbols(): Promise<string[]> {
    return this.rows.evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.symbol ?? ''))
  }

  /** The rows' total count as the table tells assistive technology (every row, rendered or not). */
  async rowCount(): Promise<number> {
    return Number(await this.table.getAttribute('aria-rowcount'))
  }

  async scrollTo(top: number): Promise<void> {
    await this.scroller.evaluate((el, y) => {
      el.scrollTop = y
    }, top)
  }
}
