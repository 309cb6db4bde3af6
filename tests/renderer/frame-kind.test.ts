// The Debug view's words for a raw frame, from real captured Bybit frames and the ways a frame goes
// wrong; and the indented view of a frame, which must show every value exactly as it was sent.

import { describe, expect, it } from 'vitest'
import { describeFrame, indentJson } from '../../src/renderer/src/lib/frame-kind'
import { REAL_FIXTURES_ABSENT_REASON, hasRealFixtures, realCaptures } from '../support/fixtures'

describe('describeFrame on real Bybit frames', () => {
  it.skipIf(!hasRealFixtures())(
    `names every captured WS frame as trades or a control reply (${REAL_FIXTURES_ABSENT_REASON} when skipped)`,
    () => {
      const ws = realCaptures().filter((c) => !c.file.includes('_rest_'))
      expect(ws.length).toBeGreaterThan(0)
      for (const { file, lines } of ws) {
        for (const line of lines) {
          const d = describeFrame(line)
          const frame = JSON.parse(line) as { topic?: string; data?: unknown[] }
          if (frame.topic) {
            expect(d, file).toMatchObject({ kind: 'trades', tone: 'info' })
            expect(d.label, file).toBe(
              `${frame.topic} · ${frame.data?.length} trade${frame.data?.length === 1 ? '' : 's'}`
            )
          } else {
            expect(d, file).toMatchObject({ kind: 'control', label: 'subscribe ok', tone: 'muted' })
          }
          // indenting changes only whitespace outside strings
          expect(JSON.parse(d.pretty), file).toEqual(JSON.parse(line))
        }
      }
    }
  )
})

describe('describeFrame on what goes wrong', () => {
  it('says "not JSON" and keeps the text verbatim for a cut or foreign frame', () => {
    for (const text of ['not json at all', '{"topic":"publicTrade.BTCUSDT","data":[{"broken"', '<html>502</html>']) {
      expect(describeFrame(text)).toEqual({ kind: 'malformed', label: 'not JSON', tone: 'bad', pretty: text })
    }
  })

  it('flags JSON that is not a Bybit object, or a topic without a data array', () => {
    expect(describeFrame('[1,2]')).toMatchObject({ kind: 'malformed', label: 'not an object' })
    expect(describeFrame('"pong"')).toMatchObject({ kind: 'malformed', label: 'not an object' })
    expect(describeFrame('{"topic":"publicTrade.ETHUSDT","data":{}}')).toMatchObject({
      kind: 'malformed',
      label: 'publicTrade.ETHUSDT · no data array',
      tone: 'bad'
    })
    expect(describeFrame('{"hello":1}')).toMatchObject({ kind: 'other', tone: 'warn' })
  })

  it('reads a refused subscribe with its reason, and both pong shapes', () => {
    expect(
      describeFrame('{"success":false,"ret_msg":"error:handler not found,topic:publicTrade.NOPE","op":"subscribe"}')
    ).toMatchObject({
      kind: 'control',
      label: 'subscribe refused: error:handler not found,topic:publicTrade.NOPE',
      tone: 'bad'
    })
    // spot answers op "ping" with ret_msg "pong"; linear and inverse answer with op "pong"
    expect(describeFrame('{"success":true,"ret_msg":"pong","conn_id":"c1","op":"ping"}')).toMatchObject({
      label: 'pong ok'
    })
    expect(describeFrame('{"req_id":"7","op":"pong","args":["1675418560633"],"conn_id":"c2"}')).toMatchObject({
      label: 'pong'
    })
  })
})

describe('indentJson', () => {
  it('keeps numbers and strings exactly as sent, where JSON.stringify would not', () => {
    const text = '{"seq":12345678901234567890,"p":"1.10","v":1.10,"s":"a, b: {c}","q":"x\\"]"}'
    const pretty = indentJson(text)
    expect(pretty).toContain('"seq": 12345678901234567890')
    expect(pretty).toContain('"v": 1.10')
    expect(pretty).toContain('"s": "a, b: {c}"')
    expect(pretty).toContain('"q": "x\\"]"')
    expect(JSON.stringify(JSON.parse(text), null, 2)).not.toContain('12345678901234567890')
  })

  it('lays out nesting two spaces a level, empty containers on one line', () => {
    expect(indentJson('{ "a" : [ 1 , {} ], "b":[ ] }')).toBe('{\n  "a": [\n    1,\n    {}\n  ],\n  "b": []\n}')
  })
})
