// The modal confirm dialog (Clear storage, recovery actions).

import type { Locator, Page } from '@playwright/test'

export class ConfirmDialog {
  readonly root: Locator
  readonly cancelButton: Locator
  readonly okButton: Locator

  constructor(readonly page: Page) {
    this.root = page.getByTestId('confirm-dialog')
    this.cancelButton = page.getByTestId('confirm-cancel')
    this.okButton = page.getByTestId('confirm-ok')
  }

  /** Whether the focused element is inside the dialog. */
  async holdsFocus(): Promise<boolean> {
    return this.root.evaluate((dialog) => dialog.contains(document.activeElement))
  }
}
