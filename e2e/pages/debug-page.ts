// The Debug view: the task registry (and the storage internals beside it).

import type { Locator, Page } from '@playwright/test'
import { ViewPage } from './view-page'

export class DebugPage extends ViewPage {
  readonly tasksTable: Locator

  constructor(page: Page) {
    super(page, 'debug')
    this.tasksTable = page.getByTestId('tasks-table')
  }
}
