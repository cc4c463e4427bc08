// A hand-written stand-in for the `electron` module in unit tests (the real binary cannot run here).
// It records what the shell registers so tests can drive those handlers as Electron would.
// Use: vi.mock('electron', async () => (await import('./fake-electron.ts')).fakeElectron)

export type Handler = (...args: unknown[]) => unknown

export class FakeEmitter {
  readonly handlers = new Map<string, Handler[]>()
  on(event: string, handler: Handler) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler])
    return this
  }
  once(event: string, handler: Handler) {
    const wrapped: Handler = (...args) => {
      this.off(event, wrapped)
      return handler(...args)
    }
    return this.on(event, wrapped)
  }
  off(event: string, handler: Handler) {
    this.handlers.set(
      event,
      (this.handlers.get(event) ?? []).filter((h) => h !== handler),
    )
    return this
  }
  emit(event: string, ...args: unknown[]) {
    for (const handler of this.handlers.get(event) ?? []) handler(...args)
  }
}

export interface PrintCall {
  options: Record<string, unknown>
  callback: (success: boolean, failureReason: string) => void
}

export class FakeWebContents extends FakeEmitter {
  windowOpenHandler: Handler | undefined
  reloads = 0
  crashes = 0
  url = ''
  readonly printCalls: PrintCall[] = []
  /** What the main process sent to the page: [channel, ...args]. */
  readonly sent: unknown[][] = []
  getURL() {
    return this.url
  }
  send(channel: string, ...args: unknown[]) {
    this.sent.push([channel, ...args])
  }
  async getPrintersAsync() {
    return fake.printers
  }
  setWindowOpenHandler(handler: Handler) {
    this.windowOpenHandler = handler
  }
  reload() {
    this.reloads += 1
  }
  forcefullyCrashRenderer() {
    this.crashes += 1
  }
  closeDevTools() {}
  print(options: Record<string, unknown>, callback: PrintCall['callback']) {
    this.printCalls.push({ options, callback })
    fake.onPrint(options, callback)
  }
}

export class FakeBrowserWindow extends FakeEmitter {
  readonly webContents = new FakeWebContents()
  readonly loaded: string[] = []
  shown = 0
  focused = 0
  minimized = false
  destroyed = false
  constructor(readonly options: Record<string, unknown>) {
    super()
    fake.windows.push(this)
  }
  async loadURL(url: string) {
    this.loaded.push(url)
    this.webContents.url = url
    if (fake.failingLoads > 0) {
      fake.failingLoads -= 1
      this.webContents.emit('did-fail-load', {}, -106, 'ERR_INTERNET_DISCONNECTED', url, true)
      throw new Error(`ERR_INTERNET_DISCONNECTED (-106) loading '${url}'`)
    }
  }
  show() {
    this.shown += 1
  }
  focus() {
    this.focused += 1
  }
  isMinimized() {
    return this.minimized
  }
  restore() {
    this.minimized = false
  }
  destroy() {
    this.destroyed = true
  }
}

const app = Object.assign(new FakeEmitter(), {
  sandboxed: false,
  exitCode: undefined as number | undefined,
  enableSandbox() {
    app.sandboxed = true
  },
  requestSingleInstanceLock: () => fake.singleInstanceLock,
  quits: 0,
  quit() {
    app.quits += 1
  },
  exit(code: number) {
    app.exitCode = code
  },
  whenReady: () => Promise.resolve(),
  getVersion: () => '0.1.0',
  getPath: (name: string) => (name === 'userData' ? fake.userData : '/nonexistent'),
})

/** What the shell registered and what tests can steer. */
export const fake = {
  app,
  windows: [] as FakeBrowserWindow[],
  /** How many of the next loadURL calls fail as if the machine were offline. */
  failingLoads: 0,
  onPrint: (_options: Record<string, unknown>, callback: PrintCall['callback']) => callback(true, ''),
  /** What webContents.getPrintersAsync answers (Electron's PrinterInfo). */
  printers: [{ name: 'Receipts-80mm', displayName: 'Receipts 80mm', description: '', options: {} }] as {
    name: string
    displayName: string
    description: string
    options: Record<string, string>
  }[],
  /** Whether this process gets the single-instance lock (false: another kiosk shell holds it). */
  singleInstanceLock: true,
  protocolHandlers: new Map<string, Handler>(),
  privilegedSchemes: [] as unknown[],
  ipcHandlers: new Map<string, Handler>(),
  permissionRequest: undefined as Handler | undefined,
  permissionCheck: undefined as Handler | undefined,
  devicePermission: undefined as Handler | undefined,
  /** Handlers the shell put on the session's events (select-hid-device…). */
  sessionEvents: new FakeEmitter(),
  menu: 'default' as unknown,
  userData: '',
  beforeSendHeaders: undefined as Handler | undefined,
  beforeSendFilter: undefined as unknown,
  errorBoxes: [] as { title: string; content: string }[],
  exposed: new Map<string, unknown>(),
  invocations: [] as unknown[][],
  /** The preload's ipcRenderer.on listeners, by channel. */
  rendererListeners: new FakeEmitter(),
  /** What the shell cleared: "storage", "cache", "history". */
  wiped: [] as string[],
}

export const fakeElectron = {
  app,
  BrowserWindow: FakeBrowserWindow,
  Menu: {
    setApplicationMenu: (menu: unknown) => {
      fake.menu = menu
    },
  },
  /** Stands in for the OS key store: reversible, and visibly not the plain text. */
  safeStorage: {
    isEncryptionAvailable: () => true,
    encryptString: (plain: string) => Buffer.from(`sealed:${Buffer.from(plain).toString('base64')}`),
    decryptString: (sealed: Buffer) => Buffer.from(sealed.toString().replace(/^sealed:/, ''), 'base64').toString(),
  },
  dialog: {
    showErrorBox: (title: string, content: string) => {
      fake.errorBoxes.push({ title, content })
    },
  },
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => {
      fake.privilegedSchemes.push(...schemes)
    },
    handle: (scheme: string, handler: Handler) => {
      fake.protocolHandlers.set(scheme, handler)
    },
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (handler: Handler) => {
        fake.permissionRequest = handler
      },
      setPermissionCheckHandler: (handler: Handler) => {
        fake.permissionCheck = handler
      },
      setDevicePermissionHandler: (handler: Handler) => {
        fake.devicePermission = handler
      },
      on: (event: string, handler: Handler) => {
        fake.sessionEvents.on(event, handler)
      },
      clearStorageData: async () => {
        fake.wiped.push('storage')
      },
      clearCache: async () => {
        fake.wiped.push('cache')
      },
      webRequest: {
        onBeforeSendHeaders: (filter: unknown, handler: Handler) => {
          fake.beforeSendFilter = filter
          fake.beforeSendHeaders = handler
        },
      },
    },
  },
  ipcMain: {
    handle: (channel: string, handler: Handler) => {
      fake.ipcHandlers.set(channel, handler)
    },
  },
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => {
      fake.exposed.set(key, api)
    },
  },
  ipcRenderer: {
    invoke: async (...args: unknown[]) => {
      fake.invocations.push(args)
      return { invoked: args[0] }
    },
    on: (channel: string, listener: Handler) => {
      fake.rendererListeners.on(channel, listener)
    },
    removeListener: (channel: string, listener: Handler) => {
      fake.rendererListeners.off(channel, listener)
    },
  },
}
