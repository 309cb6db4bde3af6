// One client connection on one category endpoint: its subscriptions and its command replies.
import type { WebSocket } from 'ws'
import { SPOT_SUBSCRIBE_MAX_ARGS, TRADE_TOPIC_PREFIX } from '../shared/bybit-protocol'
import type { Rejection, RejectReason } from './stats'
import { encodeReply, okRetMsg, tradeTopic } from './wire'
import type { SimCategory } from './types'

interface Refusal {
  reason: RejectReason
  retMsg: string
}

/** What a session needs from the exchange it belongs to (state and fault switches). */
export interface SessionHost {
  isListed(category: SimCategory, symbol: string): boolean
  /** The configured refusal for a symbol (faults.rejectSubscribe), if any. */
  rejection(symbol: string): string | undefined
  readonly stalled: boolean
  readonly answeringPings: boolean
  readonly ackingSubscribes: boolean
  readonly subscribeFailure: 'whole-request' | 'per-topic'
  /** The characters of topic names one connection may hold (Bybit: 21,000). */
  readonly maxArgsChars: number
  /** Counts a command answered success:false. */
  rejected(r: Rejection): void
  /** Counts a subscribe request, accepted or not. */
  countSubscribe(accepted: boolean): void
  /** Called after the ack went out, with the topics that became subscribed. */
  subscribed(session: ClientSession, topics: string[]): void
  log(line: string): void
}

export class ClientSession {
  readonly topics = new Set<string>()
  /** The characters of `topics`, counted against the host's maxArgsChars. */
  private chars = 0

  constructor(
    readonly ws: WebSocket,
    readonly category: SimCategory,
    readonly connId: string,
    readonly remote: string,
    private readonly host: SessionHost,
    /** The client's address, which Bybit's connection limits count by. */
    readonly ip = ''
  ) {
    ws.on('message', (data, isBinary) => {
      if (!isBinary) this.handleText(data.toString())
    })
    // Protocol-level pings obey the same faults as JSON pings (autoPong is off on the server).
    ws.on('ping', (payload) => {
      if (!host.stalled && host.answeringPings && ws.readyState === ws.OPEN) ws.pong(payload)
    })
  }

  /** The characters of this connection's topic names (counted against maxArgsChars). */
  get argsChars(): number {
    return this.chars
  }

  /** Sends unless the exchange is stalled; true when the frame went out. */
  send(text: string): boolean {
    if (this.host.stalled || this.ws.readyState !== this.ws.OPEN) return false
    this.ws.send(text)
    return true
  }

  private reply(op: string, reqId: unknown, success: boolean, retMsg: string): void {
    this.send(encodeReply({ category: this.category, connId: this.connId, reqId, op, success, retMsg }))
  }

  private handleText(text: string): void {
    let msg: unknown
    try {
      msg = JSON.parse(text)
    } catch {
      this.host.log(`[${this.category}] ${this.remote} sent a non-JSON frame (ignored): ${text.slice(0, 80)}`)
      return
    }
    if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return
    const { op, req_id: reqId, args } = msg as { op?: unknown; req_id?: unknown; args?: unknown }
    if (op === 'ping') {
      if (!this.host.stalled && this.host.answeringPings) this.reply('ping', reqId, true, 'pong')
      else
        this.host.log(
          `[${this.category}] ${this.remote} ping left unanswered (${this.host.stalled ? 'stalled' : 'answerPings off'})`
        )
      return
    }
    if (op === 'subscribe') return this.subscribe(reqId, args)
    if (op === 'unsubscribe') return this.unsubscribe(reqId, args)
    this.reply(typeof op === 'string' ? op : '', reqId, false, 'error:invalid op')
    this.count({ reason: 'invalid_op', retMsg: 'error:invalid op' }, 0)
  }

  private count(refusal: Refusal, topics: number): void {
    const { category, remote } = this
    this.host.rejected({ at: Date.now(), category, remote, reason: refusal.reason, ret_msg: refusal.retMsg, topics })
  }

  /** Answers a subscribe request that subscribes nothing. */
  private refuse(reqId: unknown, refusal: Refusal, topics: number): void {
    this.reply('subscribe', reqId, false, refusal.retMsg)
    this.host.countSubscribe(false)
    this.count(refusal, topics)
  }

  private subscribe(reqId: unknown, args: unknown): void {
    if (!this.host.ackingSubscribes) {
      this.host.log(`[${this.category}] ${this.remote} subscribe swallowed (ackSubscribe off)`)
      return
    }
    if (!Array.isArray(args) || !args.every((a): a is string => typeof a === 'string')) {
      const retMsg = 'error:args must be an array of topic strings'
      return this.refuse(reqId, { reason: 'malformed', retMsg }, 0)
    }
    if (this.category === 'spot' && args.length > SPOT_SUBSCRIBE_MAX_ARGS) {
      const retMsg = `args size >${SPOT_SUBSCRIBE_MAX_ARGS}`
      return this.refuse(reqId, { reason: 'spot_args_over_10', retMsg }, args.length)
    }
    const accepted = new Set<string>()
    let firstFailure: Refusal | undefined
    for (const topic of args) {
      const failure = this.refusal(topic, accepted)
      if (failure === undefined) accepted.add(topic)
      else firstFailure ??= failure
    }
    let applied = firstFailure !== undefined && this.host.subscribeFailure === 'whole-request' ? [] : [...accepted]
    let adding = 0
    for (const topic of applied) adding += topic.length
    if (this.chars + adding > this.host.maxArgsChars) {
      // Over the connection's args budget: the whole request is refused and nothing changes.
      firstFailure = { reason: 'args_chars_over_limit', retMsg: `args length >${this.host.maxArgsChars}` }
      applied = []
      adding = 0
    }
    for (const topic of applied) this.topics.add(topic)
    this.chars += adding
    const ok = firstFailure === undefined
    this.reply('subscribe', reqId, ok, firstFailure?.retMsg ?? okRetMsg(this.category, 'subscribe'))
    this.host.countSubscribe(ok)
    if (firstFailure) this.count(firstFailure, args.length)
    const verdict = ok ? 'ok' : `refused (${firstFailure?.retMsg})`
    const shown = args.length > 12 ? `${args.slice(0, 12).join(',')},… (${args.length} topics)` : args.join(',')
    this.host.log(`[${this.category}] ${this.remote} subscribe ${shown} → ${verdict}`)
    if (applied.length > 0) this.host.subscribed(this, applied)
  }

  private refusal(topic: string, earlierInRequest: ReadonlySet<string>): Refusal | undefined {
    const symbol = topic.startsWith(TRADE_TOPIC_PREFIX) ? topic.slice(TRADE_TOPIC_PREFIX.length) : undefined
    if (symbol !== undefined && topic === tradeTopic(symbol)) {
      const injected = this.host.rejection(symbol)
      if (injected !== undefined) return { reason: 'injected', retMsg: injected }
    }
    if (symbol === undefined || !this.host.isListed(this.category, symbol))
      return { reason: 'unknown_topic', retMsg: `error:handler not found,topic:${topic}` }
    if (this.topics.has(topic) || earlierInRequest.has(topic))
      return { reason: 'already_subscribed', retMsg: `error:already subscribed,topic:${topic}` }
    return undefined
  }

  private unsubscribe(reqId: unknown, args: unknown): void {
    const topics = Array.isArray(args) ? args.filter((a): a is string => typeof a === 'string') : []
    for (const topic of topics) if (this.topics.delete(topic)) this.chars -= topic.length
    this.reply('unsubscribe', reqId, true, okRetMsg(this.category, 'unsubscribe'))
    this.host.log(`[${this.category}] ${this.remote} unsubscribe ${topics.join(',')}`)
  }
}
