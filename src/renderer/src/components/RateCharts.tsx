import { memo, useMemo } from 'react'
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { RateSample } from '../../../shared/dto'
import { fmtClock } from '../lib/format'
import type { Theme } from '../store/ui-slice'
import { EmptyState } from './ui'
import { downsampleSamples } from './downsample'
import './rate-charts.css'

const PALETTE: Record<Theme, { grid: string; axis: string; a: string; b: string; c: string; tipBg: string }> = {
  dark: { grid: '#27303d', axis: '#8b97a8', a: '#4fa3ff', b: '#a98bff', c: '#f2b84b', tipBg: '#161c25' },
  light: { grid: '#e3e8ef', axis: '#5b6675', a: '#1f6fd1', b: '#7a4fe0', c: '#b87600', tipBg: '#ffffff' }
}

const MAX_POINTS = 150

interface SeriesLine {
  key: keyof RateSample
  name: string
  color: string
  width: number
}

function ChartFrame({ title, testId, children }: { title: string; testId: string; children: React.ReactElement }) {
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <div className="chart-body">
        <ResponsiveContainer width="100%" height="100%" minHeight={160}>
          {children}
        </ResponsiveContainer>
      </div>
    </figure>
  )
}

/** Trades/s and messages/s, and exchange→local latency, over the sample window. */
export const RateCharts = memo(function RateCharts({ samples, theme }: { samples: RateSample[]; theme: Theme }) {
  const p = PALETTE[theme]
  // recharts renders every point as SVG path work: ten minutes at 1/s is 600 points per series, which
  // took 20-50 ms a render at high trade rates. Buckets keep each series' peak so spikes stay visible.
  const points = useMemo(() => downsampleSamples(samples, MAX_POINTS), [samples])
  if (samples.length < 2) {
    return (
      <EmptyState title="Collecting samples…" testId="charts-empty">
        The engine records one point per second; the charts appear after the first two.
      </EmptyState>
    )
  }
  const axis = { stroke: p.axis, fontSize: 11, tickLine: false }
  const tooltip = {
    contentStyle: { background: p.tipBg, border: `1px solid ${p.grid}`, borderRadius: 6, fontSize: 12 },
    labelFormatter: (v: unknown) => fmtClock(Number(v))
  }
  // One time-series chart: the grid, time axis, tooltip and legend are shared; the lines differ.
  const timeChart = (lines: SeriesLine[], integerAxis: boolean): React.ReactElement => (
    <LineChart data={points} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
      <CartesianGrid stroke={p.grid} vertical={false} />
      <XAxis
        dataKey="at"
        type="number"
        domain={['dataMin', 'dataMax']}
        tickFormatter={fmtClock}
        {...axis}
        minTickGap={48}
      />
      <YAxis width={48} {...axis} allowDecimals={!integerAxis} />
      <Tooltip {...tooltip} />
      <Legend wrapperStyle={{ fontSize: 12 }} />
      {lines.map((l) => (
        <Line
          key={l.key}
          name={l.name}
          dataKey={l.key}
          stroke={l.color}
          dot={false}
          strokeWidth={l.width}
          isAnimationActive={false}
          connectNulls
        />
      ))}
    </LineChart>
  )
  return (
    <div className="chart-grid">
      <ChartFrame title="Throughput (per second)" testId="chart-rate">
        {timeChart(
          [
            { key: 'trades_per_s', name: 'trades/s', color: p.a, width: 1.6 },
            { key: 'messages_per_s', name: 'messages/s', color: p.b, width: 1.2 }
          ],
          true
        )}
      </ChartFrame>
      <ChartFrame title="Exchange → local latency (ms)" testId="chart-latency">
        {timeChart(
          [
            { key: 'latency_p50_ms', name: 'p50', color: p.a, width: 1.6 },
            { key: 'latency_p99_ms', name: 'p99', color: p.c, width: 1.2 }
          ],
          false
        )}
      </ChartFrame>
    </div>
  )
})
