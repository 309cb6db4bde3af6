// Gaps as a trader sees them: the feed drops while the exchange keeps trading, the Connection view
// lists the open gap and the tape marks where the feed stopped; once the collector is back, REST
// backfill closes the gap, the list and the marker say what was recovered, and the recovered
// trades stand out in the tape. Checked against the engine's own gap record and the simulator's.

import type { GapRecord } from '../src/shared/dto'
import { expect, screenshot, test, until } from './fixtures'

test('a dropped feed shows as a gap in the list and the tape; backfilled trades are marked', async ({
  monitor,
  stack,
  page
}) => {
  test.setTimeout(90_000)
  const known = new Set((await stack.engine.handlers.getGaps()).gaps.map((g) => g.id))
  const fresh = async (): Promise<GapRecord | undefined> =>
    (await stack.engine.handlers.getGaps()).gaps.find((g) => !known.has(g.id) && g.symbol === 'BTCUSDT')

  const { connection, tape } = monitor
  await connection.open()
  await expect(connection.collectorState()).toHaveText('Connected')
  await expect(connection.gapsPanel).toBeVisible()

  // the feed goes away and stays away while the simulator keeps trading
  stack.sim.faults.refuseConnections(true)
  stack.sim.faults.dropConnections()
  try {
    const open = await until('the engine to open a gap', fresh, 15_000)
    expect(open.to).toBeNull()
    const listed = connection.gapRow(open.id)
    await expect(listed.root).toHaveAttribute('data-open', 'true')
    await expect(listed.backfill).toHaveText('waiting')
    await expect(connection.openGaps()).toHaveText('1')
    await screenshot(page, 'gaps-open-1280x800')

    // the marker sits on top of the tape: nothing arrived after it
    await tape.open()
    const marker = tape.gapMarker(open.id)
    await expect(marker).toBeVisible()
    await expect(marker).toContainText('still open')
    await expect(marker).toHaveAttribute('data-symbol', 'BTCUSDT')
    expect(
      await tape.rows
        .first()
        .boundingBox()
        .then((b) => b?.y ?? 0)
    ).toBeGreaterThan((await marker.boundingBox())?.y ?? Infinity)
  } finally {
    stack.sim.faults.refuseConnections(false)
  }

  // back: the gap closes and is backfilled from REST
  const settled = await until(
    'the gap to be closed and backfilled',
    async () => {
      const g = await fresh()
      return g && g.to !== null && g.backfill !== 'pending' ? g : undefined
    },
    30_000
  )
  expect(settled.backfill).toBe('complete')
  expect(settled.recovered, 'the simulator traded during the outage').toBeGreaterThan(0)
  const marker = tape.gapMarker(settled.id)
  await expect(marker).toContainText(`backfill complete: ${settled.recovered} recovered`, { timeout: 15_000 })

  // freeze the tape, then find the marker and the recovered trades above it
  await monitor.page.keyboard.press('Space')
  await expect(tape.pauseButton).toHaveAttribute('aria-pressed', 'true')
  await tape.scrollTo(marker)
  await expect(marker).toBeVisible()
  await expect(marker).toHaveAttribute('data-backfill', 'complete')
  // Every row marked BF is a trade the simulator sent inside a backfilled gap (earlier tests on this
  // worker's engine may have left gaps of their own, further down), and this gap's recovered trades
  // are among them: scroll to those, not to the first BF row.
  const gaps = (await stack.engine.handlers.getGaps()).gaps
  const sent = new Map(stack.sim.sent().map((t) => [t.tradeId, t]))
  const inGap = (T: number, g: GapRecord) => g.to !== null && T >= g.from && T <= g.to
  const gapIds = [...sent.values()].filter((t) => t.symbol === 'BTCUSDT' && inGap(t.T, settled)).map((t) => t.tradeId)
  await tape.scrollTo(tape.backfilledRowsOf(gapIds).first())
  await expect
    .poll(async () => (await tape.backfilledTags()).filter((r) => inGap(sent.get(r.id)?.T ?? -1, settled)).length, {
      message: "this gap's recovered trades are marked in the tape",
      timeout: 10_000
    })
    .toBeGreaterThan(0)
  for (const row of await tape.backfilledTags()) {
    const truth = sent.get(row.id)
    expect(truth, `backfilled trade ${row.id} was sent by the simulator`).toBeDefined()
    expect(
      gaps.some((g) => g.recovered > 0 && inGap(truth!.T, g)),
      `backfilled trade ${row.id} lies in a backfilled gap`
    ).toBe(true)
    expect(row.tag).toBe('"BF"')
  }
  await screenshot(page, 'tape-gap-backfilled-1280x800')
  await page.setViewportSize({ width: 1920, height: 1080 })
  await tape.scrollTo(marker)
  await screenshot(page, 'tape-gap-backfilled-1920x1080')
  await monitor.page.keyboard.press('Space')

  // the list says the same as the engine
  await connection.open()
  const row = connection.gapRow(settled.id)
  await expect(row.root).toHaveAttribute('data-open', 'false')
  await expect(row.backfill).toHaveText('complete')
  await expect(row.recovered).toHaveText(String(settled.recovered))
  await expect(row.unrecovered).toHaveText('0')
  await expect(connection.collectorState()).toHaveText('Connected')
  await row.root.scrollIntoViewIfNeeded()
  await screenshot(page, 'gaps-list-1920x1080')
  await page.setViewportSize({ width: 1280, height: 800 })
  await row.root.scrollIntoViewIfNeeded()
  await screenshot(page, 'gaps-list-1280x800')
})
