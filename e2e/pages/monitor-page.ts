// The monitor as a whole: the shell (top bar, navigation, help, the not-ready states) and one page
// object per view. Specs never spell selectors or test ids themselves.

import { expect, type Locator, type Page } from '@playwright/test'
import { VIEWS } from '../../src/renderer/src/store/ui-slice'
import { ChecklistPage } from './checklist-page'
import { ConnectionPage } from './connection-page'
import { DebugPage } from './debug-page'
import { LogsPage } from './logs-page'
import { SettingsPage } from './settings-page'
import { StoragePage } from './storage-page'
import { SymbolsPage } from './symbols-page'
import { TapePage } from './tape-page'
import type { ViewName, ViewPage } from './view-page'

export type { ViewName } from './view-page'

/** Every view, in navigation order (the digit keys follow it): the renderer's own list. */
export const VIEW_NAMES: readonly ViewName[] = VIEWS.map((v) => v.id)

export class MonitorPage {
  readonly root: Locator
  readonly feedState: Locator
  readonly transportState: Locator
  readonly runtime: Locator
  readonly themeToggle: Locator
  readonly helpPopover: Locator
  /** The navigation rail's items, one per view. */
  readonly navItems: Locator
  readonly unreachable: Locator
  readonly unreachableError: Locator

  readonly connection: ConnectionPage
  readonly tape: TapePage
  readonly storage: StoragePage
  readonly logs: LogsPage
  readonly debug: DebugPage
  readonly settings: SettingsPage
  readonly checklist: ChecklistPage
  readonly symbols: SymbolsPage
  private readonly views: Record<ViewName, ViewPage>

  constructor(readonly page: Page) {
    this.root = page.getByTestId('app-root')
    this.feedState = page.getByTestId('feed-state')
    this.transportState = page.getByTestId('transport-state')
    this.runtime = page.getByTestId('runtime')
    this.themeToggle = page.getByTestId('theme-toggle')
    this.helpPopover = page.getByTestId('help-popover')
    this.navItems = page.locator('[data-testid^="nav-"]')
    this.unreachable = page.getByTestId('state-unreachable')
    this.unreachableError = page.getByTestId('unreachable-error')
    this.connection = new ConnectionPage(page)
    this.tape = new TapePage(page)
    this.storage = new StoragePage(page)
    this.logs = new LogsPage(page)
    this.debug = new DebugPage(page)
    this.settings = new SettingsPage(page)
    this.checklist = new ChecklistPage(page)
    this.symbols = new SymbolsPage(page)
    this.views = {
      connection: this.connection,
      tape: this.tape,
      storage: this.storage,
      logs: this.logs,
      debug: this.debug,
      settings: this.settings,
      checklist: this.checklist,
      symbols: this.symbols
    }
  }

  /** Loads the UI from `url` and waits for the app's first snapshot (`data-ready`), not a sleep. */
  async open(url: string): Promise<void> {
    await this.page.goto(url)
    await this.waitReady()
  }

  async waitReady(timeout?: number): Promise<void> {
    await expect(this.root).toHaveAttribute('data-ready', 'true', { timeout })
  }

  view(name: ViewName): ViewPage {
    return this.views[name]
  }

  async show(name: ViewName): Promise<void> {
    await this.view(name).open()
  }
}
