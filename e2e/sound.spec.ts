// Sound alerts in a real Chromium: opted in from Settings (the click is the gesture browsers require),
// the AudioContext runs, and large trades from the live engine are played and counted.

import { expect, screenshot, test } from './fixtures'

test('sound alerts: off by default, on with a click, tones for large trades', async ({ monitor, page, stack }) => {
  const { settings, tape } = monitor
  await settings.open()
  await expect(settings.sound.stats).toHaveText('Off.')
  await expect(settings.sound.feed).toBeDisabled()

  // Every simulated trade is "large" at a threshold of 1.
  await tape.open()
  await tape.highlightInput.fill('1')
  await settings.open()
  await settings.sound.enabled.check()
  await expect(settings.sound.stats).toHaveAttribute('data-audio', 'running')
  await expect(settings.sound.blocked).toBeHidden()
  await expect(settings.sound.feed).toBeEnabled()

  stack.sim.emitTrades('spot', 'BTCUSDT', 20)
  await expect(settings.sound.stats).toHaveText(/^[\d,]+ tones? played · [\d,]+ large trades? folded into them/, {
    timeout: 10_000
  })
  await screenshot(page, 'settings-sound-1280x800')

  // Opting out stops the tones: the count stays where it was while trades keep coming.
  await settings.sound.enabled.uncheck()
  const before = await settings.sound.stats.textContent()
  const stored = stack.engine.storage.totalTrades
  stack.sim.emitTrades('spot', 'BTCUSDT', 20)
  await expect.poll(() => stack.engine.storage.totalTrades).toBeGreaterThanOrEqual(stored + 20)
  await page.waitForTimeout(500) // the engine pushes a trades batch every 50–100 ms: five batches' worth
  expect(await settings.sound.stats.textContent()).toBe(before)

  // Preferences survive a reload (localStorage), still opt-in after it.
  await settings.sound.enabled.check()
  await page.reload()
  await settings.open()
  await expect(settings.sound.enabled).toBeChecked()
})

test('the Buy and Sell test buttons sound with the Highlight threshold off (0)', async ({ monitor, page }) => {
  const { settings, tape } = monitor
  // Count the oscillators Web Audio starts: one per tone played.
  await page.evaluate(() => {
    const w = window as unknown as { oscillators: number }
    w.oscillators = 0
    const create = AudioContext.prototype.createOscillator
    AudioContext.prototype.createOscillator = function (this: AudioContext) {
      w.oscillators++
      return create.call(this)
    }
  })
  const oscillators = (): Promise<number> =>
    page.evaluate(() => (window as unknown as { oscillators: number }).oscillators)

  await tape.open()
  await tape.highlightInput.fill('0')
  await settings.open()
  const panel = page.getByTestId('sound-panel')
  await panel.getByRole('button', { name: 'Buy', exact: true }).click()
  await expect.poll(oscillators).toBe(1)
  await panel.getByRole('button', { name: 'Sell', exact: true }).click()
  await expect.poll(oscillators).toBe(2)
})
