// Small presentational pieces shared by the views.

import type { ReactNode } from 'react'

export type Tone = 'good' | 'warn' | 'bad' | 'info' | 'muted'

export function Pill({ tone, children, testId }: { tone: Tone; children: ReactNode; testId?: string }) {
  return (
    <span className={`pill tone-${tone}`} data-testid={testId} data-tone={tone}>
      <span className="dot" aria-hidden />
      {children}
    </span>
  )
}

export function Panel({
  title,
  actions,
  children,
  className,
  testId
}: {
  title: ReactNode
  actions?: ReactNode
  children: ReactNode
  className?: string
  testId?: string
}) {
  return (
    <section className={`panel ${className ?? ''}`} data-testid={testId}>
      <header className="panel-head">
        <h2>{title}</h2>
        {actions ? <div className="panel-actions">{actions}</div> : null}
      </header>
      <div className="panel-body">{children}</div>
    </section>
  )
}

export function Stat({
  label,
  value,
  hint,
  tone,
  testId
}: {
  label: string
  value: ReactNode
  hint?: ReactNode
  tone?: Tone
  testId?: string
}) {
  return (
    <div className={`stat ${tone ? `tone-${tone}` : ''}`}>
      <div className="stat-label">{label}</div>
      <div className="stat-value num" data-testid={testId}>
        {value}
      </div>
      {hint ? <div className="stat-hint">{hint}</div> : null}
    </div>
  )
}

export function FillBar({ value, max, testId }: { value: number; max: number; testId?: string }) {
  const ratio = max > 0 ? Math.min(1, value / max) : 0
  const tone = ratio >= 0.95 ? 'bad' : ratio >= 0.8 ? 'warn' : 'good'
  return (
    <div className="fillbar" role="meter" aria-valuenow={value} aria-valuemax={max} data-testid={testId}>
      <div className={`fillbar-fill tone-${tone}`} style={{ width: `${(ratio * 100).toFixed(2)}%` }} />
    </div>
  )
}

export function EmptyState({ title, children, testId }: { title: string; children?: ReactNode; testId?: string }) {
  return (
    <div className="empty" data-testid={testId ?? 'empty-state'}>
      <div className="empty-title">{title}</div>
      {children ? <div className="empty-body">{children}</div> : null}
    </div>
  )
}

export function KeyCap({ children }: { children: ReactNode }) {
  return <kbd className="kbd">{children}</kbd>
}

/** Why an action was refused, in the panel that asked: nothing when there is no error. */
export function ErrorBanner({ error }: { error: string | null }) {
  return error ? (
    <p className="banner tone-bad" role="status">
      {error}
    </p>
  ) : null
}
