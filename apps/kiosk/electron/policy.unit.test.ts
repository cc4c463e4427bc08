import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  appOrigin,
  contentSecurityPolicy,
  describeUrl,
  isAllowedNavigation,
  isBlockedShortcut,
  isPermissionGranted,
  isPrintableReceipt,
  isTrustedSender,
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

describe('permissions, IPC senders and shortcuts', () => {
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'hid', 'serial'])('refuses %s', (permission) => {
    expect(isPermissionGranted(permission)).toBe(false)
  })

  it('grants only what a configured peripheral needs', () => {
    expect(isPermissionGranted('hid', ['hid'])).toBe(true)
    expect(isPermissionGranted('media', ['hid'])).toBe(false)
  })

  it('trusts IPC only from the app origin', () => {
    expect(isTrustedSender('app://kiosk/index.html')).toBe(true)
    expect(isTrustedSender('https://evil.example/')).toBe(false)
    expect(isTrustedSender('app://kiosk.evil/')).toBe(false)
    expect(isTrustedSender(undefined)).toBe(false)
  })

  it.each([
    [{ key: 'F5' }, true],
    [{ key: 'F12' }, true],
    [{ key: 'r', control: true }, true],
    [{ key: 'I', control: true, shift: true }, true],
    [{ key: 'F4', alt: true }, true],
    [{ key: '=', meta: true }, true],
    [{ key: 'p', control: true }, true],
    [{ key: 'a' }, false],
    [{ key: '5' }, false],
    [{ key: 'Enter' }, false],
  ])('shortcut %o blocked: %s', (input, blocked) => {
    expect(isBlockedShortcut({ control: false, meta: false, alt: false, shift: false, ...input })).toBe(blocked)
  })

  it('prints only a non-empty receipt under the size limit', () => {
    expect(isPrintableReceipt('<p>receipt</p>')).toBe(true)
    expect(isPrintableReceipt('')).toBe(false)
    expect(isPrintableReceipt('x'.repeat(200_001))).toBe(false)
    expect(isPrintableReceipt({ html: 'x' })).toBe(false)
  })
})
