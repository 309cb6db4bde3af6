// The Connection view: health strip, one card per collector with its subscriptions, and the gaps list.

import type { Locator, Page } from '@playwright/test'
import { ViewPage } from './view-page'

export class ConnectionPage extends ViewPage {
  readonly healthState: Locator
  readonly gapsPanel: Locator

  constructor(page: Page) {
    super(page, 'connection')
    this.healthState = page.getByTestId('health-state')
    this.gapsPanel = page.getByTestId('gaps-panel')
  }

  /** The Pipeline card: forwarding to NATS JetStream. */
  pipeline(testId = 'pipeline'): Locator {
    return this.page.getByTestId(testId)
  }
  collector(name = 'bybit_trades'): Locator {
    return this.page.getByTestId(`collector-${name}`)
  }
  collectorState(name = 'bybit_trades'): Locator {
    return this.collector(name).getByTestId('collector-state')
  }
  endpoint(name = 'bybit_trades'): Locator {
    return this.collector(name).getByTestId('collector-endpoint')
  }
  /** "via <proxy> (<source>)" beside the endpoint when the connection goes through a proxy. */
  proxy(name = 'bybit_trades'): Locator {
    return this.collector(name).getByTestId('collector-proxy')
  }
  reconnectCount(name = 'bybit_trades'): Locator {
    return this.collector(name).getByTestId('reconnect-count')
  }
  reconnectCountdown(name = 'bybit_trades'): Locator {
    return this.collector(name).getByTestId('reconnect-countdown')
  }
  lastError(name = 'bybit_trades'): Locator {
    return this.collector(name).getByTestId('last-error')
  }
  /** The last error's code; its title is the code's meaning. */
  lastErrorCode(name = 'bybit_trades'): Locator {
    return this.collector(name).getByTestId('last-error-code')
  }
  openGaps(name = 'bybit_trades'): Locator {
    return this.collector(name).getByTestId('open-gaps')
  }
  subscription(topic: string, name = 'bybit_trades'): Locator {
    return this.collector(name).locator(`[data-testid="subscription-row"][data-topic="${topic}"]`)
  }

  // ---- gaps list
  gapRow(id: number): GapRow {
    return new GapRow(this.page.locator(`[data-testid="gap-row"][data-gap-id="${id}"]`))
  }
}

/** One row of the gaps list. */
export class GapRow {
  readonly backfill: Locator
  readonly recovered: Locator
  readonly unrecovered: Locator

  constructor(readonly root: Locator) {
    this.backfill = root.getByTestId('gap-backfill')
    this.recovered = root.getByTestId('gap-recovered')
    this.unrecovered = root.getByTestId('gap-unrecovered')
  }
}
