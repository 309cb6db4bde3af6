// What the simulator counts for tests and for `GET /sim/stats`: connections opened and refused,
// subscribe requests accepted and rejected (with the reason and Bybit's ret_msg), trades and frames.
import type { SimCategory } from './types'

/** Why a subscribe request (or another command) got success:false. */
export type RejectReason =
  | 'spot_args_over_10'
  | 'args_chars_over_limit'
  | 'unknown_topic'
  | 'already_subscribed'
  | 'injected'
  | 'malformed'
  | 'invalid_op'

/** Why an upgrade was answered with an HTTP error instead of a WebSocket. */
export type RefuseReason = 'connection_budget' | 'connections_per_category' | 'refuse_connections_fault'

export interface Rejection {
  at: number
  category: SimCategory
  remote: string
  reason: RejectReason
  ret_msg: string
  /** How many topics the request named. */
  topics: number
}

export interface SimStatsSnapshot {
  connections: {
    open: number
    open_by_category: Record<SimCategory, number>
    opened_total: number
    refused_total: number
    refused_by_reason: Partial<Record<RefuseReason, number>>
    /** Every open connection with its topics and their characters (against the 21,000 limit). */
    each: { conn_id: string; category: SimCategory; remote: string; topics: number; args_chars: number }[]
  }
  subscribe_requests: { total: number; accepted: number; rejected: number }
  rejected_requests: { total: number; by_reason: Partial<Record<RejectReason, number>>; recent: Rejection[] }
  topics_subscribed: Record<SimCategory, number>
  /** Bybit REST requests (recent-trade, instruments-info) and those refused 403 over the IP limit. */
  rest_requests: { total: number; refused: number }
  trades_generated: number
  frames_pushed: number
  /** active: started and not yet wholly generated (a tick past its end clears it). */
  burst: { active: boolean; rate: number; until: number | null; started_total: number }
  instruments: Record<SimCategory, Record<string, number>>
  /** The simulator's own event-loop delay since it started (how well it keeps up with its rate). */
  event_loop_delay_ms: { p50: number; p99: number; max: number }
}

const RECENT = 50

export class SimStats {
  openedTotal = 0
  subscribeTotal = 0
  subscribeAccepted = 0
  tradesGenerated = 0
  framesPushed = 0
  burstsStarted = 0
  restRequests = 0
  restRefused = 0
  readonly refused: Partial<Record<RefuseReason, number>> = {}
  readonly rejectedByReason: Partial<Record<RejectReason, number>> = {}
  rejectedTotal = 0
  private recent: Rejection[] = []

  refusedConnection(reason: RefuseReason): void {
    this.refused[reason] = (this.refused[reason] ?? 0) + 1
  }

  rejected(r: Rejection): void {
    this.rejectedTotal++
    this.rejectedByReason[r.reason] = (this.rejectedByReason[r.reason] ?? 0) + 1
    this.recent.push(r)
    if (this.recent.length > RECENT * 2) this.recent = this.recent.slice(-RECENT)
  }

  recentRejections(): Rejection[] {
    return this.recent.slice(-RECENT)
  }

  refusedTotal(): number {
    return Object.values(this.refused).reduce((a, b) => a + b, 0)
  }
}
