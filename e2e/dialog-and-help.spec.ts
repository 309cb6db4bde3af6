// The confirm dialog is modal (Tab never leaves it, Esc cancels) and the shortcut help names as many
// view keys as the navigation has views.

import { expect, test } from './fixtures'

test('the confirm dialog keeps focus inside through repeated Tab and Shift+Tab', async ({ monitor, page }) => {
  const { storage } = monitor
  await storage.open()
  const dialog = await storage.askToClear()
  await expect(dialog.root).toBeVisible()
  await expect(dialog.cancelButton).toBeFocused()
  for (const key of ['Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
    await page.keyboard.press(key)
    expect(await dialog.holdsFocus(), `focus after ${key}`).toBe(true)
  }
  await page.keyboard.press('Escape')
  await expect(dialog.root).toBeHidden()
  await expect(storage.clearResult).toBeHidden()
})

test('the shortcut help lists a key for every view, and the last key opens the last view', async ({
  monitor,
  page
}) => {
  const views = await monitor.navItems.count()
  await page.keyboard.press('?')
  await expect(monitor.helpPopover).toBeVisible()
  await expect(monitor.helpPopover).toContainText(`1 – ${views}`)
  await page.keyboard.press('Escape')
  await page.keyboard.press(String(views))
  // The last view (Symbols, key 8); the one before it is the checklist.
  await expect(monitor.symbols.root).toBeVisible()
  await page.keyboard.press(String(views - 1))
  await expect(monitor.checklist.root).toBeVisible()
  await expect(monitor.root).toBeVisible()
})
