import { describe, expect, it } from 'vitest'
import { RawFrameRing } from '../../src/main/core/storage/raw-frames'

/** A deterministic generator (the same frames on every run). */
function lcg(seed: number): () => number {
  let s = seed
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648
}

/** A frame of about `len` characters, some with multi-byte UTF-8 ("é" 2 bytes, "€" 3). */
function frameText(i: number, len: number): string {
  return (i % 7 === 0 ? 'é€' : '') + `{"i":${i}}`.padEnd(len, 'x')
}

const utf8 = (s: string): number => Buffer.byteLength(s, 'utf8')

describe('RawFrameRing', () => {
  it('reads back the newest frames exactly, in order, with their receipt times', () => {
    const ring = new RawFrameRing(5, 1_000_000)
    for (let i = 0; i < 12; i++) ring.push(frameText(i, 30), 1000 + i)
    expect(ring.recent(100)).toEqual(
      [7, 8, 9, 10, 11].map((i) => ({ receivedAt: 1000 + i, text: frameText(i, 30), bytes: utf8(frameText(i, 30)) }))
    )
    expect(ring.recent(2).map((f) => f.receivedAt)).toEqual([1010, 1011])
    expect(ring.stats()).toEqual({
      count: 5,
      bytes: [7, 8, 9, 10, 11].reduce((n, i) => n + utf8(frameText(i, 30)), 0),
      max_count: 5,
      max_bytes: 1_000_000
    })
  })

  it('copies the socket bytes as given and counts UTF-8 bytes, not characters', () => {
    const ring = new RawFrameRing(10, 1000)
    const text = '{"s":"€"}'
    ring.push(text, 1, Buffer.from(text, 'utf8'))
    ring.push('{"s":"é"}', 2)
    expect(ring.recent(10).map((f) => f.text)).toEqual([text, '{"s":"é"}'])
    expect(ring.stats().bytes).toBe(utf8(text) + utf8('{"s":"é"}'))
  })

  it('reports each frame at its size as received, also when its bytes were not valid UTF-8', () => {
    const ring = new RawFrameRing(10, 1000)
    ring.push('{"s":"\uFFFD"}', 1, Uint8Array.from([0x7b, 0x22, 0x73, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]))
    const [frame] = ring.recent(1)
    expect(frame.text).toBe('{"s":"\uFFFD"}')
    expect(frame.bytes).toBe(9) // the 0xff byte as one byte, not the 3 of U+FFFD
    expect(ring.stats().bytes).toBe(9)
  })

  it('keeps a frame larger than the whole byte bound alone, and drops it for the next one', () => {
    const ring = new RawFrameRing(10, 100)
    ring.push('a'.repeat(40), 1)
    ring.push('b'.repeat(250), 2)
    expect(ring.recent(10)).toEqual([{ receivedAt: 2, text: 'b'.repeat(250), bytes: 250 }])
    ring.push('c'.repeat(10), 3)
    expect(ring.recent(10)).toEqual([{ receivedAt: 3, text: 'c'.repeat(10), bytes: 10 }])
    expect(ring.stats().bytes).toBe(10)
  })

  it('drops by age and forgets everything on clear', () => {
    const ring = new RawFrameRing(100, 10_000)
    for (let i = 0; i < 10; i++) ring.push(frameText(i, 20), i * 100)
    expect(ring.dropOlderThan(450)).toBe(5)
    expect(ring.recent(100).map((f) => f.receivedAt)).toEqual([500, 600, 700, 800, 900])
    ring.clear()
    expect(ring.stats()).toMatchObject({ count: 0, bytes: 0 })
    expect(ring.recent(10)).toEqual([])
    ring.push('after', 1)
    expect(ring.recent(10)).toEqual([{ receivedAt: 1, text: 'after', bytes: 5 }])
  })

  it.each([
    { name: 'a small buffer, frames near its size', seed: 1, maxCount: 40, maxBytes: 5000, maxLen: 3000, steps: 3000 },
    {
      name: 'a buffer that grows to the bound, then wraps',
      seed: 2,
      maxCount: 2000,
      maxBytes: 300_000,
      maxLen: 3000,
      steps: 4000
    },
    { name: 'the count bound first', seed: 3, maxCount: 7, maxBytes: 1_000_000, maxLen: 500, steps: 2000 }
  ])('holds a suffix of what was pushed within both bounds: $name', ({ seed, maxCount, maxBytes, maxLen, steps }) => {
    const rnd = lcg(seed)
    const ring = new RawFrameRing(maxCount, maxBytes)
    const pushed: string[] = []
    for (let i = 0; i < steps; i++) {
      const text = frameText(i, Math.floor(rnd() ** 3 * maxLen))
      ring.push(text, i, i % 2 === 0 ? Buffer.from(text, 'utf8') : null)
      pushed.push(text)
      const held = ring.stats()
      expect(held.count).toBeGreaterThan(0)
      expect(held.count).toBeLessThanOrEqual(maxCount)
      expect(held.bytes).toBeLessThanOrEqual(Math.max(maxBytes, utf8(text)))
      if (i % 97 === 0 || i === steps - 1) {
        const got = ring.recent(held.count)
        // exactly the newest `count` frames pushed, byte for byte
        expect(got.map((f) => f.text)).toEqual(pushed.slice(pushed.length - held.count))
        expect(got.map((f) => f.receivedAt)).toEqual(got.map((_, k) => i - held.count + 1 + k))
        expect(held.bytes).toBe(got.reduce((n, f) => n + utf8(f.text), 0))
      }
    }
  })

  it('uses most of its byte bound when frames are small beside it (the buffer wastes at most a frame per wrap)', () => {
    const ring = new RawFrameRing(1_000_000, 64 * 1024)
    for (let i = 0; i < 20_000; i++) ring.push(frameText(i, 300), i)
    expect(ring.stats().bytes).toBeGreaterThan(64 * 1024 - 2 * 300)
  })
})
