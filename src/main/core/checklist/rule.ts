// The shape of a checklist rule and the helper that judges every collector: a rule only says what
// it sees; dependencies and "blocked by" are applied afterwards (evaluate.ts).

import type { ChecklistItemId, ChecklistLink, ChecklistStatus } from '../../../shared/dto'
import type { ChecklistEvidence, CollectorEvidence } from './evidence'
import type { FixContext } from './fixes'

export interface Verdict {
  status: ChecklistStatus
  evidence: string
  facts: Record<string, string | number | boolean | null>
  /** Hints when the item does not pass. */
  fix: string[]
  /** Skipped because the user turned the stage off (--no-persist): it does not keep `all_passed` false. */
  byChoice?: boolean
}

export interface ItemRule {
  id: ChecklistItemId
  title: string
  depends_on: ChecklistItemId[]
  link: ChecklistLink | null
  /** Whether this run has the stage at all (default: always). */
  applies?: (ev: ChecklistEvidence) => boolean
  judge(ev: ChecklistEvidence, x: FixContext): Verdict
}

/** Last message older than this: the feed is silent (the collector's watchdog acts on its own timer). */
export const SILENT_AFTER_MS = 60_000
/** Parse errors this recent still fail the item; older ones are reported but pass. */
export const PARSE_ERRORS_RECENT_MS = 5 * 60_000

export function each(ev: ChecklistEvidence, judge: (c: CollectorEvidence) => Verdict): Verdict {
  if (ev.collectors.length === 0) {
    return { status: 'fail', evidence: 'no collector is configured', facts: { collectors: 0 }, fix: [] }
  }
  const verdicts = ev.collectors.map(judge)
  const rank: Record<ChecklistStatus, number> = { fail: 3, pending: 2, skipped: 1, pass: 0 }
  const worst = verdicts.reduce((a, b) => (rank[b.status] > rank[a.status] ? b : a))
  if (verdicts.length === 1) return worst
  return {
    status: worst.status,
    evidence: verdicts.map((v, i) => `${ev.collectors[i].status.name}: ${v.evidence}`).join('; '),
    facts: worst.facts,
    fix: worst.fix
  }
}
