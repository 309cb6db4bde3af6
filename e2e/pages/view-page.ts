// What every view's page object shares: its root and the way there (the navigation rail).

import { expect, type Locator, type Page } from '@playwright/test'
import type { ViewId } from '../../src/renderer/src/store/ui-slice'

export type ViewName = ViewId

export class ViewPage {
  readonly root: Locator

  constructor(
    readonly page: Page,
    readonly name: ViewName
  ) {
    this.root = page.getByTestId(`view-${name}`)
  }

  /** Opens the view from the navigation rail and waits until it shows. */
  async open(): Promise<void> {
    await this.page.getByTestId(`nav-${this.name}`).click()
    await expect(this.root).toBeVisible()
  }
}
