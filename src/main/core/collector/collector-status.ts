import type {
  Category,
  CloseInfo,
  CollectorPhase,
  CollectorState,
  CollectorStatus,
  ConnectionStatus,
  ErrorInfo,
  ListingStatus,
  TopicStatus
} from '../../../shared/dto'
import { RateMeter } from '../metrics/rate-meter'
import type { IngestCounters } from './frame-ingest'

const STATE_OF_PHASE: Record<CollectorPhase, CollectorState> = {
  idle: 'stopped',
  connecting: 'connecting',
  open: 'connected',
  subscribing: 'connected',
  streaming: 'connected',
  stale: 'stale',
  backoff: 'reconnecting',
  stopped: 'stopped',
  paused: 'paused'
}

/** The guide's word for a phase. */
export function stateOf(phase: CollectorPhase): CollectorState {
  return STATE_OF_PHASE[phase]
}

/** How bad a running connection's phase is: the collector shows its worst connection's. */
const PHASE_RANK: Record<CollectorPhase, number> = {
  streaming: 1,
  subscribing: 2,
  open: 3,
  stale: 4,
  idle: 5,
  connecting: 6,
  backoff: 7,
  stopped: 0,
  paused: 0
}

/** The worst of the connections' phases; `none` when there is no connection. */
export function worstPhase(phases: Iterable<CollectorPhase>, none: CollectorPhase): CollectorPhase {
  let worst: CollectorPhase | null = null
  for (const p of phases) if (worst === null || PHASE_RANK[p] > PHASE_RANK[worst]) worst = p
  return worst ?? none
}

/** What a collector is: fixed for its life. */
export interface CollectorIdentity {
  name: string
  category: Category
  url: string
  restUrl: string
  symbols: readonly string[]
}

/** What the collector last saw of its connection(s), kept for the status only. */
export interface ConnectionFacts {
  lastPongAt: number | null
  lastError: ErrorInfo | null
  lastClose: CloseInfo | null
}

/** Messages and stored trades per second, sampled once a second by the engine. */
export class StatusRates {
  private readonly messages = new RateMeter()
  private readonly trades = new RateMeter()

  sample(c: IngestCounters, now: number): void {
    this.messages.sample(c.messages, now)
    this.trades.sample(c.tradesStored, now)
  }

  perSecond(): { messagesPerS: number; tradesPerS: number } {
    return { messagesPerS: this.messages.perSecond(), tradesPerS: this.trades.perSecond() }
  }
}

/** What the connections show in the status. */
export interface ConnectorFacts {
  connectedSince: number | null
  reconnectCount: number
  nextReconnectAt: number | null
  connectBudget: CollectorStatus['connect_budget']
  proxy: string | null
}

/** Everything the status shows, read from the collector's parts at one moment. */
export interface StatusInputs extends ConnectionFacts, ConnectorFacts {
  phase: CollectorPhase
  isActive: boolean
  subscriptions: TopicStatus[]
  counters: IngestCounters
  messagesPerS: number
  tradesPerS: number
  openGaps: number
  categories?: Category[]
  connections?: ConnectionStatus[]
  listings?: ListingStatus[]
}

/** The status DTO of one collector; pure. */
export function projectStatus(id: CollectorIdentity, s: StatusInputs): CollectorStatus {
  const c = s.counters
  let state = STATE_OF_PHASE[s.phase]
  // Connecting again after a failure reads as reconnecting, like the wait before it.
  if (state === 'connecting' && s.reconnectCount > 0) state = 'reconnecting'
  return {
    name: id.name,
    status: state,
    phase: s.phase,
    is_active: s.isActive,
    exchange: 'bybit',
    category: id.category,
    url: id.url,
    rest_url: id.restUrl,
    symbols: [...id.symbols],
    subscriptions: s.subscriptions,
    messages_received: c.messages,
    trades_processed: c.tradesStored,
    parse_errors: c.parseErrors,
    trades_rejected: c.rejected,
    duplicates_dropped: c.duplicates,
    last_message_at: c.lastMessageAt,
    last_trade_at: c.lastTradeAt,
    last_pong_at: s.lastPongAt,
    connected_since: s.connectedSince,
    reconnect_count: s.reconnectCount,
    next_reconnect_at: s.nextReconnectAt,
    last_error: s.lastError,
    last_close: s.lastClose,
    messages_per_s: s.messagesPerS,
    trades_per_s: s.tradesPerS,
    latency: c.latency.summary(),
    open_gaps: s.openGaps,
    connect_budget: s.connectBudget,
    proxy: s.proxy,
    categories: s.categories ?? [id.category],
    connections: s.connections ?? [],
    listings: s.listings ?? []
  }
}
