// The kiosk shell's security policy as pure functions, so it is tested without the Electron binary.
import path from 'node:path'
import type { BrowserWindowConstructorOptions } from 'electron'

/** The app is served from this privileged custom scheme, never from file://. */
export const appScheme = 'app'
export const appOrigin = 'app://kiosk'
export const appEntry = `${appOrigin}/index.html`

export const loadRetryDelayMs = 5_000
export const printTimeoutMs = 60_000

/** Chromium's net::ERR_ABORTED: a load superseded by another navigation, not a failure to retry. */
const errAborted = -3

/**
 * scheme://host[:port] of a URL, or null. URL.origin is "null" for custom schemes such as app://,
 * so the origin is built from the parsed parts instead of compared as a string prefix.
 */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url)
    return parsed.host ? `${parsed.protocol}//${parsed.host}`.toLowerCase() : null
  } catch {
    return null
  }
}

export function isAllowedNavigation(url: string, allowedOrigins: readonly string[]): boolean {
  const origin = originOf(url)
  return origin !== null && allowedOrigins.some((allowed) => originOf(allowed) === origin)
}

/** What a log line may say about a URL: its origin, never its path or query. */
export function describeUrl(url: string): string {
  return originOf(url) ?? 'an invalid or opaque URL'
}

/** Only the app itself may call the shell's IPC handlers. */
export function isTrustedSender(frameUrl: string | undefined): boolean {
  return frameUrl !== undefined && originOf(frameUrl) === appOrigin
}

/** A device the page may reach through WebHID, Web Serial or WebUSB, such as a card reader. */
export interface Peripheral {
  /** What the device is, for people reading the configuration ("ID card reader"). */
  name: string
  type: 'hid' | 'serial' | 'usb'
  /** The USB vendor and product ids; null matches any device of the type. */
  vendorId: number | null
  productId: number | null
}

/** The permissions the configured peripherals need: the Web API each is reached through. */
export function peripheralPermissions(peripherals: readonly Peripheral[]): string[] {
  return [...new Set(peripherals.map((device) => device.type))]
}

/**
 * Every permission (camera, microphone, geolocation, notifications…) is refused, except one a
 * configured peripheral needs, asked for by the app itself.
 */
export function isPermissionGranted(
  permission: string,
  requestingUrl: string | undefined,
  grantedPermissions: readonly string[],
): boolean {
  return isTrustedSender(requestingUrl) && grantedPermissions.includes(permission)
}

/** What Electron tells about a device: HID and USB ids are numbers, a serial port's are decimal strings. */
export interface DeviceIds {
  vendorId?: number | string
  productId?: number | string
}

function usbIdOf(value: number | string | undefined): number | null {
  if (value === undefined || value === '') return null
  const id = Number(value)
  return Number.isInteger(id) ? id : null
}

function isConfiguredDevice(type: string, device: DeviceIds, peripherals: readonly Peripheral[]): boolean {
  return peripherals.some(
    (peripheral) =>
      peripheral.type === type &&
      (peripheral.vendorId === null || usbIdOf(device.vendorId) === peripheral.vendorId) &&
      (peripheral.productId === null || usbIdOf(device.productId) === peripheral.productId),
  )
}

/** A device may be opened by the app only when it is one of the configured peripherals. */
export function isDeviceGranted(
  details: { deviceType: string; origin: string | undefined; device: DeviceIds },
  peripherals: readonly Peripheral[],
): boolean {
  return isTrustedSender(details.origin) && isConfiguredDevice(details.deviceType, details.device, peripherals)
}

/**
 * The device to hand the app when it asks for one (navigator.hid.requestDevice and the like): the
 * first configured peripheral present, without a chooser a citizen would have to answer.
 */
export function chooseConfiguredDevice<Device extends DeviceIds>(
  type: Peripheral['type'],
  devices: readonly Device[],
  requestingUrl: string | undefined,
  peripherals: readonly Peripheral[],
): Device | undefined {
  if (!isTrustedSender(requestingUrl)) return undefined
  return devices.find((device) => isConfiguredDevice(type, device, peripherals))
}

export function windowOptions(preloadPath: string, production: boolean): BrowserWindowConstructorOptions {
  return {
    kiosk: production,
    fullscreen: production,
    autoHideMenuBar: true,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: !production,
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  }
}

/** The same policy the gateway sends with the web view, plus the gateway as the one place to connect to. */
export function contentSecurityPolicy(gatewayOrigin: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    `connect-src 'self' ${gatewayOrigin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
}

/** Windows opens these device names in any folder, whatever the extension. */
const windowsDeviceName = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i
const safeSegment = /^[A-Za-z0-9_@~+-][A-Za-z0-9._@~+-]*$/

/**
 * The file under distDir that an app:// request names, or null when the request is for another
 * host or is not a plain relative path inside distDir: `..` in any encoding, backslashes, drive
 * letters and other colons, NUL bytes and Windows device names are refused.
 */
export function resolveAppFile(distDir: string, requestUrl: string): string | null {
  if (originOf(requestUrl) !== appOrigin) return null
  let segments: string[]
  try {
    segments = new URL(requestUrl).pathname.split('/').filter(Boolean).map(decodeURIComponent)
  } catch {
    return null
  }
  if (segments.length === 0) segments = ['index.html']
  if (!segments.every((segment) => safeSegment.test(segment) && !windowsDeviceName.test(segment))) return null
  const root = path.resolve(distDir)
  const file = path.resolve(root, ...segments)
  return file.startsWith(`${root}${path.sep}`) ? file : null
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
}

export function contentTypeOf(file: string): string {
  return contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream'
}

/** Shortcuts a citizen must not use at a production kiosk: reload, devtools, zoom, close, print dialog. */
export function isBlockedShortcut(input: {
  key: string
  control: boolean
  meta: boolean
  alt: boolean
  shift: boolean
}): boolean {
  const key = input.key.toLowerCase()
  const modifier = input.control || input.meta
  if (['f5', 'f11', 'f12', 'browserback', 'browserforward', 'browserrefresh'].includes(key)) return true
  if ((input.alt || modifier) && key === 'f4') return true
  if (input.alt && ['arrowleft', 'arrowright', 'home'].includes(key)) return true
  if (modifier && ['r', 'w', 'q', 'p', 'n', 't', '+', '-', '_', '=', '0'].includes(key)) return true
  if (modifier && (input.shift || input.alt) && ['i', 'j', 'c'].includes(key)) return true
  return false
}

export function shouldRetryLoad(errorCode: number, isMainFrame: boolean): boolean {
  return isMainFrame && errorCode !== errAborted
}
