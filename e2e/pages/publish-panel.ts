// Settings → Forwarding (NATS JetStream): the servers, the stream, the credentials and CA files.

import type { Locator, Page } from '@playwright/test'

/** Settings → Forwarding (NATS JetStream): the servers, the stream, the credentials and CA files. */
export class PublishPanel {
  readonly root: Locator
  readonly state: Locator
  readonly urls: Locator
  readonly stream: Locator
  readonly creds: Locator
  readonly tlsCa: Locator
  readonly noCreate: Locator
  readonly invalid: Locator
  readonly apply: Locator

  constructor(readonly page: Page) {
    this.root = page.getByTestId('publish-panel')
    this.state = page.getByTestId('publish-state')
    this.urls = page.getByTestId('publish-urls')
    this.stream = page.getByTestId('publish-stream')
    this.creds = page.getByTestId('publish-creds')
    this.tlsCa = page.getByTestId('publish-tls-ca')
    this.noCreate = page.getByTestId('publish-no-create')
    this.invalid = page.getByTestId('publish-invalid')
    this.apply = page.getByTestId('publish-apply')
  }
}
