// Helpers of the durable-tier tests: a fresh temp data dir per test, trades made like the
// collector makes them, and the real captured frames parsed by the collector's own parser.

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseFrame } from '../../src/main/core/bybit/frames'
import { Trade, type TradeInit } from '../../src/main/core/trade'
import type { Category } from '../../src/shared/dto'
import type { PersistStats } from '../../src/shared/dto-durable'
import type { Engine } from '../../src/main/core/engine'
import { realCaptureLines } from '../support/fixtures'

const dirs: string[] = []

export function tempDataDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'mdm-durable-'))
  dirs.push(d)
  return d
}

export function removeTempDirs(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
}

let n = 0

/** A linear trade with a fresh UUID-like id, at `timestamp`. */
export function trade(over: Partial<TradeInit> = {}): Trade {
  n++
  const hex = n.toString(16).padStart(12, '0')
  return new Trade({
    symbol: 'BTCUSDT',
    side: n % 2 === 0 ? 'BUY' : 'SELL',
    price: '109378.90',
    quantity: '0.020',
    timestamp: 1_758_841_135_823 + n,
    receivedAt: Date.now(),
    category: 'linear',
    tradeId: `2a74ac78-691c-5b54-9dbe-${hex}`,
    seq: 457_514_743_450 + n,
    tickDirection: 'ZeroPlusTick',
    isBlockTrade: false,
    isRpi: false,
    ...over
  })
}

/** Every trade of a real capture, parsed as the collector parses it. */
export function realTrades(file: string, category: Category): Trade[] {
  const out: Trade[] = []
  for (const line of realCaptureLines(file)) {
    const f = parseFrame(line, category, 1_700_000_000_000)
    if (f.kind === 'trades') out.push(...f.trades)
  }
  return out
}

/** The fields a user sees of a trade, to compare what went to disk with what came back. */
export function seen(t: Trade): Record<string, unknown> {
  return { ...t.toDto() }
}

/** What the tier logged, for assertions on its lines. */
export function recordingLog(): {
  lines: { level: string; code?: string; message: string }[]
  info(message: string, code?: string): void
  warning(message: string, code?: string): void
  error(message: string, code?: string): void
} {
  const lines: { level: string; code?: string; message: string }[] = []
  return {
    lines,
    info: (message, code) => lines.push({ level: 'INFO', code, message }),
    warning: (message, code) => lines.push({ level: 'WARNING', code, message }),
    error: (message, code) => lines.push({ level: 'ERROR', code, message })
  }
}

/** The engine's persistence stats (it has a durable tier configured). */
export async function persistOf(e: Engine): Promise<PersistStats> {
  const p = (await e.handlers.getStorageStats()).persist
  if (!p) throw new Error('no persist stats')
  return p
}
