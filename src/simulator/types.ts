// The simulator's programmatic surface (agreed in notes/SIMULATOR_API.md; extras are marked "extra").

export type SimCategory = 'spot' | 'linear' | 'inverse'
export const SIM_CATEGORIES: readonly SimCategory[] = ['spot', 'linear', 'inverse']

export interface SimulatorOptions {
  host?: string
  /** default 9100; 0 = ephemeral (tests) */
  port?: number
  /** Listed symbols per category; a subscribe to anything else is rejected the way Bybit does. */
  symbols?: Partial<Record<SimCategory, string[]>>
  /** Per active symbol; default 5 (0 when replaying a file); 0 = no automatic trades (tests inject them). */
  tradesPerSecond?: number
  /** Deterministic prices, sizes and ids per symbol. */
  seed?: number
  /** NDJSON of raw frames (our --record output or a capture of the real exchange) to replay. */
  replayFile?: string | null
  /** 1 = original timing from the frames' ts, 2 = twice as fast, 0 = as fast as possible. Default 1. */
  replaySpeed?: number
  /** extra: start the file again when it ends (ids repeat, so a collector drops them as duplicates). */
  replayLoop?: boolean
  /** extra: force every replayed frame onto one category endpoint instead of inferring it per frame. */
  replayCategory?: SimCategory
  /** extra: cap on the ground-truth list kept by sent() (oldest dropped first); default unbounded. */
  sentCapacity?: number
  /**
   * extra: what a subscribe with one bad topic does. 'whole-request' (default) refuses every topic of
   * the request, as Bybit does for "already subscribed" (ccxt#30284); 'per-topic' still subscribes the good ones.
   */
  subscribeFailure?: 'whole-request' | 'per-topic'
  /** extra: milliseconds between generator ticks (default 50). */
  tickMs?: number
  /** extra: serve wss:// and https:// with this PEM certificate and key (e.g. to test a proxy's TLS tunnel). */
  tls?: { cert: string; key: string }
  log?: (line: string) => void
}

export interface SentTrade {
  category: string
  symbol: string
  tradeId: string
  price: string
  size: string
  side: 'Buy' | 'Sell'
  T: number
  seq: number
  /** extra: true when at least one subscribed client received the trade live. */
  delivered: boolean
  /** extra: the frame's `ts`. */
  ts: number
  /** extra: `L` (linear/inverse only). */
  tickDirection?: string
  /** extra: `BT` and `RPI`. */
  isBlockTrade: boolean
  isRpi: boolean
}

export interface SimulatorFaults {
  /** close(code) all clients; no code → terminate() (abrupt) */
  dropConnections(code?: number, reason?: string): void
  /** stop sending anything (data and pongs) but keep sockets open */
  stall(on: boolean): void
  /** false: ignore {"op":"ping"} but keep streaming data */
  answerPings(on: boolean): void
  /** future subscribes to this symbol fail with success:false */
  rejectSubscribe(symbol: string, retMsg?: string): void
  /** extra: undo rejectSubscribe */
  acceptSubscribe(symbol: string): void
  /** false: never answer subscribes */
  ackSubscribe(on: boolean): void
  /** generate nothing (quiet market) but answer pings */
  pauseTrades(on: boolean): void
  /** upgrade answered with HTTP 503 while on */
  refuseConnections(on: boolean): void
  /** after the next resubscribe, resend the last k trades of each symbol */
  duplicateOnResubscribe(k: number): void
}

export interface SimulatorHandle {
  readonly port: number
  wsUrl(category: SimCategory): string
  readonly restUrl: string
  /** Every trade the simulator pushed to at least one client or generated while clients were away, in order. */
  sent(): readonly SentTrade[]
  /** Generate and push n trades now for category/symbol (to subscribers; also kept for REST recent-trade). */
  emitTrades(category: SimCategory, symbol: string, n: number, opts?: { perFrame?: number }): SentTrade[]
  /** Send a raw text frame to every connected client of a category (malformed frames, schema violations...). */
  sendRaw(category: SimCategory, text: string): void
  connectionCount(category?: SimCategory): number
  /** extra: topics currently subscribed on any connection of the category. */
  subscriptions(category: SimCategory): string[]
  /** extra: resolves when the replay file has been pushed once (immediately when there is none). */
  replayDone(): Promise<void>
  readonly faults: SimulatorFaults
  /** closes every socket and the server; leaves no handle */
  close(): Promise<void>
}
