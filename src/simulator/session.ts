// One client connection on one category endpoint: its subscriptions and its command replies.
import type { WebSocket } from 'ws'
import { SPOT_SUBSCRIBE_MAX_ARGS, TRADE_TOPIC_PREFIX } from '../shared/bybit-protocol'
import { encodeReply, okRetMsg, tradeTopic } from './wire'
import type { SimCategory } from './types'

/** What a session needs from the exchange it belongs to (state and fault switches). */
export interface SessionHost {
  isListed(category: SimCategory, symbol: string): boolean
  /** The configured refusal for a symbol (faults.rejectSubscribe), if any. */
  rejection(symbol: string): string | undefined
  readonly stalled: boolean
  readonly answeringPings: boolean
  readonly ackingSubscribes: boolean
  readonly subscribeFailure: 'whole-request' | 'per-topic'
  /** Called after the ack went out, with the topics that became subscribed. */
  subscribed(session: ClientSession, topics: string[]): void
  log(line: string): void
}

export class ClientSession {
  readonly topics = new Set<string>()

  constructor(
    readonly ws: WebSocket,
    readonly category: SimCategory,
    readonly connId: string,
    readonly remote: string,
    private readonly host: SessionHost
  ) {
    ws.on('message', (data, isBinary) => {
      if (!isBinary) this.handleText(data.toString())
    })
    // Protocol-level pings obey the same faults as JSON pings (autoPong is off on the server).
    ws.on('ping', (payload) => {
      if (!host.stalled && host.answeringPings && ws.readyState === ws.OPEN) ws.pong(payload)
    })
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
  }

  private subscribe(reqId: unknown, args: unknown): void {
    if (!this.host.ackingSubscribes) {
      this.host.log(`[${this.category}] ${this.remote} subscribe swallowed (ackSubscribe off)`)
      return
    }
    if (!Array.isArray(args) || !args.every((a): a is string => typeof a === 'string')) {
      this.reply('subscribe', reqId, false, 'error:args must be an array of topic strings')
      return
    }
    if (this.category === 'spot' && args.length > SPOT_SUBSCRIBE_MAX_ARGS) {
      this.reply('subscribe', reqId, false, `args size >${SPOT_SUBSCRIBE_MAX_ARGS}`)
      return
    }
    const accepted: string[] = []
    let firstFailure: string | undefined
    for (const topic of args) {
      const failure = this.refusal(topic, accepted)
      if (failure === undefined) accepted.push(topic)
      else firstFailure ??= failure
    }
    const applied = firstFailure !== undefined && this.host.subscribeFailure === 'whole-request' ? [] : accepted
    for (const topic of applied) this.topics.add(topic)
    this.reply('subscribe', reqId, firstFailure === undefined, firstFailure ?? okRetMsg(this.category, 'subscribe'))
    const verdict = firstFailure === undefined ? 'ok' : `refused (${firstFailure})`
    this.host.log(`[${this.category}] ${this.remote} subscribe ${args.join(',')} → ${verdict}`)
    if (applied.length > 0) this.host.subscribed(this, applied)
  }

  private refusal(topic: string, earlierInRequest: string[]): string | undefined {
    const symbol = topic.startsWith(TRADE_TOPIC_PREFIX) ? topic.slice(TRADE_TOPIC_PREFIX.length) : undefined
    if (symbol !== undefined && topic === tradeTopic(symbol)) {
      const injected = this.host.rejection(symbol)
      if (injected !== undefined) return injected
    }
    if (symbol === undefined || !this.host.isListed(this.category, symbol))
      return `error:handler not found,topic:${topic}`
    if (this.topics.has(topic) || earlierInRequest.includes(topic)) return `error:already subscribed,topic:${topic}`
    return undefined
  }

  private unsubscribe(reqId: unknown, args: unknown): void {
    const topics = Array.isArray(args) ? args.filter((a): a is string => typeof a === 'string') : []
    for (const topic of topics) this.topics.delete(topic)
    this.reply('unsubscribe', reqId, true, okRetMsg(this.category, 'unsubscribe'))
    this.host.log(`[${this.category}] ${this.remote} unsubscribe ${topics.join(',')}`)
  }
}
