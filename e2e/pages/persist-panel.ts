// Settings → History on disk: keep trades on disk, retention, record raw frames, the data dir.

import type { Locator, Page } from '@playwright/test'

/** Settings → History on disk: keep trades on disk, retention, record raw frames, the data dir. */
export class PersistPanel {
  readonly root: Locator
  readonly enabled: Locator
  readonly dataDir: Locator
  readonly days: Locator
  readonly gb: Locator
  readonly apply: Locator
  readonly invalid: Locator
  readonly record: Locator

  constructor(readonly page: Page) {
    this.root = page.getByTestId('persist-panel')
    this.enabled = page.getByTestId('persist-enabled')
    this.dataDir = page.getByTestId('persist-data-dir')
    this.days = page.getByTestId('persist-days')
    this.gb = page.getByTestId('persist-gb')
    this.apply = page.getByTestId('persist-apply')
    this.invalid = page.getByTestId('persist-invalid')
    this.record = page.getByTestId('persist-record')
  }
}
