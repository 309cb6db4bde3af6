// The hot tier's flags (spread into FLAGS in flag-table.ts).

import { DEFAULT_SETTINGS, SETTINGS_LIMITS } from '../../../shared/settings'
import { valueFlag } from './flag-spec'
import { integerIn } from './flag-values'

export const STORAGE_FLAGS = {
  memoryBudgetMb: valueFlag({
    name: 'memory-budget-mb',
    env: 'MDM_MEMORY_BUDGET_MB',
    valueName: 'N',
    help: 'the most memory held trades may take, all symbols together (MB); the oldest are evicted first',
    parse: integerIn(SETTINGS_LIMITS.minMemoryBudgetMb, SETTINGS_LIMITS.maxMemoryBudgetMb),
    default: DEFAULT_SETTINGS.memoryBudgetMb
  })
} as const
