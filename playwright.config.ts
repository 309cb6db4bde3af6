import { resolve } from 'node:path'
import { defineConfig } from '@playwright/test'

// Debian's Chromium, never a downloaded browser (`npx playwright install` is not used here).
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
// keep Chromium's crashpad DB and dconf cache out of $HOME
const BROWSER_HOME = resolve('test-results/.browser-home')

export default defineConfig({
  testDir: 'e2e',
  outputDir: process.env.PW_OUTPUT_DIR ?? 'test-results/playwright',
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    headless: true,
    viewport: { width: 1280, height: 800 },
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: {
      executablePath: CHROMIUM,
      env: { ...process.env, XDG_CONFIG_HOME: `${BROWSER_HOME}/config`, XDG_CACHE_HOME: `${BROWSER_HOME}/cache` },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run'
      ]
    }
  },
  projects: [
    // the built renderer in Chromium, served by the mirror of an in-process engine + simulator
    { name: 'renderer', testMatch: /.*\.spec\.ts$/, testIgnore: /electron\.spec\.ts$/ },
    // the desktop app through Playwright's _electron (skips itself where no Electron binary exists)
    { name: 'electron', testMatch: /electron\.spec\.ts$/ }
  ]
})
