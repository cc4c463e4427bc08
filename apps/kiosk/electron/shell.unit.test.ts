// The shell's wiring, run against a fake `electron` module: what a security reviewer would check is
// registered, and behaves as the policy says.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { KioskConfig } from './config.ts'
import { fake, FakeWebContents, type Handler } from './fake-electron.ts'
import { loadRetryDelayMs, printTimeoutMs } from './policy.ts'

vi.mock('electron', async () => (await import('./fake-electron.ts')).fakeElectron)

const { registerAppScheme, startKioskShell, ipcChannels } = await import('./shell.ts')

const distDir = mkdtempSync(path.join(tmpdir(), 'kiosk-dist-'))
fake.userData = mkdtempSync(path.join(tmpdir(), 'kiosk-user-data-'))
const gatewayOrigin = 'https://gateway.example.gov.pk'
const fromApp = { senderFrame: { url: 'app://kiosk/index.html' } }
const atStart = { windows: 0, loaded: [] as string[], sent: [] as unknown[][] }
const config: KioskConfig = {
  gatewayOrigin,
  label: 'Hall A, kiosk 3',
  printerName: 'Receipts-80mm',
  paperFormat: 'thermal-80mm',
  enrolmentCode: null,
  idleSeconds: 90,
  defaultLanguage: 'ur',
  peripherals: [
    { name: 'ID card reader', type: 'hid', vendorId: 0x076b, productId: 0x5321 },
    { name: 'Token scanner', type: 'serial', vendorId: 1027, productId: null },
  ],
  production: true,
  configFile: null,
}
const paths = { distDir, preload: '/opt/darwaza/preload.cjs' }

beforeAll(async () => {
  mkdirSync(path.join(distDir, 'assets'))
  writeFileSync(path.join(distDir, 'index.html'), '<!doctype html><title>Darwaza</title>')
  writeFileSync(path.join(distDir, 'assets/app.js'), 'console.log(1)')
  writeFileSync(path.join(tmpdir(), 'kiosk-secret.txt'), 'secret')
  registerAppScheme()
  vi.spyOn(console, 'warn').mockImplementation(() => {})
  await startKioskShell(config, paths)
  vi.restoreAllMocks()
  atStart.windows = fake.windows.length
  atStart.loaded = [...mainWindow().loaded]
  atStart.sent = [...mainWindow().webContents.sent]
})
afterAll(() => rmSync(distDir, { recursive: true, force: true }))
afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

function mainWindow() {
  const window = fake.windows[0]
  if (!window) throw new Error('no window was created')
  return window
}

function registered(handler: Handler | undefined, what: string): Handler {
  if (!handler) throw new Error(`${what} was not registered`)
  return handler
}

function lockedDownContents() {
  const contents = new FakeWebContents()
  fake.app.emit('web-contents-created', {}, contents)
  return contents
}

/** Emits a navigation-like event and tells whether the shell prevented it. */
function isPrevented(contents: FakeWebContents, event: string, url: string) {
  const preventDefault = vi.fn()
  contents.emit(event, { preventDefault }, url)
  return preventDefault.mock.calls.length > 0
}

function silenceLogs() {
  vi.spyOn(console, 'warn').mockImplementation(() => {})
  return vi.spyOn(console, 'error').mockImplementation(() => {})
}

describe('kiosk window', () => {
  it('is one sandboxed, isolated, full-screen window on the app, with no menu', () => {
    expect(fake.app.sandboxed).toBe(true)
    expect(fake.menu).toBeNull()
    expect(atStart.windows).toBe(1)
    expect(mainWindow().options).toMatchObject({
      kiosk: true,
      fullscreen: true,
      webPreferences: {
        preload: '/opt/darwaza/preload.cjs',
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        webSecurity: true,
        devTools: false,
      },
    })
    expect(atStart.loaded).toEqual(['app://kiosk/index.html'])
    expect(fake.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ])
  })

  it('reloads the app when the renderer crashes, logging why', () => {
    const errors = silenceLogs()
    const window = mainWindow()
    const before = window.webContents.reloads
    window.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 133 })
    expect(window.webContents.reloads).toBe(before + 1)
    expect(errors).toHaveBeenCalledWith(expect.stringContaining('renderer gone (oom, exit code 133)'))
  })

  it('crashes and reloads a renderer that stops responding, logging why', () => {
    const errors = silenceLogs()
    const window = mainWindow()
    const { crashes, reloads } = window.webContents
    window.emit('unresponsive')
    expect(window.webContents.crashes).toBe(crashes + 1)
    expect(window.webContents.reloads).toBe(reloads + 1)
    expect(errors).toHaveBeenCalledWith('kiosk: renderer unresponsive; reloading')
  })

  it('quits at once when another kiosk shell holds the single-instance lock', async () => {
    const warnings = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const windows = fake.windows.length
    const quits = fake.app.quits
    fake.singleInstanceLock = false
    try {
      expect(await startKioskShell(config, paths)).toBeNull()
    } finally {
      fake.singleInstanceLock = true
    }
    expect(fake.app.quits).toBe(quits + 1)
    expect(fake.windows).toHaveLength(windows)
    expect(warnings).toHaveBeenCalledWith('kiosk: another kiosk shell is already running here; this one quits')
  })

  it('brings its window back when a second start is attempted', () => {
    const window = mainWindow()
    window.minimized = true
    const focused = window.focused
    fake.app.emit('second-instance', {}, ['darwaza-kiosk'], '/')
    expect(window.minimized).toBe(false)
    expect(window.focused).toBe(focused + 1)
  })

  it('retries a failed load after a delay, once per failure, ignoring aborted and sub-frame loads', () => {
    vi.useFakeTimers()
    const errors = silenceLogs()
    const window = mainWindow()
    const loads = window.loaded.length
    const fail = (code: number, isMainFrame: boolean) =>
      window.webContents.emit('did-fail-load', {}, code, 'ERR', 'app://kiosk/index.html', isMainFrame)

    fail(-3, true)
    fail(-106, false)
    vi.advanceTimersByTime(loadRetryDelayMs)
    expect(window.loaded).toHaveLength(loads)

    fail(-106, true)
    fail(-106, true)
    expect(errors).toHaveBeenCalledTimes(1)
    expect(errors).toHaveBeenCalledWith(expect.stringContaining('failed to load app://kiosk (-106 ERR)'))
    vi.advanceTimersByTime(loadRetryDelayMs - 1)
    expect(window.loaded).toHaveLength(loads)
    vi.advanceTimersByTime(1)
    expect(window.loaded).toHaveLength(loads + 1)
    expect(window.loaded.at(-1)).toBe('app://kiosk/index.html')
  })
})

describe('navigation, new windows and shortcuts', () => {
  it('blocks navigation and redirects away from the app origin, and webviews', () => {
    const warnings = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const contents = lockedDownContents()
    expect(isPrevented(contents, 'will-navigate', 'https://evil.example/phish?token=1')).toBe(true)
    expect(isPrevented(contents, 'will-navigate', gatewayOrigin)).toBe(true)
    expect(isPrevented(contents, 'will-redirect', 'app://kiosk.evil/')).toBe(true)
    expect(isPrevented(contents, 'will-navigate', 'file:///etc/passwd')).toBe(true)
    expect(isPrevented(contents, 'will-navigate', 'app://kiosk/index.html#/service/1')).toBe(false)
    expect(isPrevented(contents, 'will-redirect', 'app://kiosk/index.html')).toBe(false)
    expect(isPrevented(contents, 'will-attach-webview', 'app://kiosk/')).toBe(true)
    expect(warnings).toHaveBeenCalledWith('kiosk: blocked navigation to https://evil.example')
    expect(warnings).toHaveBeenCalledWith('kiosk: blocked navigation to app://kiosk.evil')
  })

  it('denies every new window, even one for the app itself', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const contents = lockedDownContents()
    const open = registered(contents.windowOpenHandler, 'window open handler')
    expect(open({ url: 'https://evil.example/' })).toEqual({ action: 'deny' })
    expect(open({ url: 'app://kiosk/index.html' })).toEqual({ action: 'deny' })
  })

  it('swallows devtools, reload, zoom and print shortcuts in production', () => {
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
    expect(press({ key: 'I', control: true, shift: true })).toBe(true)
    expect(press({ key: 'r', control: true })).toBe(true)
    expect(press({ key: 'p', control: true })).toBe(true)
    expect(press({ key: '7' })).toBe(false)
    expect(press({ key: 'Backspace' })).toBe(false)
  })
})

describe('permissions', () => {
  const fromTheApp = { requestingUrl: 'app://kiosk/index.html' }
  function request(permission: string, details: unknown = fromTheApp) {
    const callback = vi.fn()
    registered(fake.permissionRequest, 'permission request handler')({}, permission, callback, details)
    expect(callback).toHaveBeenCalledOnce()
    return callback.mock.calls[0]?.[0] as boolean
  }
  const check = (permission: string, origin = 'app://kiosk') =>
    registered(fake.permissionCheck, 'permission check handler')({}, permission, origin, {})
  const device = (deviceType: string, ids: object, origin = 'app://kiosk') =>
    registered(fake.devicePermission, 'device permission handler')({ deviceType, origin, device: ids })

  it('denies every permission request and check that no configured peripheral needs, logging refused requests', () => {
    const warnings = vi.spyOn(console, 'warn').mockImplementation(() => {})
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'usb']) {
      expect(request(permission)).toBe(false)
      expect(check(permission)).toBe(false)
    }
    expect(warnings).toHaveBeenCalledWith('kiosk: refused the media permission')
  })

  it('grants the configured peripherals’ permissions to the app, and to nothing else', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    expect(request('hid')).toBe(true)
    expect(request('serial')).toBe(true)
    expect(check('hid')).toBe(true)
    expect(check('serial')).toBe(true)
    expect(request('hid', { requestingUrl: 'https://evil.example/' })).toBe(false)
    expect(request('hid', {})).toBe(false)
    expect(check('hid', 'https://evil.example')).toBe(false)
  })

  it('lets the app open the configured devices and no other', () => {
    expect(device('hid', { vendorId: 0x076b, productId: 0x5321 })).toBe(true)
    expect(device('hid', { vendorId: 0x076b, productId: 0x0001 })).toBe(false)
    expect(device('hid', { vendorId: 0x076b, productId: 0x5321 }, 'https://evil.example')).toBe(false)
    expect(device('serial', { vendorId: '1027', productId: '24577' })).toBe(true)
    expect(device('usb', { vendorId: 0x076b, productId: 0x5321 })).toBe(false)
  })

  it('answers a request for a device with the configured one, or cancels it, never showing a chooser', () => {
    const hidDevices = [
      { deviceId: 'keyboard', vendorId: 0x046d, productId: 0xc31c },
      { deviceId: 'reader', vendorId: 0x076b, productId: 0x5321 },
    ]
    const chooseHid = (deviceList: unknown[], url = 'app://kiosk/index.html') => {
      const preventDefault = vi.fn()
      const callback = vi.fn()
      fake.sessionEvents.emit('select-hid-device', { preventDefault }, { deviceList, frame: { url } }, callback)
      expect(preventDefault).toHaveBeenCalledOnce()
      return callback.mock.calls[0]
    }
    expect(chooseHid(hidDevices)).toEqual(['reader'])
    expect(chooseHid(hidDevices.slice(0, 1))).toEqual([undefined])
    expect(chooseHid(hidDevices, 'https://evil.example/')).toEqual([undefined])

    const choosePort = (ports: unknown[]) => {
      const callback = vi.fn()
      const contents = { getURL: () => 'app://kiosk/index.html' }
      fake.sessionEvents.emit('select-serial-port', { preventDefault: vi.fn() }, ports, contents, callback)
      return callback.mock.calls[0]
    }
    expect(choosePort([{ portId: 'COM1' }, { portId: 'COM3', vendorId: '1027', productId: '24577' }])).toEqual(['COM3'])
    expect(choosePort([{ portId: 'COM1' }])).toEqual([''])

    const usbCallback = vi.fn()
    const usbDevices = [{ deviceId: 'reader', vendorId: 0x076b, productId: 0x5321 }]
    const frame = { url: 'app://kiosk/index.html' }
    fake.sessionEvents.emit(
      'select-usb-device',
      { preventDefault: vi.fn() },
      { deviceList: usbDevices, frame },
      usbCallback,
    )
    expect(usbCallback).toHaveBeenCalledExactlyOnceWith(undefined)
  })
})

describe('app:// protocol', () => {
  const serve = (url: string) =>
    registered(fake.protocolHandlers.get('app'), 'app:// handler')(new Request(url)) as Promise<Response>

  it('serves the app with the content security policy', async () => {
    const index = await serve('app://kiosk/')
    expect(index.status).toBe(200)
    expect(await index.text()).toContain('<title>Darwaza</title>')
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const csp = index.headers.get('content-security-policy')
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain(`connect-src 'self' ${gatewayOrigin}`)
    expect(csp).toContain("frame-ancestors 'none'")

    const script = await serve('app://kiosk/assets/app.js')
    expect(await script.text()).toBe('console.log(1)')
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
  })

  it.each([
    'app://kiosk/assets/..%2f..%2fkiosk-secret.txt',
    'app://kiosk/assets/..%5c..%5ckiosk-secret.txt',
    'app://kiosk/assets/%2e%2e%2f%2e%2e%2fkiosk-secret.txt',
    `app://kiosk/${encodeURIComponent(path.join(tmpdir(), 'kiosk-secret.txt'))}`,
    'app://kiosk/missing.js',
    'app://kiosk/assets',
    'app://elsewhere/index.html',
  ])('answers 404 to %s', async (url) => {
    const response = await serve(url)
    expect(response.status).toBe(404)
    expect(await response.text()).toBe('Not found')
  })
})

describe('IPC', () => {
  const deviceInfo = () => registered(fake.ipcHandlers.get(ipcChannels.deviceInfo), 'device-info handler')
  const kioskState = () => registered(fake.ipcHandlers.get(ipcChannels.kioskState), 'kiosk-state handler')
  const print = () => registered(fake.ipcHandlers.get(ipcChannels.print), 'print handler')
  const receipt = (html = '<p>x</p>') => ({ kind: 'receipt', html })
  const lastPrinted = () => {
    const url = fake.windows.at(-1)?.loaded[0] ?? ''
    return Buffer.from(url.slice(url.indexOf(',') + 1), 'base64').toString('utf8')
  }
  const stateSent = () => mainWindow().webContents.sent.filter(([channel]) => channel === ipcChannels.kioskStateChanged)

  it('tells the app about the device, and nothing more', async () => {
    expect(await deviceInfo()(fromApp)).toEqual({
      gatewayUrl: gatewayOrigin,
      label: 'Hall A, kiosk 3',
      appVersion: '0.1.0',
      platform: process.platform,
      idleSeconds: 90,
      defaultLanguage: 'ur',
      paperFormat: 'thermal-80mm',
    })
  })

  it('tells the app the kiosk’s state; at the start, nothing changed so nothing was sent', async () => {
    expect(atStart.sent).toEqual([])
    expect(await kioskState()(fromApp)).toEqual({ enrolment: 'unenrolled', printerProblem: null })
  })

  it('forgets the last citizen when the app asks: storage, caches and back history', async () => {
    const wipe = registered(fake.ipcHandlers.get(ipcChannels.wipeSession), 'wipe-session handler')
    const sender = { navigationHistory: { clear: () => fake.wiped.push('history') } }
    await expect(wipe({ senderFrame: { url: 'https://evil.example/' }, sender })).rejects.toThrow('refused')
    expect(fake.wiped).toEqual([])
    await wipe({ ...fromApp, sender })
    expect(fake.wiped).toEqual(['storage', 'cache', 'history'])
  })

  it.each([{ url: 'https://evil.example/' }, { url: 'app://kiosk.evil/' }, { url: 'data:text/html,x' }, null])(
    'refuses a sender frame %o',
    async (senderFrame) => {
      expect(() => deviceInfo()({ senderFrame })).toThrow('refused: sender is not the kiosk app')
      expect(() => kioskState()({ senderFrame })).toThrow('refused: sender is not the kiosk app')
      const printsBefore = fake.windows.length
      await expect(print()({ senderFrame }, receipt('<p>receipt</p>'))).rejects.toThrow('refused')
      expect(fake.windows).toHaveLength(printsBefore)
    },
  )

  it.each([
    ['<p>receipt</p>', 'cannot print: a print request must be { kind, html, language? }'],
    [{ kind: 'receipt', html: '' }, 'cannot print: html must not be empty'],
    [receipt('x'.repeat(200_001)), 'cannot print: html must be under 200 KB'],
    [receipt('<script>alert(1)</script>'), 'cannot print: html must be content only, without <script>'],
    [undefined, 'cannot print: a print request must be { kind, html, language? }'],
  ])('refuses to print %#', async (request, reason) => {
    const windowsBefore = fake.windows.length
    expect(await print()(fromApp, request)).toEqual({ ok: false, reason: expect.stringContaining(reason) })
    expect(fake.windows).toHaveLength(windowsBefore)
  })

  it('prints silently to the configured printer from a hidden sandboxed window without scripts', async () => {
    const html = '<h1>Receipt</h1><p>Tracking #DRW-0001 & 50% paid</p>'
    expect(await print()(fromApp, receipt(html))).toEqual({ ok: true })
    const printer = fake.windows.at(-1)
    expect(printer).not.toBe(mainWindow())
    expect(printer?.options).toMatchObject({
      show: false,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false },
    })
    expect(printer?.loaded[0]?.startsWith('data:text/html;charset=utf-8;base64,')).toBe(true)
    expect(printer?.webContents.printCalls[0]?.options).toEqual({
      silent: true,
      printBackground: true,
      deviceName: 'Receipts-80mm',
      pageSize: { width: 80_000, height: 297_000 },
      margins: { marginType: 'none' },
      landscape: false,
      copies: 1,
    })
    expect(printer?.destroyed).toBe(true)
  })

  it('prints a whole document for the 80 mm roll around the fragment, in the kiosk’s language unless told', async () => {
    const html = '<h1>رسید</h1><p>DRW-0001</p>'
    await print()(fromApp, receipt(html))
    const urdu = lastPrinted()
    expect(urdu).toMatch(/^<!doctype html>\n<html lang="ur" dir="rtl">/)
    expect(urdu).toContain('@page { size: 80mm 297mm; margin: 0; }')
    expect(urdu).toContain(`<body class="dz-print dz-receipt dz-paper-thermal-80mm">\n${html}\n</body>`)

    await print()(fromApp, { kind: 'ticket', html: '<p class="dz-ticket-number">A-017</p>', language: 'en' })
    expect(lastPrinted()).toContain('<html lang="en" dir="ltr">')
    expect(lastPrinted()).toContain('<body class="dz-print dz-ticket dz-paper-thermal-80mm">')
  })

  it('passes on why printing failed, and tells the app of the printer problem until a print works', async () => {
    const warnings = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const sentBefore = stateSent().length
    fake.onPrint = (_options, callback) => callback(false, 'Printer is out of paper')
    try {
      expect(await print()(fromApp, receipt())).toEqual({ ok: false, reason: 'Printer is out of paper' })
    } finally {
      fake.onPrint = (_options, callback) => callback(true, '')
    }
    const outOfPaper = { enrolment: 'unenrolled', printerProblem: 'Printer is out of paper' }
    expect(stateSent().slice(sentBefore)).toEqual([[ipcChannels.kioskStateChanged, outOfPaper]])
    expect(await kioskState()(fromApp)).toEqual(outOfPaper)
    expect(warnings).toHaveBeenCalledWith('kiosk: printer problem: Printer is out of paper')

    expect(await print()(fromApp, receipt())).toEqual({ ok: true })
    expect(stateSent().slice(sentBefore)).toEqual([
      [ipcChannels.kioskStateChanged, outOfPaper],
      [ipcChannels.kioskStateChanged, { enrolment: 'unenrolled', printerProblem: null }],
    ])
    await print()(fromApp, receipt())
    expect(stateSent().slice(sentBefore)).toHaveLength(2)
  })

  it('gives up on a printer that never answers', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    vi.useFakeTimers()
    fake.onPrint = () => {}
    try {
      const result = print()(fromApp, receipt())
      await vi.advanceTimersByTimeAsync(printTimeoutMs)
      expect(await result).toEqual({ ok: false, reason: 'the printer did not answer in time' })
      expect(fake.windows.at(-1)?.destroyed).toBe(true)
    } finally {
      fake.onPrint = (_options, callback) => callback(true, '')
    }
  })

  it('answers, not throws, when Electron refuses the print settings', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    fake.onPrint = () => {
      throw new Error('Invalid printer settings')
    }
    try {
      expect(await print()(fromApp, receipt())).toEqual({
        ok: false,
        reason: 'the print settings were refused: Invalid printer settings',
      })
      expect(fake.windows.at(-1)?.destroyed).toBe(true)
    } finally {
      fake.onPrint = (_options, callback) => callback(true, '')
    }
  })

  it('answers, not throws, when the receipt cannot be loaded', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    fake.failingLoads = 1
    const result = await print()(fromApp, receipt())
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('could not prepare the receipt') })
  })
})
