// How many trades fall due per symbol: either a flat rate per subscribed symbol, or a total rate
// shared by every subscribed Trading symbol with Zipf-skewed weights (rank k gets 1/k^s of it: a few
// hot symbols, a long quiet tail), plus bursts (a liquidation cascade: a total rate for a while).
// Due counts are integrals of the rate over wall-clock time with a per-symbol carry, so a late
// tick catches up and a burst window holds exactly rate × duration trades, however slow the host.

export interface FlowConfig {
  /** Trades/s of every subscribed symbol when no total rate is set. */
  perSymbolRate: number
  /** Trades/s shared by all subscribed symbols (Zipf); undefined: the per-symbol rate applies. */
  totalRate: number | undefined
  /** Zipf exponent s (weights 1/rank^s); 0 = every symbol equal. */
  zipf: number
}

export interface Burst {
  start: number
  end: number
  /** Trades/s shared by all subscribed symbols (Zipf) while it lasts. */
  rate: number
}

export interface FlowEntry {
  readonly key: string
  /** 1-based popularity rank. */
  readonly rank: number
  /** Share of a total rate (the entries' weights sum to 1). */
  weight: number
  carry: number
}

/** Normalised Zipf weights of the entries, by their ranks. */
export function assignZipfWeights(entries: FlowEntry[], s: number): void {
  let sum = 0
  for (const e of entries) sum += Math.pow(e.rank, -s)
  for (const e of entries) e.weight = sum > 0 ? Math.pow(e.rank, -s) / sum : 0
}

/** Milliseconds of [from, to) inside [start, end). */
export function overlapMs(from: number, to: number, start: number, end: number): number {
  return Math.max(0, Math.min(to, end) - Math.max(from, start))
}

/** The trades of one entry that fell due over an interval, its carry updated. */
export function dueTrades(
  entry: FlowEntry,
  config: FlowConfig,
  normalMs: number,
  burstMs: number,
  burstRate: number
): number {
  const normalRate = config.totalRate !== undefined ? config.totalRate * entry.weight : config.perSymbolRate
  const due = (normalRate * normalMs + burstRate * entry.weight * burstMs) / 1000 + entry.carry
  const n = Math.floor(due)
  entry.carry = due - n
  return n
}
