// Applies the dependencies to the item verdicts: an item behind a failed stage is not judged on its
// own (it would fail too, noisily) but says which stage blocks it; the first failure is the likely cause.

import type { ChecklistItem, ChecklistItemId, ChecklistReport, ChecklistStatus } from '../../../shared/dto'
import type { ChecklistEvidence } from './evidence'
import { fixContext } from './fixes'
import { CHECKLIST_RULES, type ItemRule } from './items'

export function evaluateChecklist(
  ev: ChecklistEvidence,
  rules: readonly ItemRule[] = CHECKLIST_RULES
): ChecklistReport {
  const x = fixContext(ev)
  const byId = new Map<ChecklistItemId, ChecklistItem>()
  /** The failing stage an item is blocked by (itself when it failed on its own evidence). */
  const rootOf = new Map<ChecklistItemId, ChecklistItemId>()
  /** The item skipped on its own evidence (collection paused) that an item is skipped with. */
  const heldBy = new Map<ChecklistItemId, ChecklistItemId>()
  const items: ChecklistItem[] = []
  const byChoice: ChecklistItem[] = []
  for (const rule of rules) {
    if (rule.applies && !rule.applies(ev)) continue
    const own = rule.judge(ev, x)
    const deps = rule.depends_on.map((id) => byId.get(id)).filter((d): d is ChecklistItem => d !== undefined)
    const broken = deps.find((d) => d.status === 'fail' || (d.status === 'skipped' && rootOf.has(d.id)))
    const waiting = deps.find((d) => d.status === 'pending')
    const held = deps.find((d) => heldBy.has(d.id))
    const item: ChecklistItem = {
      id: rule.id,
      title: rule.title,
      status: own.status,
      evidence: own.evidence,
      facts: own.facts,
      fix: own.status === 'pass' ? [] : own.fix,
      depends_on: [...rule.depends_on],
      link: rule.link
    }
    if (broken) {
      const root = rootOf.get(broken.id) ?? broken.id
      rootOf.set(rule.id, root)
      item.status = 'skipped'
      item.evidence = `blocked by "${byId.get(root)?.title ?? root}"; meanwhile: ${own.evidence}`
      item.fix = [`Fix "${byId.get(root)?.title ?? root}" first; this item is checked again once it passes.`]
    } else if (held && own.status !== 'pass') {
      // Not judged while its stage is skipped on purpose: it says why, with that stage's fix.
      const root = byId.get(heldBy.get(held.id) ?? held.id) ?? held
      heldBy.set(rule.id, root.id)
      item.status = 'skipped'
      item.evidence = `${root.evidence} ("${root.title}" skipped); meanwhile: ${own.evidence}`
      item.fix = [...root.fix]
    } else if (waiting && own.status !== 'pass') {
      item.status = 'pending'
      item.evidence = `waiting for "${waiting.title}"; ${own.evidence}`
    } else if (own.status === 'fail') rootOf.set(rule.id, rule.id)
    else if (own.status === 'skipped') heldBy.set(rule.id, rule.id)
    if (item.status === 'skipped' && own.status === 'skipped' && own.byChoice === true) {
      item.by_choice = true
      byChoice.push(item)
    }
    byId.set(rule.id, item)
    items.push(item)
  }
  const counts: Record<ChecklistStatus, number> = { pass: 0, fail: 0, pending: 0, skipped: 0 }
  for (const i of items) counts[i.status]++
  const first = items.find((i) => i.status === 'fail') ?? null
  const allPassed = counts.pass + byChoice.length === items.length
  const off = byChoice.map((i) => `${i.title} skipped: ${i.evidence}`).join('; ')
  return {
    evaluated_at: ev.now,
    all_passed: allPassed,
    first_failure: first ? first.id : null,
    summary: summarize(items, first, allPassed, off),
    counts,
    items
  }
}

function summarize(items: ChecklistItem[], first: ChecklistItem | null, allPassed: boolean, off: string): string {
  const passed = items.filter((i) => i.status === 'pass').length
  if (allPassed) return `All ${passed} checks pass: trades flow from the socket to the API${off ? ` (${off})` : ''}.`
  if (first) {
    const blocked = items.filter((i) => i.status === 'skipped' && i.evidence.startsWith(`blocked by "${first.title}"`))
    const tail = blocked.length > 0 ? `; it blocks ${blocked.length} later check(s)` : ''
    return `Likely cause: "${first.title}" fails — ${first.evidence}${tail}.`
  }
  const pending = items.filter((i) => i.status === 'pending')
  const skipped = items.filter((i) => i.status === 'skipped')
  if (pending.length > 0) return `No failure; still waiting on: ${pending.map((i) => i.title).join(', ')}.`
  return `No failure; skipped: ${skipped.map((i) => `${i.title} (${i.evidence})`).join(', ')}.`
}
