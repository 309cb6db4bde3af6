// The Checklist view: the ten checks, the likely cause, network diagnostics, recovery actions,
// resources and the report.

import type { Locator, Page } from '@playwright/test'
import type { ChecklistItemId, DiagnosticStepId } from '../../src/shared/dto'
import { ViewPage } from './view-page'

export type RecoveryAction = 'reconnect' | 'restart-collector' | 'restart-engine' | 'check-port'
export type ResourceChart = 'cpu' | 'memory' | 'delay'

/** One check of the list. */
export class ChecklistItem {
  readonly evidence: Locator
  readonly fix: Locator
  readonly toggle: Locator
  readonly link: Locator

  constructor(readonly root: Locator) {
    this.evidence = root.getByTestId('check-evidence')
    this.fix = root.getByTestId('check-fix')
    this.toggle = root.getByTestId('check-toggle')
    this.link = root.getByTestId('check-link')
  }

  /**
   * `pass`, `fail`, `pending` or `skipped`, as the item's `data-status` says; null while the item is
   * not shown. Reads without waiting, for `expect.poll`.
   */
  async status(): Promise<string | null> {
    return (await this.root.count()) === 0 ? null : this.root.getAttribute('data-status')
  }
}

export class ChecklistPage extends ViewPage {
  readonly summary: Locator
  readonly recoveryResult: Locator
  readonly runDiagnosticsButton: Locator
  readonly copyReportButton: Locator
  readonly diagnosticsNote: Locator

  constructor(page: Page) {
    super(page, 'checklist')
    this.summary = page.getByTestId('checklist-summary')
    this.recoveryResult = page.getByTestId('recovery-result')
    this.runDiagnosticsButton = page.getByTestId('run-diagnostics')
    this.copyReportButton = page.getByTestId('copy-report')
    this.diagnosticsNote = page.getByTestId('diagnostics-note')
  }

  item(id: ChecklistItemId): ChecklistItem {
    return new ChecklistItem(this.page.getByTestId(`check-${id}`))
  }
  recovery(action: RecoveryAction): Locator {
    return this.page.getByTestId(`recovery-${action}`)
  }
  diagnosticsStep(step: DiagnosticStepId): Locator {
    return this.page.getByTestId(`diag-${step}`)
  }
  resource(name: 'cpu' | 'rss' | 'delay' | 'sockets'): Locator {
    return this.page.getByTestId(`res-${name}`)
  }
  resourceChart(name: ResourceChart): Locator {
    return this.page.getByTestId(`res-chart-${name}`)
  }
  /** The first drawn line of a resources chart (recharts' line group). */
  resourceChartLine(name: ResourceChart): Locator {
    return this.resourceChart(name).locator('.recharts-line').first()
  }
}
