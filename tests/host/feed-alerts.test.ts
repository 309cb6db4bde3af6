// The "feed down" decision behind the desktop notifications: one alert per outage, one when it ends.

import { describe, expect, test } from 'vitest'
import type { CollectorStatus } from '../../src/shared/dto'
import { FeedAlerts } from '../../src/shared/feed-alerts'

describe('feed-down alerts', () => {
  const T0 = 1_800_000_000_000
  const status = (over: Partial<CollectorStatus>): CollectorStatus =>
    ({
      name: 'bybit_trades',
      status: 'connected',
      category: 'spot',
      symbols: ['BTCUSDT'],
      last_message_at: T0,
      connected_since: T0,
      last_error: null,
      ...over
    }) as CollectorStatus

  test('one alert once the feed has been down past the threshold, one when it is back', () => {
    const alerts = new FeedAlerts(30_000)
    expect(alerts.observe([status({})], T0)).toEqual([])
    const down = status({
      status: 'reconnecting',
      last_error: { code: 'ECONNREFUSED', message: 'connect refused', at: T0 }
    })
    expect(alerts.observe([down], T0 + 1_000)).toEqual([])
    expect(alerts.check(T0 + 30_000)).toEqual([])
    const [alert] = alerts.check(T0 + 31_000)
    expect(alert).toMatchObject({ kind: 'down', collector: 'bybit_trades' })
    expect(alert.body).toMatch(/reconnecting for 30 s\. Last error: connect refused/)
    // Still down: no repeat, however many status events arrive.
    expect(alerts.observe([down], T0 + 40_000)).toEqual([])
    expect(alerts.check(T0 + 90_000)).toEqual([])
    expect(alerts.observe([status({ last_message_at: T0 + 91_000 })], T0 + 91_000)).toMatchObject([
      { kind: 'recovered' }
    ])
    expect(alerts.check(T0 + 92_000)).toEqual([])
  })

  test('a connected feed with no messages past the threshold is silent', () => {
    const alerts = new FeedAlerts(30_000)
    alerts.observe([status({ last_message_at: T0 })], T0)
    expect(alerts.check(T0 + 29_000)).toEqual([])
    expect(alerts.check(T0 + 30_000)).toMatchObject([{ kind: 'down', title: 'Market data feed silent: bybit_trades' }])
  })

  test('a short blip, a stopped collector or a raised threshold alerts nothing', () => {
    const alerts = new FeedAlerts(30_000)
    alerts.observe([status({ status: 'reconnecting' })], T0)
    alerts.observe([status({ last_message_at: T0 + 5_000 })], T0 + 5_000)
    expect(alerts.check(T0 + 35_000 - 1)).toEqual([])
    alerts.observe([status({ status: 'stopped' })], T0 + 60_000)
    expect(alerts.check(T0 + 600_000)).toEqual([])
    alerts.setThreshold(120_000)
    alerts.observe([status({ status: 'connecting' })], T0 + 600_000)
    expect(alerts.check(T0 + 700_000)).toEqual([])
    expect(alerts.check(T0 + 720_000)).toHaveLength(1)
  })
})
