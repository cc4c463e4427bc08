import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  appOrigin,
  chooseConfiguredDevice,
  contentSecurityPolicy,
  describeUrl,
  isAllowedNavigation,
  isBlockedShortcut,
  isDeviceGranted,
  isPermissionGranted,
  isTrustedSender,
  peripheralPermissions,
  type Peripheral,
  resolveAppFile,
  shouldRetryLoad,
  windowOptions,
} from './policy.ts'

const dist = path.resolve('/opt/darwaza/dist')

describe('kiosk window', () => {
  it('isolates the page from Node and Electron, sandboxed', () => {
    const options = windowOptions('/opt/darwaza/preload.cjs', true)
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    })
    expect(options).toMatchObject({ kiosk: true, fullscreen: true })
  })

  it('keeps devtools for development only', () => {
    expect(windowOptions('/p', false).webPreferences?.devTools).toBe(true)
    expect(windowOptions('/p', false).kiosk).toBe(false)
  })
})

describe('navigation guard', () => {
  it.each([
    ['app://kiosk/index.html', true],
    ['app://kiosk/assets/x.js', true],
    ['APP://KIOSK/index.html', true],
    ['app://kiosk.evil/index.html', false],
    ['app://evil/index.html', false],
    ['https://gateway.example.gov.pk/', false],
    ['https://example.com/?redirect=app://kiosk', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('%s → allowed: %s', (url, allowed) => {
    expect(isAllowedNavigation(url, [appOrigin])).toBe(allowed)
  })

  it('compares parsed origins, not string prefixes', () => {
    const allowed = ['https://gateway.example.com']
    expect(isAllowedNavigation('https://gateway.example.com/path', allowed)).toBe(true)
    expect(isAllowedNavigation('https://gateway.example.com.evil.com/', allowed)).toBe(false)
    expect(isAllowedNavigation('https://gateway.example.com@evil.com/', allowed)).toBe(false)
    expect(isAllowedNavigation('http://gateway.example.com/', allowed)).toBe(false)
    expect(isAllowedNavigation('https://gateway.example.com:8443/', allowed)).toBe(false)
  })
})

describe('app:// file server', () => {
  it('serves files under the build folder, index.html for the root', () => {
    expect(resolveAppFile(dist, 'app://kiosk/')).toBe(path.join(dist, 'index.html'))
    expect(resolveAppFile(dist, 'app://kiosk/assets/index-abc.js')).toBe(path.join(dist, 'assets/index-abc.js'))
  })

  it.each(['app://kiosk/../../etc/passwd', 'app://kiosk/%2e%2e/%2e%2e/etc/passwd'])(
    'keeps %s inside the build folder (the URL parser folds the dots)',
    (url) => {
      expect(resolveAppFile(dist, url)).toBe(path.join(dist, 'etc/passwd'))
    },
  )

  it.each([
    'app://kiosk/assets/%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
    'app://kiosk/..%5c..%5cwindows%5csystem.ini',
    'app://kiosk/assets\\..\\..\\secret',
    'app://kiosk/%00index.html',
    'app://kiosk/%E0%A4%A',
    'app://kiosk/%2fetc%2fpasswd',
    'app://kiosk/C:/Windows/win.ini',
    'app://kiosk/C%3a%5cWindows%5cwin.ini',
    'app://kiosk/index.html::$DATA',
    'app://kiosk/assets/CON',
    'app://kiosk/aux.js',
    'app://kiosk/.env',
    'app://kiosk/assets/.%2e%2fsecret',
    'app://other/index.html',
    'app://kiosk.evil/index.html',
    'https://kiosk/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppFile(dist, url)).toBeNull()
  })
})

describe('content security policy', () => {
  it('allows only the app itself, plus connections to the gateway', () => {
    const csp = contentSecurityPolicy('https://gateway.example.gov.pk')
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("connect-src 'self' https://gateway.example.gov.pk")
    expect(csp).toContain("object-src 'none'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("base-uri 'none'")
    expect(csp.split('; ').filter((directive) => /^(script|style|font|img)-src /.test(directive))).toEqual([
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self'",
      "font-src 'self'",
    ])
    expect(csp).not.toMatch(/unsafe-|data:|\*/)
  })
})

describe('loading', () => {
  it('retries a failed load of the page, not an aborted one or a sub-frame', () => {
    expect(shouldRetryLoad(-106, true)).toBe(true)
    expect(shouldRetryLoad(-6, true)).toBe(true)
    expect(shouldRetryLoad(-3, true)).toBe(false)
    expect(shouldRetryLoad(-106, false)).toBe(false)
  })

  it('logs only the origin of a URL', () => {
    expect(describeUrl('https://evil.example/a?token=secret')).toBe('https://evil.example')
    expect(describeUrl('app://kiosk.evil/x')).toBe('app://kiosk.evil')
    expect(describeUrl('data:text/html,secret')).toBe('an invalid or opaque URL')
  })
})

const cardReader: Peripheral = { name: 'ID card reader', type: 'hid', vendorId: 0x076b, productId: 0x5321 }
const tokenScanner: Peripheral = { name: 'Token scanner', type: 'serial', vendorId: 1027, productId: null }
const app = 'app://kiosk/index.html'

describe('permissions', () => {
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'hid', 'serial', 'usb', 'openExternal'])(
    'refuses %s when no peripheral is configured',
    (permission) => {
      expect(isPermissionGranted(permission, app, [])).toBe(false)
    },
  )

  it('grants only what a configured peripheral needs, and only to the app', () => {
    const granted = peripheralPermissions([cardReader, tokenScanner, { ...cardReader, productId: 1 }])
    expect(granted).toEqual(['hid', 'serial'])
    expect(isPermissionGranted('hid', app, granted)).toBe(true)
    expect(isPermissionGranted('serial', 'app://kiosk', granted)).toBe(true)
    expect(isPermissionGranted('usb', app, granted)).toBe(false)
    expect(isPermissionGranted('media', app, granted)).toBe(false)
    expect(isPermissionGranted('hid', 'https://evil.example/', granted)).toBe(false)
    expect(isPermissionGranted('hid', 'app://kiosk.evil/', granted)).toBe(false)
    expect(isPermissionGranted('hid', undefined, granted)).toBe(false)
  })

  it('lets the app open a configured device only', () => {
    const hid = (device: object, origin = 'app://kiosk') =>
      isDeviceGranted({ deviceType: 'hid', origin, device }, [cardReader])
    expect(hid({ vendorId: 0x076b, productId: 0x5321 })).toBe(true)
    expect(hid({ vendorId: 0x076b, productId: 0x5322 })).toBe(false)
    expect(hid({ vendorId: 0x046d, productId: 0x5321 })).toBe(false)
    expect(hid({})).toBe(false)
    expect(hid({ vendorId: 0x076b, productId: 0x5321 }, 'https://evil.example')).toBe(false)
    expect(
      isDeviceGranted({ deviceType: 'usb', origin: 'app://kiosk', device: { vendorId: 0x076b, productId: 0x5321 } }, [
        cardReader,
      ]),
    ).toBe(false)
  })

  it('reads a serial port’s ids from decimal strings, and matches any product when none is configured', () => {
    const serial = (device: object) =>
      isDeviceGranted({ deviceType: 'serial', origin: 'app://kiosk', device }, [tokenScanner])
    expect(serial({ vendorId: '1027', productId: '24577' })).toBe(true)
    expect(serial({ vendorId: '1028', productId: '24577' })).toBe(false)
    expect(serial({ portName: 'ttyS0' })).toBe(false)
    const anySerial: Peripheral = { name: 'Built-in port', type: 'serial', vendorId: null, productId: null }
    expect(isDeviceGranted({ deviceType: 'serial', origin: 'app://kiosk', device: {} }, [anySerial])).toBe(true)
  })

  it('answers a request for a device with the first configured one present, never another', () => {
    const devices = [
      { deviceId: 'keyboard', vendorId: 0x046d, productId: 0xc31c },
      { deviceId: 'reader', vendorId: 0x076b, productId: 0x5321 },
    ]
    expect(chooseConfiguredDevice('hid', devices, app, [cardReader])?.deviceId).toBe('reader')
    expect(chooseConfiguredDevice('hid', devices.slice(0, 1), app, [cardReader])).toBeUndefined()
    expect(chooseConfiguredDevice('usb', devices, app, [cardReader])).toBeUndefined()
    expect(chooseConfiguredDevice('hid', devices, 'https://evil.example/', [cardReader])).toBeUndefined()
    expect(chooseConfiguredDevice('hid', devices, undefined, [cardReader])).toBeUndefined()
  })
})

describe('IPC senders and shortcuts', () => {
  it('trusts IPC only from the app origin', () => {
    expect(isTrustedSender('app://kiosk/index.html')).toBe(true)
    expect(isTrustedSender('https://evil.example/')).toBe(false)
    expect(isTrustedSender('app://kiosk.evil/')).toBe(false)
    expect(isTrustedSender(undefined)).toBe(false)
  })

  it.each([
    ['reload', { key: 'r', control: true }],
    ['reload (macOS)', { key: 'r', meta: true }],
    ['hard reload', { key: 'R', control: true, shift: true }],
    ['reload', { key: 'F5' }],
    ['reload', { key: 'F5', control: true }],
    ['reload key', { key: 'BrowserRefresh' }],
    ['devtools', { key: 'I', control: true, shift: true }],
    ['devtools (macOS)', { key: 'i', meta: true, alt: true }],
    ['devtools console', { key: 'J', control: true, shift: true }],
    ['element picker', { key: 'C', control: true, shift: true }],
    ['devtools', { key: 'F12' }],
    ['full screen', { key: 'F11' }],
    ['zoom in', { key: '+', control: true }],
    ['zoom in', { key: '=', control: true }],
    ['zoom in (macOS)', { key: '=', meta: true }],
    ['zoom out', { key: '-', control: true }],
    ['zoom out', { key: '_', control: true, shift: true }],
    ['reset zoom', { key: '0', control: true }],
    ['close window', { key: 'w', control: true }],
    ['close window', { key: 'F4', alt: true }],
    ['close window', { key: 'F4', control: true }],
    ['print dialog', { key: 'p', control: true }],
    ['print dialog (macOS)', { key: 'p', meta: true }],
    ['quit', { key: 'q', control: true }],
    ['quit (macOS)', { key: 'q', meta: true }],
    ['new window', { key: 'n', control: true }],
    ['back', { key: 'ArrowLeft', alt: true }],
    ['back key', { key: 'BrowserBack' }],
  ])('blocks %s: %o', (_what, input) => {
    expect(isBlockedShortcut({ control: false, meta: false, alt: false, shift: false, ...input })).toBe(true)
  })

  it.each([
    { key: 'a' },
    { key: 'A', shift: true },
    { key: '5' },
    { key: '0' },
    { key: '-' },
    { key: '+', shift: true },
    { key: 'Enter' },
    { key: 'Backspace' },
    { key: 'ArrowLeft' },
    { key: 'F4' },
    { key: 'c', control: true },
    { key: 'v', control: true },
    { key: 'a', control: true },
    { key: 'z', control: true },
    { key: 'ی' },
  ])('lets typing through: %o', (input) => {
    expect(isBlockedShortcut({ control: false, meta: false, alt: false, shift: false, ...input })).toBe(false)
  })
})
