// In a browser (headless serve's UI): Settings offers no desktop-only settings, and Pause/Resume
// collection stops and restarts the engine's collector, the status showing it.

import { expect, screenshot, test } from './fixtures'

test('Settings in the browser: no desktop-only settings; Pause and Resume collection', async ({
  monitor,
  page,
  stack
}) => {
  const { settings, connection } = monitor
  await settings.open()
  await expect(settings.root).toBeVisible()
  await expect(settings.desktopPanel).toHaveCount(0)
  await expect(page.getByText('Quit when the window closes')).toHaveCount(0)
  await expect(page.getByText('Launch at login')).toHaveCount(0)
  await screenshot(page, 'settings-browser-1280x800')

  await settings.collectionPause.button.click()
  await expect(settings.collectionPause.result).toHaveText('Collection paused')
  await expect(settings.collectionPause.button).toHaveText('Resume collection')
  await expect.poll(() => stack.sim.connectionCount('spot')).toBe(0)
  await expect(monitor.feedState).toHaveText('Collection paused')
  await settings.collectionPause.button.scrollIntoViewIfNeeded()
  await screenshot(page, 'settings-browser-paused-1280x800')

  await settings.collectionPause.button.click()
  await expect(settings.collectionPause.button).toHaveText('Pause collection')
  await expect(monitor.feedState).toHaveText('Feed live', { timeout: 15_000 })
  await connection.open()
  await expect(connection.subscription('publicTrade.BTCUSDT')).toHaveAttribute('data-state', 'subscribed', {
    timeout: 15_000
  })
})
