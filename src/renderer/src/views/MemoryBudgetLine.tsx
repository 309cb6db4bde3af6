import type { StorageStats } from '../../../shared/dto'
import { FillBar } from '../components/ui'
import { fmtBytes, fmtInt } from '../lib/format'

/** The hot tier's memory: used against the budget, bytes per trade held, and budget evictions. */
export function MemoryBudgetLine({ stats }: { stats: StorageStats }) {
  const m = stats.memory
  return (
    <div className="raw-frames" data-testid="memory-budget">
      <div className="raw-label">
        Memory for held trades{' '}
        <span className="num" data-testid="memory-used">
          {fmtBytes(m.used_bytes)}
        </span>{' '}
        / <span data-testid="memory-budget-limit">{fmtBytes(m.budget_bytes)}</span>
        {m.bytes_per_trade !== null ? (
          <>
            {' '}
            · <span className="num">{m.bytes_per_trade}</span> bytes per trade
          </>
        ) : null}{' '}
        · evicted for the budget{' '}
        <span className="num" data-testid="memory-evicted-budget">
          {fmtInt(m.evicted_by_budget)}
        </span>
      </div>
      <FillBar value={m.used_bytes} max={m.budget_bytes} testId="memory-bar" />
    </div>
  )
}
