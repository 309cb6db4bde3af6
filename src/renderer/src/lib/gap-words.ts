// Gaps in a trader's words: why the feed had a hole, how long, and what REST backfill recovered.

import type { BackfillOutcome, GapCause, GapRecord } from '../../../shared/dto'
import type { Tone } from '../components/ui'
import { fmtInt } from './format'

export const GAP_CAUSE_WORDS: Record<GapCause, string> = {
  disconnect: 'disconnect',
  stale: 'stale stream',
  restart: 'restart',
  resume: 'sleep/resume',
  pause: 'collection paused'
}

export const BACKFILL_WORDS: Record<BackfillOutcome, string> = {
  pending: 'pending',
  complete: 'complete',
  partial: 'partial',
  failed: 'failed',
  skipped: 'skipped'
}

/** Open gaps and unrecovered trades are what a trader must notice. */
export function gapTone(g: GapRecord): Tone {
  if (g.to === null) return 'warn'
  switch (g.backfill) {
    case 'complete':
      return 'good'
    case 'pending':
      return 'info'
    case 'partial':
      return 'warn'
    case 'failed':
      return 'bad'
    case 'skipped':
      return 'muted'
  }
}

/** Milliseconds for short gaps (most are), seconds and minutes beyond. */
export function fmtGapDuration(g: GapRecord, now: number): string {
  const ms = Math.max(0, (g.to ?? now) - g.from)
  if (ms < 10_000) return `${(ms / 1000).toFixed(2)} s`
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`
}

/** "37 recovered · 2 missing", "nothing recovered", or the missing count unknown. */
export function fmtRecovery(g: GapRecord): string {
  const recovered = `${fmtInt(g.recovered)} recovered`
  if (g.unrecovered === null) return g.backfill === 'partial' ? `${recovered} · more may be missing` : recovered
  return g.unrecovered > 0 ? `${recovered} · ${fmtInt(g.unrecovered)} missing` : recovered
}

/** One line for the tape's gap marker (painted when the gap changes, so nothing in it ticks). */
export function gapSummary(g: GapRecord): string {
  const cause = GAP_CAUSE_WORDS[g.cause]
  if (g.to === null) return `Feed gap (${cause}) — still open, trades may be missing`
  const backfill =
    g.backfill === 'pending' ? 'backfill pending' : `backfill ${BACKFILL_WORDS[g.backfill]}: ${fmtRecovery(g)}`
  return `Feed gap (${cause}) — ${fmtGapDuration(g, g.to)} · ${backfill}`
}
