// The Settings view: the form, its inline errors, Reset and Apply.

import type { Locator, Page } from '@playwright/test'
import { ViewPage } from './view-page'

/** The form fields whose inline errors the view names (`error-<field>`). */
export type SettingsField =
  | 'category'
  | 'symbols'
  | 'endpoint'
  | 'proxy'
  | 'wsUrl'
  | 'restUrl'
  | 'maxTrades'
  | 'mirror'
  | 'port'
  | 'notifications'
  | 'threshold'

export class SettingsPage extends ViewPage {
  readonly symbolsInput: Locator
  readonly maxTradesInput: Locator
  readonly mirrorEnabled: Locator
  readonly proxyInput: Locator
  readonly mirrorPortInput: Locator
  readonly applyButton: Locator
  readonly resetButton: Locator
  readonly outcome: Locator
  /** The sound alerts panel: opt-in, volume, and what it played (`data-audio` = the AudioContext's state). */
  readonly sound: { enabled: Locator; feed: Locator; volume: Locator; stats: Locator; blocked: Locator }
  /** The desktop app's own settings (quit on close, launch at login): only in the desktop app. */
  readonly desktopPanel: Locator
  /** Pause / Resume collection in the Actions panel, and the engine's answer. */
  readonly collectionPause: { button: Locator; result: Locator }

  constructor(page: Page) {
    super(page, 'settings')
    this.symbolsInput = page.getByTestId('settings-symbols')
    this.maxTradesInput = page.getByTestId('settings-max-trades')
    this.mirrorEnabled = page.getByTestId('settings-mirror-enabled')
    this.proxyInput = page.getByTestId('settings-proxy')
    this.mirrorPortInput = page.getByTestId('settings-mirror-port')
    this.applyButton = page.getByTestId('settings-apply')
    this.resetButton = page.getByTestId('settings-reset')
    this.outcome = page.getByTestId('settings-outcome')
    this.desktopPanel = page.getByTestId('desktop-panel')
    this.collectionPause = {
      button: page.getByTestId('collection-pause-button'),
      result: page.getByTestId('collection-pause-result')
    }
    this.sound = {
      enabled: page.getByTestId('sound-enabled'),
      feed: page.getByTestId('sound-feed'),
      volume: page.getByTestId('sound-volume'),
      stats: page.getByTestId('sound-stats'),
      blocked: page.getByTestId('sound-blocked')
    }
  }

  error(field: SettingsField): Locator {
    return this.page.getByTestId(`error-${field}`)
  }
}
