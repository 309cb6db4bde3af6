// Which tones a batch of trades or a feed event deserves, as plain data: the Web Audio output
// plays them, tests read them. Like aggr's audio: buys sound higher than sells, bigger trades
// louder; unlike a naive beeper, a burst cannot turn into a drone: tones are rate-limited and the
// trades of one batch and side fold into one tone.

import type { Side } from '../../../shared/dto'

export interface Tone {
  /** Delay from now, ms. */
  delayMs: number
  frequency: number
  /** 0–1 before the master volume. */
  gain: number
  durationMs: number
  wave: 'sine' | 'triangle' | 'square'
}

export interface SoundTrade {
  side: Side
  notional: number
}

export interface TonePlanOptions {
  /** At least this long between two trade tones. */
  minGapMs: number
  /** Feed tones (down, recovered) at most once per this long. */
  feedQuietMs: number
}

export const DEFAULT_TONE_PLAN: TonePlanOptions = { minGapMs: 80, feedQuietMs: 10_000 }

/** Buys an octave above sells; within a side, pitch rises a little with size. */
const BASE_HZ: Record<Side, number> = { BUY: 660, SELL: 330 }

/**
 * Loudness from how far a trade passes the threshold: at the threshold 0.25, ten times it 0.6,
 * a hundred times it 0.95 (log scale, as size spans orders of magnitude).
 */
export function gainFor(notional: number, threshold: number): number {
  const ratio = Math.max(1, notional / threshold)
  return Math.min(1, 0.25 + 0.35 * Math.log10(ratio))
}

export function frequencyFor(side: Side, notional: number, threshold: number): number {
  const ratio = Math.max(1, notional / threshold)
  // Up to a fifth higher (× 1.5) for a trade a thousand times the threshold.
  return Math.round(BASE_HZ[side] * Math.min(1.5, 1 + Math.log10(ratio) / 6))
}

export class TonePlanner {
  private lastTradeToneAt = -Infinity
  private lastFeedToneAt = -Infinity
  /** Trades at or above the threshold that got no tone of their own (folded or rate-limited). */
  folded = 0
  played = 0

  constructor(private readonly o: TonePlanOptions = DEFAULT_TONE_PLAN) {}

  /** One tone per side for the trades at or above `threshold` (0: off), unless the last tone was too recent. */
  forTrades(trades: readonly SoundTrade[], threshold: number, now: number): Tone[] {
    if (!(threshold > 0)) return []
    const sums: Record<Side, { notional: number; count: number }> = {
      BUY: { notional: 0, count: 0 },
      SELL: { notional: 0, count: 0 }
    }
    for (const t of trades) {
      if (!(t.notional >= threshold)) continue
      sums[t.side].notional += t.notional
      sums[t.side].count++
    }
    const large = sums.BUY.count + sums.SELL.count
    if (large === 0) return []
    if (now - this.lastTradeToneAt < this.o.minGapMs) {
      this.folded += large
      return []
    }
    this.lastTradeToneAt = now
    const tones: Tone[] = []
    for (const side of ['BUY', 'SELL'] as const) {
      const { notional, count } = sums[side]
      if (count === 0) continue
      this.folded += count - 1
      tones.push({
        delayMs: tones.length * 60,
        frequency: frequencyFor(side, notional, threshold),
        gain: gainFor(notional, threshold),
        durationMs: 90,
        wave: 'triangle'
      })
    }
    this.played += tones.length
    return tones
  }

  /** Down: two falling square tones. Recovered: two rising sines. At most one per `feedQuietMs`. */
  forFeed(kind: 'down' | 'recovered', now: number): Tone[] {
    if (now - this.lastFeedToneAt < this.o.feedQuietMs) return []
    this.lastFeedToneAt = now
    const [a, b] = kind === 'down' ? [440, 294] : [523, 784]
    const wave = kind === 'down' ? 'square' : 'sine'
    const tones: Tone[] = [
      { delayMs: 0, frequency: a, gain: 0.5, durationMs: 180, wave },
      { delayMs: 220, frequency: b, gain: 0.5, durationMs: 260, wave }
    ]
    this.played += tones.length
    return tones
  }
}
