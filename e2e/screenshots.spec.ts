// Every view at the two sizes the layout must serve, dark and light, saved for a human to look at.

import { expect, screenshot, test } from './fixtures'
import { VIEW_NAMES } from './pages/monitor-page'

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 }
]

test('screenshots of every view at 1280×800 and 1920×1080', async ({ monitor, page }) => {
  // enough history for the charts and the tape
  await monitor.storage.open()
  await expect(monitor.storage.chart('rate')).toBeVisible({ timeout: 15_000 })
  for (const size of SIZES) {
    await page.setViewportSize(size)
    for (const view of VIEW_NAMES) {
      await monitor.show(view)
      if (view === 'tape') await expect(monitor.tape.rows.first()).toBeVisible()
      if (view === 'debug') await expect(monitor.debug.tasksTable).toBeVisible()
      if (view === 'checklist') await expect(monitor.checklist.summary).toBeVisible()
      await screenshot(page, `${view}-${size.width}x${size.height}`)
    }
  }
  await page.setViewportSize(SIZES[0])
  await monitor.themeToggle.click()
  await expect(monitor.root).toHaveAttribute('data-theme', 'light')
  for (const view of VIEW_NAMES) {
    await monitor.show(view)
    await screenshot(page, `${view}-light-1280x800`)
  }
  await page.keyboard.press('?')
  await expect(monitor.helpPopover).toBeVisible()
  await screenshot(page, 'help-light-1280x800')
  await page.keyboard.press('Escape')
  await monitor.themeToggle.click()
})
