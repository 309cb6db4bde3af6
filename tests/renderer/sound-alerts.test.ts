// Sound alerts: which tones large trades and feed outages deserve (the planner), and the wiring
// from a real engine's events over the real HTTP transport. The speaker is the one part replaced:
// Node has no Web Audio, so a recording output stands in (Chromium plays them in e2e).
import { afterEach, describe, expect, it } from 'vitest'
import { createHttpApi } from '../../src/renderer/src/api/http-api'
import type { ToneOutput } from '../../src/renderer/src/sound/audio-out'
import { startSoundAlerts, type SoundAlertsHandle } from '../../src/renderer/src/sound/sound-alerts'
import { frequencyFor, gainFor, TonePlanner, type Tone } from '../../src/renderer/src/sound/tone-plan'
import { createAppStore } from '../../src/renderer/src/store/store'
import { startStack, waitSubscribed, type Stack } from '../support/stack'
import { waitFor } from '../support/wait-for'

describe('TonePlanner', () => {
  it('sounds only trades at or above the threshold; buys an octave above sells; louder when larger', () => {
    const p = new TonePlanner({ minGapMs: 0, feedQuietMs: 0 })
    expect(p.forTrades([{ side: 'BUY', notional: 999 }], 1000, 0)).toEqual([])
    const [buy, sell] = p.forTrades(
      [
        { side: 'BUY', notional: 1000 },
        { side: 'SELL', notional: 1000 }
      ],
      1000,
      1
    )
    expect(buy.frequency).toBe(660)
    expect(sell.frequency).toBe(330)
    expect(sell.delayMs).toBeGreaterThan(buy.delayMs)
    expect(gainFor(1000, 1000)).toBeCloseTo(0.25)
    expect(gainFor(10_000, 1000)).toBeCloseTo(0.6)
    expect(gainFor(1e9, 1000)).toBe(1)
    expect(frequencyFor('BUY', 1e6, 1000)).toBeGreaterThan(frequencyFor('BUY', 1000, 1000))
    expect(frequencyFor('BUY', 1e12, 1000)).toBe(990)
  })

  it('threshold 0 is off', () => {
    expect(new TonePlanner().forTrades([{ side: 'BUY', notional: 1e9 }], 0, 0)).toEqual([])
  })

  it('folds a batch into one tone per side and rate-limits bursts, counting what it folded', () => {
    const p = new TonePlanner({ minGapMs: 80, feedQuietMs: 10_000 })
    const burst = Array.from({ length: 50 }, (_, i) => ({ side: i % 2 ? 'SELL' : 'BUY', notional: 5000 }) as const)
    expect(p.forTrades(burst, 1000, 0)).toHaveLength(2)
    expect(p.forTrades(burst, 1000, 40)).toEqual([]) // inside 80 ms
    expect(p.forTrades(burst.slice(0, 1), 1000, 80)).toHaveLength(1)
    expect({ played: p.played, folded: p.folded }).toEqual({ played: 3, folded: 48 + 50 })
  })

  it('feed tones: falling for down, rising for back, at most one pair per quiet period', () => {
    const p = new TonePlanner({ minGapMs: 80, feedQuietMs: 10_000 })
    const down = p.forFeed('down', 0)
    expect(down.map((t) => t.frequency)).toEqual([440, 294])
    expect(p.forFeed('down', 5000)).toEqual([])
    const back = p.forFeed('recovered', 10_000)
    expect(back[1].frequency).toBeGreaterThan(back[0].frequency)
  })
})

class RecordingOutput implements ToneOutput {
  readonly played: { tones: Tone[]; volume: number }[] = []
  /** What the AudioContext would say: set 'suspended' for a page nobody has clicked yet. */
  state: ToneOutput['state'] = 'running'
  play(tones: readonly Tone[], volume: number): void {
    this.played.push({ tones: [...tones], volume })
  }
  unlock(): Promise<void> {
    return Promise.resolve()
  }
}

describe('sound alerts on a live engine', () => {
  let stack: Stack | null = null
  const handles: SoundAlertsHandle[] = []
  afterEach(async () => {
    for (const h of handles.splice(0)) h.stop()
    await stack?.close()
    stack = null
  })

  /** One engine, and a listener (store + recording speaker) per `enabled`, on one HTTP transport. */
  async function listen(...enabled: boolean[]) {
    stack = await startStack({ mirror: true })
    await waitSubscribed(stack.engine)
    const api = createHttpApi(`http://127.0.0.1:${stack.mirrorPort}`, stack.token)
    let transport = ''
    api.watchTransport((state) => (transport = state))
    const listeners = enabled.map((on) => {
      const store = createAppStore()
      store.getState().setTapePrefs({ largeNotional: 1 }) // every simulated trade is "large"
      store.getState().setSoundPrefs({ enabled: on, volume: 0.3 })
      const out = new RecordingOutput()
      handles.push(startSoundAlerts(api, store, out))
      return { store, out }
    })
    await waitFor(() => transport === 'open', { what: 'the event stream open' })
    return { listeners, sim: stack.sim }
  }

  it('plays trade tones at the chosen volume and publishes the counts', async () => {
    const { listeners, sim } = await listen(true)
    const [{ store, out }] = listeners
    sim.emitTrades('spot', 'BTCUSDT', 5)
    await waitFor(() => out.played.length > 0, { what: 'a tone for the large trades' })
    expect(out.played[0].volume).toBe(0.3)
    expect(out.played[0].tones[0].wave).toBe('triangle')
    await waitFor(() => store.getState().soundStats.played + store.getState().soundStats.folded >= 5, {
      what: 'all five trades accounted for as played or folded'
    })
    expect(store.getState().soundStats.last).not.toBeNull()
  })

  it('is silent until the user opts in (a listener that opted in hears the same trades)', async () => {
    const { listeners, sim } = await listen(true, false)
    const [control, muted] = listeners
    sim.emitTrades('spot', 'BTCUSDT', 5)
    await waitFor(() => control.out.played.length > 0, { what: 'the opted-in listener to sound' })
    expect(muted.out.played).toEqual([])
    expect(muted.store.getState().soundStats).toEqual({ played: 0, folded: 0, last: null })
  })

  it('plays and counts nothing while the audio output is suspended, and sounds once it runs', async () => {
    const { listeners, sim } = await listen(true, true)
    const [control, suspended] = listeners
    suspended.out.state = 'suspended'
    sim.emitTrades('spot', 'BTCUSDT', 5)
    await waitFor(() => control.store.getState().soundStats.played + control.store.getState().soundStats.folded >= 5, {
      what: 'the running listener to account for all five trades'
    })
    expect(suspended.out.played).toEqual([])
    expect(suspended.store.getState().soundStats).toEqual({ played: 0, folded: 0, last: null })

    suspended.out.state = 'running' // the user clicked "Start audio"
    sim.emitTrades('spot', 'BTCUSDT', 1)
    await waitFor(() => suspended.out.played.length > 0, { what: 'a tone once the output runs' })
    expect(suspended.store.getState().soundStats.played).toBe(1)
  })

  it('plays and counts nothing at volume 0 (muted), and sounds once the volume is up', async () => {
    const { listeners, sim } = await listen(true, true)
    const [control, muted] = listeners
    muted.store.getState().setSoundPrefs({ volume: 0 })
    sim.emitTrades('spot', 'BTCUSDT', 5)
    await waitFor(() => control.store.getState().soundStats.played + control.store.getState().soundStats.folded >= 5, {
      what: 'the audible listener to account for all five trades'
    })
    expect(muted.out.played).toEqual([])
    expect(muted.store.getState().soundStats).toEqual({ played: 0, folded: 0, last: null })

    muted.store.getState().setSoundPrefs({ volume: 0.4 })
    sim.emitTrades('spot', 'BTCUSDT', 1)
    await waitFor(() => muted.out.played.length > 0, { what: 'a tone once the volume is up' })
    expect(muted.out.played[0].volume).toBe(0.4)
  })
})
