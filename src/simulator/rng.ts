// Small seeded PRNG (mulberry32): one stream per symbol, so a seed reproduces each symbol's
// prices, sizes and ids no matter how the timers interleave symbols.

export class Rng {
  private state: number

  constructor(seed: number) {
    this.state = seed >>> 0
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  /** A UUID shaped like Bybit's derivative trade ids (version 5, RFC variant). */
  uuid(): string {
    const hex: string[] = []
    for (let i = 0; i < 16; i++) {
      let byte = this.int(0, 255)
      if (i === 6) byte = (byte & 0x0f) | 0x50
      if (i === 8) byte = (byte & 0x3f) | 0x80
      hex.push(byte.toString(16).padStart(2, '0'))
    }
    const h = hex.join('')
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
  }
}

/** FNV-1a over the text, mixed with the seed: a stable per-symbol stream seed. */
export function streamSeed(seed: number, text: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h
}
