// The confirm dialog is modal (Tab never leaves it, Esc cancels) and the shortcut help names as many
// view keys as the navigation has views.

import { expect, test } from './fixtures'

test('the confirm dialog keeps focus inside through repeated Tab and Shift+Tab', async ({ monitor, page }) => {
  await monitor.show('storage')
  await page.getByTestId('clear-storage').click()
  const dialog = page.getByTestId('confirm-dialog')
  await expect(dialog).toBeVisible()
  await expect(page.getByTestId('confirm-cancel')).toBeFocused()
  const focusInside = (): Promise<boolean> =>
    page.evaluate(
      () => document.querySelector('[data-testid="confirm-dialog"]')?.contains(document.activeElement) ?? false
    )
  for (const key of ['Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
    await page.keyboard.press(key)
    expect(await focusInside(), `focus after ${key}`).toBe(true)
  }
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(page.getByTestId('clear-result')).toBeHidden()
})

test('the shortcut help lists a key for every view, and the last key opens the last view', async ({
  monitor,
  page
}) => {
  const views = await page.locator('[data-testid^="nav-"]').count()
  await page.keyboard.press('?')
  const help = page.getByTestId('help-popover')
  await expect(help).toBeVisible()
  await expect(help).toContainText(`1 – ${views}`)
  await page.keyboard.press('Escape')
  await page.keyboard.press(String(views))
  await expect(page.getByTestId('view-checklist')).toBeVisible()
  await expect(monitor.root).toBeVisible()
})
