// The listed instruments of every category: name, status (Bybit's PreLaunch / Trading / Delivering /
// Closed), popularity rank (the Zipf rank of its trade rate) and price grid. Listing and delisting at
// runtime go through here, so the WS endpoints, REST and the generator all see the same board.
import { boardNames, INVERSE_FUTURES } from './catalog-names'
import { instrumentFor, knownInstrument, type Instrument } from './instruments'
import { Rng, streamSeed } from './rng'
import { SIM_CATEGORIES, type SimCategory } from './types'

export const INSTRUMENT_STATUSES = ['PreLaunch', 'Trading', 'Delivering', 'Closed'] as const
export type InstrumentStatus = (typeof INSTRUMENT_STATUSES)[number]

/** Trading instruments listed per category when the options name no symbols: Bybit-sized boards. */
export const DEFAULT_INSTRUMENT_COUNTS: Record<SimCategory, number> = { spot: 600, linear: 520, inverse: 30 }

/** Non-Trading instruments added to a generated derivatives board (spot has Trading only, as on Bybit). */
const EXTRA_STATUSES: Record<SimCategory, InstrumentStatus[]> = {
  spot: [],
  linear: ['PreLaunch', 'PreLaunch', 'PreLaunch', 'Delivering', 'Delivering', 'Closed', 'Closed'],
  inverse: ['PreLaunch', 'Delivering', 'Closed']
}

const QUOTES = ['USDT', 'USDC', 'USD', 'BTC', 'EUR']
const LISTED_SINCE = 1_585_526_400_000

export interface Listing {
  readonly symbol: string
  status: InstrumentStatus
  /** 0 for the most traded; new listings join the tail. */
  readonly rank: number
  readonly instrument: Instrument
  readonly baseCoin: string
  readonly quoteCoin: string
  /** ms; 0 for perpetuals that are not being delisted. */
  deliveryTime: number
  readonly launchTime: number
  /** Inverse quarterly futures (BTCUSDH27); everything else is perpetual or spot. */
  readonly future: boolean
}

export interface CatalogConfig {
  /** Exact listings per category (every one Trading); a category left out gets a generated board. */
  symbols?: Partial<Record<SimCategory, readonly string[]>>
  /** Trading instruments on a generated board, per category. */
  counts?: Partial<Record<SimCategory, number>>
}

export class Catalog {
  private readonly boards: Record<SimCategory, Map<string, Listing>> = {
    spot: new Map(),
    linear: new Map(),
    inverse: new Map()
  }
  private readonly sortedCache = new Map<SimCategory, Listing[]>()
  /** Bumped on every listing change (the generator's weights are cached against it). */
  version = 0

  constructor(config: CatalogConfig = {}) {
    for (const c of SIM_CATEGORIES) {
      const explicit = config.symbols?.[c]
      if (explicit) {
        for (const s of explicit) this.add(c, s, 'Trading', false)
        continue
      }
      const count = config.counts?.[c] ?? DEFAULT_INSTRUMENT_COUNTS[c]
      const extras = EXTRA_STATUSES[c]
      const names = boardNames(c, count + extras.length)
      names.forEach((s, k) => this.add(c, s, k < count ? 'Trading' : extras[k - count], true))
    }
  }

  get(category: SimCategory, symbol: string): Listing | undefined {
    return this.boards[category].get(symbol)
  }

  /** Subscribable and served by REST: anything but Closed (and never-listed). */
  isListed(category: SimCategory, symbol: string): boolean {
    const l = this.boards[category].get(symbol)
    return l !== undefined && l.status !== 'Closed'
  }

  /** Lists a symbol (at the tail of the popularity ranks) or changes the status of a listed one. */
  list(category: SimCategory, symbol: string, status: InstrumentStatus = 'Trading'): Listing {
    const board = this.boards[category]
    const existing = board.get(symbol)
    if (existing) {
      if (existing.status !== status) {
        existing.status = status
        existing.deliveryTime = status === 'Delivering' || status === 'Closed' ? Date.now() : 0
        this.changed(category)
      }
      return existing
    }
    return this.add(category, symbol, status, false)
  }

  /** Delists: a derivative becomes Closed (still answered with status=Closed); a spot pair disappears. */
  delist(category: SimCategory, symbol: string): boolean {
    const board = this.boards[category]
    if (!board.has(symbol)) return false
    if (category === 'spot') {
      board.delete(symbol)
      this.changed(category)
    } else this.list(category, symbol, 'Closed')
    return true
  }

  /** Every listing of a category, by symbol name (the order instruments-info pages through). */
  sorted(category: SimCategory): readonly Listing[] {
    let out = this.sortedCache.get(category)
    if (!out) {
      out = [...this.boards[category].values()].sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0))
      this.sortedCache.set(category, out)
    }
    return out
  }

  /** How many instruments of the category have each status. */
  statusCounts(category: SimCategory): Record<InstrumentStatus, number> {
    const out: Record<InstrumentStatus, number> = { PreLaunch: 0, Trading: 0, Delivering: 0, Closed: 0 }
    for (const l of this.boards[category].values()) out[l.status]++
    return out
  }

  /** A new listing; a generated board's tail coins get cheap grids, other names the plain one. */
  private add(category: SimCategory, symbol: string, status: InstrumentStatus, generated: boolean): Listing {
    const board = this.boards[category]
    const listing = makeListing(category, symbol, status, board.size, generated)
    board.set(symbol, listing)
    this.changed(category)
    return listing
  }

  private changed(category: SimCategory): void {
    this.sortedCache.delete(category)
    this.version++
  }
}

function makeListing(
  category: SimCategory,
  symbol: string,
  status: InstrumentStatus,
  rank: number,
  generated: boolean
): Listing {
  const future =
    category === 'inverse' && (INVERSE_FUTURES.includes(symbol) || /^[A-Z]+USD[FGHJKMNQUVXZ]\d\d$/.test(symbol))
  const [baseCoin, quoteCoin] = future ? [symbol.replace(/USD[A-Z]\d\d$/, ''), 'USD'] : splitSymbol(symbol)
  const rng = new Rng(streamSeed(0x11571, `${category}:${symbol}`))
  const launchTime = LISTED_SINCE + rank * 86_400_000 + rng.int(0, 86_399) * 1000
  return {
    symbol,
    status,
    rank,
    instrument:
      (generated ? knownInstrument(category, symbol) : undefined) ??
      (generated ? tailGrid(category, rng) : instrumentFor(category, symbol)),
    baseCoin,
    quoteCoin,
    deliveryTime: future
      ? launchTime + 270 * 86_400_000
      : status === 'Delivering' || status === 'Closed'
        ? Date.now()
        : 0,
    launchTime,
    future
  }
}

function splitSymbol(symbol: string): [string, string] {
  const q = QUOTES.find((x) => symbol.endsWith(x) && symbol.length > x.length)
  return q ? [symbol.slice(0, symbol.length - q.length), q] : [symbol, 'USDT']
}

/** A tail coin's grid: a price between 0.0001 and 100 with five significant digits on the tick. */
function tailGrid(category: SimCategory, rng: Rng): Instrument {
  const exponent = rng.int(-4, 1)
  const priceDecimals = 4 - exponent
  const sizeDecimals = category === 'inverse' ? 0 : Math.max(0, Math.min(3, exponent + 1))
  return {
    priceDecimals,
    tickUnits: 1,
    startUnits: rng.int(10_000, 99_999),
    sizeDecimals,
    lotUnits: 1,
    minLots: 1,
    maxLots: sizeDecimals === 0 ? 2_000_000 : 200_000
  }
}
