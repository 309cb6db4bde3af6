import type { StorageStats } from '../../../shared/dto'
import { RateCharts } from '../components/RateCharts'
import { EmptyState, FillBar, Panel, Stat } from '../components/ui'
import { fmtBytes, fmtClock, fmtInt, fmtPercent } from '../lib/format'
import { useApp } from '../store'
import { selectSamples, selectStats, selectTheme } from '../store/selectors'
import { ClearStorageButton } from './ClearStorageButton'
import { MemoryBudgetLine } from './MemoryBudgetLine'
import { SymbolSumsTable } from './SymbolSumsTable'
import './storage.css'
import './storage-sums.css'

function Accounting({ stats }: { stats: StorageStats }) {
  const a = stats.accounting
  const terms: [string, number][] = [
    ['stored', a.stored],
    ['evicted', a.evicted],
    ['duplicates', a.duplicates],
    ['rejected', a.rejected],
    ['cleared', a.cleared]
  ]
  return (
    <div className={`identity ${a.balanced ? 'ok' : 'bad'}`} data-testid="accounting" data-balanced={a.balanced}>
      <span className="term">
        <span className="num">{fmtInt(a.received)}</span> received
      </span>
      <span className="op">=</span>
      {terms.map(([label, n], i) => (
        <span key={label} className="row">
          {i > 0 ? <span className="op">+</span> : null}
          <span className="term">
            <span className="num">{fmtInt(n)}</span> {label}
          </span>
        </span>
      ))}
      <span className="verdict">{a.balanced ? '✓ balanced' : '✗ does not balance — trades unaccounted for'}</span>
    </div>
  )
}

function SymbolTable({ stats }: { stats: StorageStats }) {
  const rows = Object.entries(stats.trades_by_symbol).sort((a, b) => b[1] - a[1])
  if (rows.length === 0) return <EmptyState title="Nothing stored yet">Waiting for the first trade…</EmptyState>
  const limit = stats.max_trades_per_symbol
  return (
    <table className="table symbol-table" data-testid="symbol-table">
      <thead>
        <tr>
          <th>Symbol</th>
          <th className="num">Stored</th>
          <th className="num">Limit</th>
          <th className="wide">Fill</th>
          <th className="num">%</th>
          <th className="num">Evicted</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([symbol, n]) => (
          <tr key={symbol} data-testid="symbol-row" data-symbol={symbol}>
            <td className="mono">{symbol}</td>
            <td className="num" data-testid="symbol-count">
              {fmtInt(n)}
            </td>
            <td className="num muted">{fmtInt(limit)}</td>
            <td className="wide">
              <FillBar value={n} max={limit} />
            </td>
            <td className="num">{fmtPercent(n, limit)}</td>
            <td className="num muted" data-testid="symbol-evicted">
              {fmtInt(stats.evicted_by_symbol[symbol] ?? 0)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function StorageView() {
  const stats = useApp(selectStats)
  const samples = useApp(selectSamples)
  const theme = useApp(selectTheme)
  if (!stats) return <EmptyState title="No storage statistics yet" />
  const raw = stats.raw_frames
  return (
    <div className="view view-storage" data-testid="view-storage">
      <Panel title="Storage" actions={<ClearStorageButton />}>
        <div className="stat-grid">
          <Stat label="Trades stored" value={fmtInt(stats.total_trades)} testId="total-trades" />
          <Stat
            label="Symbols"
            value={`${fmtInt(Object.keys(stats.trades_by_symbol).length)} / ${fmtInt(stats.max_symbols)}`}
            hint="in use / limit"
          />
          <Stat
            label="Evicted"
            value={fmtInt(stats.evicted)}
            hint={`oldest: ${fmtInt(stats.memory.evicted_by_cap)} at the limit, ${fmtInt(stats.memory.evicted_by_budget)} for the budget`}
            testId="evicted"
          />
          <Stat
            label="Duplicates dropped"
            value={fmtInt(stats.duplicates_dropped)}
            hint="trade id seen twice"
            testId="duplicates"
          />
          <Stat
            label="Rejected"
            value={fmtInt(stats.rejected)}
            hint="failed validation"
            tone={stats.rejected > 0 ? 'warn' : undefined}
            testId="rejected"
          />
          <Stat label="Cleared" value={fmtInt(stats.cleared)} hint="by Clear storage" />
        </div>
        <div className="raw-frames">
          <div className="raw-label">
            Trades from <span className="num">{fmtClock(stats.oldest_timestamp)}</span> to{' '}
            <span className="num">{fmtClock(stats.newest_timestamp)}</span> · Raw frames{' '}
            <span className="num">{fmtInt(raw.count)}</span> / {fmtInt(raw.max_count)} ·{' '}
            <span className="num" data-testid="raw-bytes">
              {fmtBytes(raw.bytes)}
            </span>{' '}
            / {fmtBytes(raw.max_bytes)}
          </div>
          <FillBar value={raw.bytes} max={raw.max_bytes} testId="raw-bar" />
        </div>
        <MemoryBudgetLine stats={stats} />
        <h3 className="sub-head">Accounting</h3>
        <Accounting stats={stats} />
      </Panel>
      {Object.keys(stats.sums_by_symbol).length > 0 ? (
        <Panel title="Volume, notional and VWAP per symbol" testId="sums-panel">
          <SymbolSumsTable stats={stats} />
        </Panel>
      ) : null}
      <div className="storage-split">
        <Panel title="Per symbol" className="grow">
          <SymbolTable stats={stats} />
        </Panel>
        <Panel title="Last minutes" className="grow charts-panel">
          <RateCharts samples={samples} theme={theme} />
        </Panel>
      </div>
    </div>
  )
}
