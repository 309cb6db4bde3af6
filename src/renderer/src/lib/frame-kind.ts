// What a raw frame is, in a few words, for the Debug view's frame list: a trade push (its topic and
// how many trades it carried), a control reply (subscribe, pong — and whether Bybit said yes), or
// something the collector could not have parsed. Read from the text alone, as the socket delivered it.

import { isRecord } from '../../../shared/guards'
import type { Tone } from '../components/ui'

export type FrameKind = 'trades' | 'control' | 'malformed' | 'other'

export interface FrameDescription {
  kind: FrameKind
  /** "publicTrade.BTCUSDT · 3 trades", "subscribe ok", "not JSON". */
  label: string
  tone: Tone
  /** The frame indented when it is JSON (its numbers as sent, never re-printed), verbatim otherwise. */
  pretty: string
}

/**
 * Indents valid JSON text token by token, without parsing its values: a 20-digit seq or a
 * `1.10` price stays exactly as the socket delivered it (JSON.stringify would round or trim them).
 */
export function indentJson(text: string): string {
  let out = ''
  let depth = 0
  let inString = false
  const newline = (): string => '\n' + '  '.repeat(depth)
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i)
    if (inString) {
      out += c
      if (c === '\\') out += text.charAt(++i)
      else if (c === '"') inString = false
      continue
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') continue
    if (c === '"') {
      inString = true
      out += c
    } else if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']'
      let j = i + 1
      while (j < text.length && ' \t\n\r'.includes(text.charAt(j))) j++
      if (text.charAt(j) === close) {
        out += c + close
        i = j
      } else {
        depth++
        out += c + newline()
      }
    } else if (c === '}' || c === ']') {
      depth--
      out += newline() + c
    } else if (c === ',') out += ',' + newline()
    else if (c === ':') out += ': '
    else out += c
  }
  return out
}

function parse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch {
    return { ok: false }
  }
}

function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? '' : 's'}`
}

function describeControl(op: string, frame: Record<string, unknown>): Pick<FrameDescription, 'label' | 'tone'> {
  // spot answers a ping with op "ping" and ret_msg "pong"; linear/inverse with op "pong"
  const name = op === 'ping' && frame.ret_msg === 'pong' ? 'pong' : op
  if (frame.success === false) {
    const why = typeof frame.ret_msg === 'string' && frame.ret_msg !== '' ? `: ${frame.ret_msg}` : ''
    return { label: `${name} refused${why}`, tone: 'bad' }
  }
  return { label: frame.success === true ? `${name} ok` : name, tone: 'muted' }
}

export function describeFrame(text: string): FrameDescription {
  const parsed = parse(text)
  if (!parsed.ok) return { kind: 'malformed', label: 'not JSON', tone: 'bad', pretty: text }
  const frame = parsed.value
  const pretty = indentJson(text)
  if (!isRecord(frame)) return { kind: 'malformed', label: 'not an object', tone: 'bad', pretty }
  if (typeof frame.topic === 'string') {
    if (!Array.isArray(frame.data))
      return { kind: 'malformed', label: `${frame.topic} · no data array`, tone: 'bad', pretty }
    return { kind: 'trades', label: `${frame.topic} · ${plural(frame.data.length, 'trade')}`, tone: 'info', pretty }
  }
  if (typeof frame.op === 'string') return { kind: 'control', ...describeControl(frame.op, frame), pretty }
  return { kind: 'other', label: 'unrecognised object', tone: 'warn', pretty }
}
