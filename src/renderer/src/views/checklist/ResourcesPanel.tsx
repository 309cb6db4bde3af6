import { memo } from 'react'
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { ResourceSample, ResourcesResponse } from '../../../../shared/dto'
import { Panel, Stat } from '../../components/ui'
import { fmtBytes, fmtClock } from '../../lib/format'
import { useApp } from '../../store'
import { selectTheme } from '../../store/selectors'
import type { Theme } from '../../store/ui-slice'
import { selectLoopDelay } from './loop-delay'

const COLORS: Record<Theme, { grid: string; axis: string; a: string; b: string }> = {
  dark: { grid: '#27303d', axis: '#8b97a8', a: '#4fa3ff', b: '#f2b84b' },
  light: { grid: '#e3e8ef', axis: '#5b6675', a: '#1f6fd1', b: '#b87600' }
}

interface Series {
  key: keyof ResourceSample | ((s: ResourceSample) => number | null)
  name: string
}

const MiB = 1024 * 1024

const Spark = memo(function Spark({
  title,
  samples,
  series,
  theme,
  testId
}: {
  title: string
  samples: ResourceSample[]
  series: Series[]
  theme: Theme
  testId: string
}) {
  const c = COLORS[theme]
  const data = samples.map((s) => {
    const row: Record<string, number | null> = { at: s.at }
    series.forEach((x, i) => (row[`v${i}`] = typeof x.key === 'function' ? x.key(s) : (s[x.key] as number | null)))
    return row
  })
  return (
    <figure className="chart ck-spark" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <div className="ck-spark-body">
        <ResponsiveContainer width="100%" height="100%" minHeight={90}>
          <LineChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid stroke={c.grid} vertical={false} />
            <XAxis dataKey="at" type="number" domain={['dataMin', 'dataMax']} hide />
            <YAxis width={40} stroke={c.axis} fontSize={10} tickLine={false} />
            <Tooltip labelFormatter={(v: unknown) => fmtClock(Number(v))} contentStyle={{ fontSize: 11 }} />
            {series.map((x, i) => (
              <Line
                key={x.name}
                name={x.name}
                dataKey={`v${i}`}
                stroke={i === 0 ? c.a : c.b}
                dot={false}
                strokeWidth={1.4}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  )
})

export function ResourcesPanel({ data }: { data: ResourcesResponse | null }) {
  const theme = useApp(selectTheme)
  if (!data)
    return (
      <Panel title="Resources" testId="resources-panel">
        <p className="muted">Sampling…</p>
      </Panel>
    )
  const cur = data.current
  const delay = selectLoopDelay(data)
  const handles = Object.entries(cur.handles).sort((a, b) => b[1] - a[1])
  return (
    <Panel title="Resources" testId="resources-panel">
      <div className="ck-stats">
        <Stat label="CPU" value={`${cur.cpu_percent.toFixed(1)}%`} testId="res-cpu" />
        <Stat label="RSS" value={fmtBytes(cur.rss_bytes)} testId="res-rss" />
        <Stat label="Heap used" value={fmtBytes(cur.heap_used_bytes)} hint={`of ${fmtBytes(cur.heap_total_bytes)}`} />
        <Stat
          label="Loop delay p99"
          value={delay.p99_ms === null ? '—' : `${delay.p99_ms} ms`}
          hint={`p50 ${delay.p50_ms ?? '—'} ms`}
          testId="res-delay"
        />
        <Stat
          label="Sockets"
          value={`${cur.open_sockets}`}
          hint={`${cur.active_handles} handles: ${handles
            .slice(0, 3)
            .map(([t, n]) => `${t.replace(/Wrap$/, '')} ${n}`)
            .join(', ')}`}
          testId="res-sockets"
        />
      </div>
      {data.samples.length >= 2 ? (
        <div className="ck-sparks">
          <Spark
            title="CPU %"
            samples={data.samples}
            series={[{ key: 'cpu_percent', name: 'CPU %' }]}
            theme={theme}
            testId="res-chart-cpu"
          />
          <Spark
            title="Memory (MiB): RSS, heap used"
            samples={data.samples}
            series={[
              { key: (s) => Math.round((s.rss_bytes / MiB) * 10) / 10, name: 'RSS' },
              { key: (s) => Math.round((s.heap_used_bytes / MiB) * 10) / 10, name: 'heap' }
            ]}
            theme={theme}
            testId="res-chart-memory"
          />
          <Spark
            title="Event-loop delay (ms): p50, p99"
            samples={data.samples}
            series={[
              { key: 'event_loop_delay_p50_ms', name: 'p50' },
              { key: 'event_loop_delay_p99_ms', name: 'p99' }
            ]}
            theme={theme}
            testId="res-chart-delay"
          />
        </div>
      ) : (
        <p className="muted">The charts appear after two samples ({Math.round(data.interval_ms / 1000)} s apart).</p>
      )}
      {data.processes && data.processes.length > 0 ? (
        <table className="table" data-testid="res-processes">
          <thead>
            <tr>
              <th>Process</th>
              <th className="num">PID</th>
              <th className="num">CPU</th>
              <th className="num">Memory</th>
            </tr>
          </thead>
          <tbody>
            {data.processes.map((p) => (
              <tr key={p.pid}>
                <td>{p.name ?? p.type}</td>
                <td className="num">{p.pid}</td>
                <td className="num">{p.cpu_percent.toFixed(1)}%</td>
                <td className="num">{p.memory_bytes === null ? '—' : fmtBytes(p.memory_bytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Panel>
  )
}
