// When the engine cannot be reached the UI says so, keeps retrying, and recovers by itself.

import { expect, screenshot, test } from './fixtures'

test('shows "cannot reach the engine" while the API fails, then recovers without a reload', async ({ page, stack }) => {
  await page.route('**/settings', (route) => route.abort('connectionrefused'))
  await page.goto(stack.url)
  await expect(page.getByTestId('state-unreachable')).toBeVisible()
  await expect(page.getByTestId('unreachable-error')).toContainText('unreachable')
  await expect(page.getByTestId('app-root')).toHaveAttribute('data-ready', 'false')
  await screenshot(page, 'unreachable-1280x800')
  await page.unroute('**/settings')
  await expect(page.getByTestId('app-root')).toHaveAttribute('data-ready', 'true', { timeout: 10_000 })
  await expect(page.getByTestId('view-connection')).toBeVisible()
})
