// When the engine cannot be reached the UI says so, keeps retrying, and recovers by itself.

import { expect, screenshot, test } from './fixtures'
import { MonitorPage } from './pages/monitor-page'

test('shows "cannot reach the engine" while the API fails, then recovers without a reload', async ({ page, stack }) => {
  const monitor = new MonitorPage(page)
  await page.route('**/settings', (route) => route.abort('connectionrefused'))
  await page.goto(stack.url)
  await expect(monitor.unreachable).toBeVisible()
  await expect(monitor.unreachableError).toContainText('unreachable')
  await expect(monitor.root).toHaveAttribute('data-ready', 'false')
  await screenshot(page, 'unreachable-1280x800')
  await page.unroute('**/settings')
  await monitor.waitReady(10_000)
  await expect(monitor.connection.root).toBeVisible()
})
