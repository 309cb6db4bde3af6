// The few shapes of Electron's IPC that the glue uses. Written as interfaces so the registration and
// the event forwarding run in plain Node (tests use an in-memory pair); only src/main/index.ts binds
// the real `ipcMain` and `webContents`.

/** The frame that sent a message: `WebFrameMain` in Electron. */
export interface SenderFrameLike {
  readonly url: string
  /** null for a top-level frame. */
  readonly parent: SenderFrameLike | null
}

/** `IpcMainInvokeEvent`: who sent it. `senderFrame` is null once the frame navigated away or died. */
export interface InvokeEventLike {
  readonly sender: unknown
  readonly senderFrame: SenderFrameLike | null
}

export type InvokeHandler = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>

export interface IpcMainLike {
  handle(channel: string, handler: InvokeHandler): void
  removeHandler(channel: string): void
}

/** The window's `webContents`, as far as pushing events goes. */
export interface WebContentsLike {
  send(channel: string, payload: unknown): void
  isDestroyed(): boolean
}
