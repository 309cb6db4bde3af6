// The feed's stages: the socket is open, the topics are confirmed, frames arrive.

import type { TopicStatus } from '../../../shared/dto'
import type { SubscriptionErrorCode } from '../../../shared/error-codes'
import * as fixes from './fixes'
import { each, SILENT_AFTER_MS, type ItemRule } from './rule'
import { at, isoTime, plural } from './words'

const OPEN_PHASES = new Set(['open', 'subscribing', 'streaming', 'stale'])

/** A failed topic's state as the error code the collector recorded for it. */
const refusalCode = (t: TopicStatus): SubscriptionErrorCode =>
  t.state === 'timeout' ? 'ack_timeout' : 'subscribe_failed'

export const connected: ItemRule = {
  id: 'connected',
  title: 'WebSocket connected',
  depends_on: [],
  link: { view: 'connection' },
  judge: (ev, x) => {
    if (!ev.engineRunning)
      return {
        status: 'fail',
        evidence: 'the engine is not running',
        facts: { engine_running: false },
        fix: ['Start the engine, or use "Restart engine" on the Debug view.']
      }
    return each(ev, ({ status: s }) => {
      const facts = {
        url: s.url,
        phase: s.phase,
        reconnect_count: s.reconnect_count,
        connected_since: s.connected_since,
        last_error_code: s.last_error?.code ?? null,
        last_error: s.last_error?.message ?? null,
        next_reconnect_at: s.next_reconnect_at
      }
      if (OPEN_PHASES.has(s.phase) && s.connected_since !== null) {
        return {
          status: 'pass',
          evidence: `open to ${s.url} since ${at(s.connected_since, ev.now)}; ${plural(s.reconnect_count, 'reconnect')} so far`,
          facts,
          fix: []
        }
      }
      const err = s.last_error
      const close = s.last_close
        ? `; last close code ${s.last_close.code}${s.last_close.reason ? ` "${s.last_close.reason}"` : ''}`
        : ''
      const next = s.next_reconnect_at ? `; next attempt ${isoTime(s.next_reconnect_at)}` : ''
      // Paused by the user: nothing is wrong with the connection, so none of its fixes apply.
      if (s.phase === 'paused')
        return { status: 'skipped', evidence: 'collection is paused', facts, fix: fixes.pausedFixes(x) }
      const fix = fixes.connectionFixes(x, err?.code ?? null)
      if (err === null && s.phase === 'connecting' && s.reconnect_count === 0)
        return { status: 'pending', evidence: `connecting to ${s.url} (first attempt)`, facts, fix }
      if (s.phase === 'stopped' || s.phase === 'idle')
        return { status: 'fail', evidence: `collector ${s.name} is stopped`, facts, fix }
      const why = err ? `${err.code}: ${err.message} at ${at(err.at, ev.now)}` : 'no error reported yet'
      return {
        status: 'fail',
        evidence: `not connected to ${s.url} (${s.status}, ${plural(s.reconnect_count + 1, 'attempt')} so far): ${why}${close}${next}`,
        facts,
        fix
      }
    })
  }
}

export const subscriptionConfirmed: ItemRule = {
  id: 'subscription_confirmed',
  title: 'Subscription confirmed',
  depends_on: ['connected'],
  link: { view: 'connection' },
  judge: (ev, x) =>
    each(ev, ({ status: s }) => {
      const topics = s.subscriptions
      const failed = topics.filter((t) => t.state === 'failed' || t.state === 'timeout')
      const pending = topics.filter((t) => t.state === 'pending')
      const ok = topics.filter((t) => t.state === 'subscribed')
      const facts = {
        topics: topics.length,
        subscribed: ok.length,
        failed: failed.length,
        pending: pending.length,
        first_refusal: failed[0]?.reason ?? null
      }
      const confirmed = ok
        .map((t) => `${t.topic} confirmed${t.acked_at ? ` at ${isoTime(t.acked_at)}` : ''}`)
        .join(', ')
      if (failed.length > 0) {
        const refused = failed
          .map((t) =>
            t.state === 'timeout'
              ? `${t.topic}: ${t.reason ?? 'no reply'}`
              : `${t.topic} refused by the exchange: "${t.reason ?? ''}"`
          )
          .join('; ')
        return {
          status: 'fail',
          evidence: refused + (confirmed ? `; ${confirmed}` : ''),
          facts,
          fix: fixes.subscriptionFixes(x, failed.map(refusalCode))
        }
      }
      if (pending.length > 0 || ok.length === 0) {
        const sent = pending.find((t) => t.requested_at !== null)
        return {
          status: 'pending',
          evidence: sent
            ? `subscribe for ${pending.map((t) => t.topic).join(', ')} sent at ${at(sent.requested_at ?? ev.now, ev.now)}, waiting for the reply`
            : 'no subscribe request sent on this connection yet',
          facts,
          // Waiting again after the last connection's subscribe went unanswered: the timeout's hint leads.
          fix: fixes.subscriptionFixes(x, s.last_error?.code === 'ack_timeout' ? ['ack_timeout'] : [])
        }
      }
      return { status: 'pass', evidence: confirmed, facts, fix: [] }
    })
}

export const messagesReceived: ItemRule = {
  id: 'messages_received',
  title: 'Messages received',
  depends_on: ['connected'],
  link: { view: 'connection' },
  judge: (ev, x) =>
    each(ev, ({ status: s }) => {
      const facts = {
        messages_received: s.messages_received,
        last_message_at: s.last_message_at,
        messages_per_s: s.messages_per_s
      }
      if (s.messages_received === 0 || s.last_message_at === null)
        return { status: 'pending', evidence: 'no message received yet', facts, fix: fixes.messagesFixes(x) }
      const last = `${plural(s.messages_received, 'message')}, the last at ${at(s.last_message_at, ev.now)}`
      if (ev.now - s.last_message_at > SILENT_AFTER_MS && s.connected_since !== null)
        return { status: 'fail', evidence: `silent: ${last}`, facts, fix: fixes.messagesFixes(x) }
      return { status: 'pass', evidence: `${last} (${s.messages_per_s}/s)`, facts, fix: [] }
    })
}
