// One symbol's order flow: a random walk on the instrument's tick grid, taker matches of one or
// more fills sharing a `seq`, and ids shaped like Bybit's (spot: increasing, non-contiguous
// 19-digit decimals beyond 2^53; derivatives: UUIDs).
import { formatUnits, instrumentFor, type Instrument } from './instruments'
import { Rng, streamSeed } from './rng'
import type { SentTrade, SimCategory } from './types'

const SPOT_ID_BASE = 2240000000000000000n

export type TickDirection = 'PlusTick' | 'ZeroPlusTick' | 'MinusTick' | 'ZeroMinusTick'

export class SymbolMarket {
  readonly instrument: Instrument
  private readonly rng: Rng
  private priceUnits: number
  private lastDirection: 'up' | 'down' = 'up'
  private nextSpotId: bigint
  private seq: number
  private lastT = 0
  private lastTradeUnits: number | undefined

  constructor(
    readonly category: SimCategory,
    readonly symbol: string,
    seed: number,
    instrument?: Instrument
  ) {
    this.instrument = instrument ?? instrumentFor(category, symbol)
    this.rng = new Rng(streamSeed(seed, `${category}:${symbol}`))
    this.priceUnits = this.instrument.startUnits
    // Separate each symbol's id range so ids stay unique across symbols for a long run.
    this.nextSpotId =
      SPOT_ID_BASE + BigInt(this.rng.int(1, 999_999)) * 1_000_000_000n + BigInt(this.rng.int(0, 99_999_999))
    this.seq = (category === 'spot' ? 111_156_000_000 : 457_514_000_000) + this.rng.int(0, 999_999)
  }

  /** A realistic number of fills for the next match: mostly 1–3, sometimes up to `max`. */
  matchSize(max: number): number {
    if (max <= 1) return 1
    const u = this.rng.next()
    return Math.max(1, Math.min(max, Math.ceil(max * u * u * u)))
  }

  /** One taker match of n fills at time T (never earlier than the previous match). */
  match(n: number, T: number): SentTrade[] {
    const t = Math.max(T, this.lastT)
    this.lastT = t
    this.seq += this.rng.int(1, 60)
    const side: 'Buy' | 'Sell' = this.rng.chance(0.5) ? 'Buy' : 'Sell'
    this.walk()
    const trades: SentTrade[] = []
    if (this.category === 'spot') this.nextSpotId += BigInt(this.rng.chance(0.7) ? 1 : this.rng.int(2, 40))
    for (let k = 0; k < n; k++) {
      // A large taker sweeps the book: later fills of one match may step a tick in its direction.
      if (k > 0 && this.rng.chance(0.2)) this.step(side === 'Buy' ? 1 : -1)
      trades.push(this.fill(side, t))
    }
    return trades
  }

  private fill(side: 'Buy' | 'Sell', T: number): SentTrade {
    const inst = this.instrument
    const spot = this.category === 'spot'
    const trade: SentTrade = {
      category: this.category,
      symbol: this.symbol,
      tradeId: spot ? this.takeSpotId() : this.rng.uuid(),
      price: formatUnits(this.priceUnits, inst.priceDecimals, spot),
      size: formatUnits(this.lots() * inst.lotUnits, inst.sizeDecimals, spot),
      side,
      T,
      seq: this.seq,
      delivered: false,
      ts: T,
      isBlockTrade: false,
      isRpi: this.rng.chance(0.01)
    }
    if (!spot) trade.tickDirection = this.tickDirection()
    return trade
  }

  private takeSpotId(): string {
    const id = this.nextSpotId
    this.nextSpotId += 1n
    return id.toString()
  }

  /** Bybit's `L`: the move against the previous trade's price; equal prices keep the last move's sign. */
  private tickDirection(): TickDirection {
    const prev = this.lastTradeUnits
    this.lastTradeUnits = this.priceUnits
    if (prev !== undefined && this.priceUnits > prev) this.lastDirection = 'up'
    else if (prev !== undefined && this.priceUnits < prev) this.lastDirection = 'down'
    else return this.lastDirection === 'up' ? 'ZeroPlusTick' : 'ZeroMinusTick'
    return this.lastDirection === 'up' ? 'PlusTick' : 'MinusTick'
  }

  private walk(): void {
    if (!this.rng.chance(0.35)) return
    // Mean-revert gently toward the start so a long run stays in a plausible range.
    const drift = this.priceUnits > this.instrument.startUnits ? -0.05 : 0.05
    const up = this.rng.next() < 0.5 + drift
    this.step((up ? 1 : -1) * this.rng.int(1, 3))
  }

  private step(ticks: number): void {
    const floor = this.instrument.tickUnits * 10
    this.priceUnits = Math.max(floor, this.priceUnits + ticks * this.instrument.tickUnits)
  }

  private lots(): number {
    const { minLots, maxLots } = this.instrument
    const u = this.rng.next()
    // Log-uniform, leaning to small fills like a real tape.
    return Math.max(minLots, Math.min(maxLots, Math.floor(minLots * Math.pow(maxLots / minLots, u ** 1.4))))
  }
}
