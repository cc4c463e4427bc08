// The shell's wiring, run against a fake `electron` module (the real binary cannot run here):
// what a security reviewer would check is registered, and behaves as the policy says.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

type Handler = (...args: unknown[]) => unknown

const fake = vi.hoisted(() => {
  class FakeEmitter {
    handlers = new Map<string, Handler[]>()
    on(event: string, handler: Handler) {
      this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler])
      return this
    }
    once(event: string, handler: Handler) {
      return this.on(event, handler)
    }
    emit(event: string, ...args: unknown[]) {
      for (const handler of this.handlers.get(event) ?? []) handler(...args)
    }
  }
  class FakeWebContents extends FakeEmitter {
    windowOpenHandler: Handler | undefined
    reloads = 0
    setWindowOpenHandler(handler: Handler) {
      this.windowOpenHandler = handler
    }
    reload() {
      this.reloads += 1
    }
    forcefullyCrashRenderer() {}
    closeDevTools() {}
    print() {}
  }
  const windows: FakeBrowserWindow[] = []
  class FakeBrowserWindow extends FakeEmitter {
    webContents = new FakeWebContents()
    loaded: string[] = []
    constructor(readonly options: Record<string, unknown>) {
      super()
      windows.push(this)
    }
    async loadURL(url: string) {
      this.loaded.push(url)
    }
    show() {}
    destroy() {}
  }
  const app = Object.assign(new FakeEmitter(), {
    sandboxed: false,
    enableSandbox() {
      app.sandboxed = true
    },
    requestSingleInstanceLock: () => true,
    quit() {},
    exit() {},
    whenReady: () => Promise.resolve(),
    getVersion: () => '0.1.0',
  })
  const state = {
    protocolHandlers: new Map<string, Handler>(),
    privilegedSchemes: [] as unknown[],
    ipcHandlers: new Map<string, Handler>(),
    permissionRequest: undefined as Handler | undefined,
    permissionCheck: undefined as Handler | undefined,
    menu: 'default' as unknown,
  }
  const module = {
    app,
    BrowserWindow: FakeBrowserWindow,
    Menu: { setApplicationMenu: (menu: unknown) => (state.menu = menu) },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => state.privilegedSchemes.push(...schemes),
      handle: (scheme: string, handler: Handler) => state.protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: Handler) => (state.permissionRequest = handler),
        setPermissionCheckHandler: (handler: Handler) => (state.permissionCheck = handler),
      },
    },
    ipcMain: { handle: (channel: string, handler: Handler) => state.ipcHandlers.set(channel, handler) },
  }
  return { module, state, windows, app, FakeWebContents }
})

vi.mock('electron', () => fake.module)

const { registerAppScheme, startKioskShell, ipcChannels } = await import('./shell.ts')

const distDir = mkdtempSync(path.join(tmpdir(), 'kiosk-dist-'))
const gatewayOrigin = 'https://gateway.example.gov.pk'

beforeAll(async () => {
  mkdirSync(path.join(distDir, 'assets'))
  writeFileSync(path.join(distDir, 'index.html'), '<!doctype html><title>Darwaza</title>')
  writeFileSync(path.join(distDir, 'assets/app.js'), 'console.log(1)')
  registerAppScheme()
  await startKioskShell(
    { gatewayOrigin, label: 'Hall A, kiosk 3', printerName: null, production: true },
    { distDir, preload: '/opt/darwaza/preload.cjs' },
  )
})
afterAll(() => rmSync(distDir, { recursive: true, force: true }))

const mainWindow = () => {
  const window = fake.windows[0]
  if (!window) throw new Error('no window was created')
  return window
}

function lockedDownContents() {
  const contents = new fake.FakeWebContents()
  fake.app.emit('web-contents-created', {}, contents)
  return contents
}

function navigate(contents: InstanceType<typeof fake.FakeWebContents>, event: string, url: string) {
  const preventDefault = vi.fn()
  contents.emit(event, { preventDefault }, url)
  return preventDefault.mock.calls.length > 0
}

describe('kiosk shell wiring', () => {
  it('opens one sandboxed, isolated, full-screen window on the app, with no menu', () => {
    expect(fake.app.sandboxed).toBe(true)
    expect(fake.state.menu).toBeNull()
    expect(fake.windows).toHaveLength(1)
    expect(mainWindow().options).toMatchObject({
      kiosk: true,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false },
    })
    expect(mainWindow().loaded).toEqual(['app://kiosk/index.html'])
    expect(fake.state.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ])
  })

  it('blocks navigation and redirects away from the app, new windows and webviews', () => {
    const contents = lockedDownContents()
    expect(navigate(contents, 'will-navigate', 'https://evil.example/')).toBe(true)
    expect(navigate(contents, 'will-redirect', 'app://kiosk.evil/')).toBe(true)
    expect(navigate(contents, 'will-navigate', 'app://kiosk/index.html')).toBe(false)
    expect(contents.windowOpenHandler?.({ url: 'app://kiosk/index.html' })).toEqual({ action: 'deny' })
    expect(navigate(contents, 'will-attach-webview', 'app://kiosk/')).toBe(true)
  })

  it('swallows devtools and reload shortcuts in production', () => {
    const contents = lockedDownContents()
    const press = (input: object) => {
      const preventDefault = vi.fn()
      contents.emit(
        'before-input-event',
        { preventDefault },
        { control: false, meta: false, alt: false, shift: false, ...input },
      )
      return preventDefault.mock.calls.length > 0
    }
    expect(press({ key: 'F12' })).toBe(true)
    expect(press({ key: 'r', control: true })).toBe(true)
    expect(press({ key: '7' })).toBe(false)
  })

  it('denies every permission request and check', () => {
    const callback = vi.fn()
    fake.state.permissionRequest?.({}, 'media', callback)
    expect(callback).toHaveBeenCalledWith(false)
    expect(fake.state.permissionCheck?.({}, 'geolocation')).toBe(false)
  })

  it('serves the app with the CSP, and refuses paths outside the build', async () => {
    const handler = fake.state.protocolHandlers.get('app')
    if (!handler) throw new Error('no app:// handler registered')
    const serve = (url: string) => handler(new Request(url)) as Promise<Response>

    const index = await serve('app://kiosk/index.html')
    expect(index.status).toBe(200)
    expect(await index.text()).toContain('<title>Darwaza</title>')
    expect(index.headers.get('content-security-policy')).toContain(`connect-src 'self' ${gatewayOrigin}`)
    expect((await serve('app://kiosk/assets/app.js')).headers.get('content-type')).toContain('text/javascript')
    expect((await serve('app://kiosk/assets/..%5c..%5c..%5cetc%5cpasswd')).status).toBe(404)
    expect((await serve('app://kiosk/missing.js')).status).toBe(404)
  })

  it('answers IPC only from the app, and gives no credential to the page', async () => {
    const deviceInfo = fake.state.ipcHandlers.get(ipcChannels.deviceInfo)
    const fromApp = { senderFrame: { url: 'app://kiosk/index.html' } }
    expect(await deviceInfo?.(fromApp)).toEqual({
      gatewayUrl: gatewayOrigin,
      label: 'Hall A, kiosk 3',
      appVersion: '0.1.0',
      platform: process.platform,
    })
    expect(() => deviceInfo?.({ senderFrame: { url: 'https://evil.example/' } })).toThrow(/refused/)
    expect(() => deviceInfo?.({ senderFrame: null })).toThrow(/refused/)

    const print = fake.state.ipcHandlers.get(ipcChannels.printReceipt)
    await expect(
      Promise.resolve(print?.({ senderFrame: { url: 'https://evil.example/' } }, '<p>x</p>')),
    ).rejects.toThrow(/refused/)
    expect(await print?.(fromApp, { not: 'html' })).toEqual({
      ok: false,
      reason: 'receipt must be non-empty HTML under 200 KB',
    })
  })

  it('reloads the app when the renderer crashes', () => {
    const window = mainWindow()
    const before = window.webContents.reloads
    vi.spyOn(console, 'error').mockImplementation(() => {})
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 133 })
    expect(window.webContents.reloads).toBe(before + 1)
    expect(console.error).toHaveBeenCalledWith(expect.stringContaining('renderer gone (crashed'))
  })
})
