// The Debug view: the task registry, the storage internals beside it, and the raw frames.

import type { Locator, Page } from '@playwright/test'
import { ViewPage } from './view-page'

export class DebugPage extends ViewPage {
  readonly tasksTable: Locator
  readonly frames: Locator
  readonly frameRows: Locator
  readonly framesLimit: Locator
  readonly framesPause: Locator
  readonly framesRing: Locator
  readonly framesState: Locator

  constructor(page: Page) {
    super(page, 'debug')
    this.tasksTable = page.getByTestId('tasks-table')
    this.frames = page.getByTestId('debug-frames')
    this.frameRows = this.frames.getByTestId('raw-frame-row')
    this.framesLimit = page.getByTestId('raw-frames-limit')
    this.framesPause = page.getByTestId('raw-frames-pause')
    this.framesRing = page.getByTestId('raw-frames-ring')
    this.framesState = page.getByTestId('raw-frames-state')
  }

  /** The first (newest) frame row whose text contains `text`. */
  frameWith(text: string): Locator {
    return this.frameRows.filter({ hasText: text }).first()
  }

  /** The rows of one kind (trades, control, malformed, other), newest first. */
  rowsOf(kind: 'trades' | 'control' | 'malformed' | 'other'): Locator {
    return this.frames.locator(`[data-testid="raw-frame-row"][data-kind="${kind}"]`)
  }

  /** The kind pills of the rows shown, newest first. */
  async kinds(): Promise<string[]> {
    return this.frameRows.getByTestId('raw-frame-kind').allInnerTexts()
  }

  /** The rows as shown (time, size, kind, text), newest first; opening a row does not change it. */
  async frameList(): Promise<string[]> {
    return this.frameRows.evaluateAll((rows) =>
      rows.map((r) =>
        [...(r as HTMLTableRowElement).cells]
          .slice(0, 4)
          .map((c) => c.textContent)
          .join(' | ')
      )
    )
  }

  /** Opens a row and returns the whole-frame text shown under it. */
  async openFrame(row: Locator): Promise<Locator> {
    await row.getByTestId('raw-frame-toggle').click()
    return this.frames.getByTestId('raw-frame-text')
  }
}
