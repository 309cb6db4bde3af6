// Evaluates the checklist on demand from the live engine: gather evidence, make the API read-back
// request when the mirror listens, judge. Nothing is cached: every call is a fresh run.

import type { ChecklistReport } from '../../../shared/dto'
import { probeTradesApi } from './api-probe'
import { evaluateChecklist } from './evaluate'
import { gatherEvidence, type EvidenceSources } from './evidence'

export class ChecklistService {
  constructor(
    private readonly sources: EvidenceSources,
    private readonly probeTimeoutMs = 3000
  ) {}

  async evaluate(): Promise<ChecklistReport> {
    const mirror = this.sources.mirror()
    const api =
      mirror.state === 'listening' && mirror.url ? await probeTradesApi(mirror.url, this.probeTimeoutMs) : null
    // Gathered after the probe so the storage snapshot is at least as new as what the API answered.
    return evaluateChecklist({ ...gatherEvidence(this.sources, Date.now()), api })
  }
}
