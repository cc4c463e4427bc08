// Wires the kiosk policy (policy.ts) into Electron. Everything here is glue; the decisions are in policy.ts.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { app, BrowserWindow, safeStorage, ipcMain, Menu, protocol, session, type WebContents } from 'electron'
import type { DeviceInfo, PrintResult } from '../src/kiosk-bridge.ts'
import type { KioskConfig } from './config.ts'
import { credentialHeadersFor, enrol, fileVault, heartbeat } from './device-credential.ts'
import {
  appEntry,
  appOrigin,
  appScheme,
  contentSecurityPolicy,
  contentTypeOf,
  describeUrl,
  isAllowedNavigation,
  isBlockedShortcut,
  isPermissionGranted,
  isPrintableReceipt,
  isTrustedSender,
  loadRetryDelayMs,
  printTimeoutMs,
  resolveAppFile,
  shouldRetryLoad,
  windowOptions,
} from './policy.ts'

export const ipcChannels = {
  deviceInfo: 'kiosk:device-info',
  printReceipt: 'kiosk:print-receipt',
  wipeSession: 'kiosk:wipe-session',
} as const

export interface ShellPaths {
  /** The built web view (apps/kiosk/dist). */
  distDir: string
  preload: string
}

/** Must run before the app is ready: app:// behaves like https (secure, standard, fetch-capable). */
export function registerAppScheme() {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

export async function startKioskShell(config: KioskConfig, paths: ShellPaths): Promise<BrowserWindow | null> {
  app.enableSandbox()
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return null
  }
  await app.whenReady()
  Menu.setApplicationMenu(null)

  const csp = contentSecurityPolicy(config.gatewayOrigin)
  protocol.handle(appScheme, async (request) => {
    const file = resolveAppFile(paths.distDir, request.url)
    if (!file) return new Response('Not found', { status: 404 })
    try {
      return new Response(await readFile(file), {
        headers: { 'content-type': contentTypeOf(file), 'content-security-policy': csp },
      })
    } catch {
      return new Response('Not found', { status: 404 })
    }
  })

  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(isPermissionGranted(permission)),
  )
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => isPermissionGranted(permission))
  session.defaultSession.setDevicePermissionHandler((details) => isPermissionGranted(details.deviceType))

  app.on('web-contents-created', (_event, contents) => lockDown(contents, config))
  const credential = await startDeviceCredential(config)
  setInterval(() => void credential.beat(), heartbeatMs).unref()

  ipcMain.handle(ipcChannels.deviceInfo, (event): DeviceInfo => {
    if (!isTrustedSender(event.senderFrame?.url)) throw new Error('refused: sender is not the kiosk app')
    return {
      gatewayUrl: config.gatewayOrigin,
      label: config.label,
      appVersion: app.getVersion(),
      platform: process.platform,
      idleSeconds: config.idleSeconds,
      defaultLanguage: config.defaultLanguage,
    }
  })
  ipcMain.handle(ipcChannels.wipeSession, async (event): Promise<void> => {
    if (!isTrustedSender(event.senderFrame?.url)) throw new Error('refused: sender is not the kiosk app')
    // The kiosk credential is not browser storage (the main process keeps it), so it survives this.
    await session.defaultSession.clearStorageData()
    await session.defaultSession.clearCache()
    event.sender.navigationHistory.clear()
  })
  ipcMain.handle(ipcChannels.printReceipt, async (event, html: unknown): Promise<PrintResult> => {
    if (!isTrustedSender(event.senderFrame?.url)) throw new Error('refused: sender is not the kiosk app')
    if (!isPrintableReceipt(html)) return { ok: false, reason: 'receipt must be non-empty HTML under 200 KB' }
    return printSilently(html, config.printerName)
  })

  const window = new BrowserWindow(windowOptions(paths.preload, config.production))
  // A failed load rejects loadURL and also emits did-fail-load, which retries; the rejection adds nothing.
  const loadApp = () => window.loadURL(appEntry).catch(() => undefined)
  let retry: NodeJS.Timeout | undefined
  window.once('ready-to-show', () => window.show())
  window.webContents.on('did-fail-load', (_event, code, description, url, isMainFrame) => {
    if (!shouldRetryLoad(code, isMainFrame) || retry) return
    console.error(
      `kiosk: failed to load ${describeUrl(url)} (${code} ${description}); retrying in ${loadRetryDelayMs} ms`,
    )
    window.show()
    retry = setTimeout(() => {
      retry = undefined
      void loadApp()
    }, loadRetryDelayMs)
  })
  window.webContents.on('render-process-gone', (_event, details) => {
    console.error(`kiosk: renderer gone (${details.reason}, exit code ${details.exitCode}); reloading`)
    window.webContents.reload()
  })
  window.on('unresponsive', () => {
    console.error('kiosk: renderer unresponsive; reloading')
    window.webContents.forcefullyCrashRenderer()
    window.webContents.reload()
  })
  await loadApp()
  return window
}

const heartbeatMs = 60_000

/**
 * Enrols the kiosk if it has no credential yet and a code was configured, then attaches the
 * credential to every request bound for the gateway's origin. The page never sees it.
 */
export async function startDeviceCredential(config: KioskConfig) {
  const encryption = safeStorage.isEncryptionAvailable()
    ? {
        encrypt: (plain: string) => safeStorage.encryptString(plain),
        decrypt: (sealed: Buffer) => safeStorage.decryptString(sealed),
      }
    : null
  const vault = fileVault(path.join(app.getPath('userData'), 'device-credential.bin'), encryption, config.production)
  let credential = vault.read()
  if (!credential && config.enrolmentCode) {
    try {
      const enrolled = await enrol(config.gatewayOrigin, config.enrolmentCode)
      vault.write(enrolled.credential)
      credential = enrolled.credential
      console.log(`kiosk: enrolled as ${enrolled.kioskId}`)
    } catch (error) {
      console.error(
        `kiosk: enrolment failed (${error instanceof Error ? error.message : 'unknown error'}); running unenrolled`,
      )
    }
  }
  if (!credential) console.warn('kiosk: not enrolled; citizens can browse but not sign in here until it is')

  session.defaultSession.webRequest.onBeforeSendHeaders(
    { urls: [`${config.gatewayOrigin}/*`] },
    (details, callback) => {
      callback({
        requestHeaders: {
          ...details.requestHeaders,
          ...credentialHeadersFor(details.url, config.gatewayOrigin, credential),
        },
      })
    },
  )

  return {
    current: () => credential,
    /** Reports to the gateway; a revoked kiosk forgets its credential at once. */
    async beat() {
      if (!credential) return 'unenrolled' as const
      const state = await heartbeat(config.gatewayOrigin, credential)
      if (state === 'revoked') {
        vault.clear()
        credential = null
        console.error('kiosk: the gateway says this kiosk was revoked; its credential was removed')
      }
      return state
    },
  }
}

/** Applied to every web contents the app creates, including the hidden print windows. */
function lockDown(contents: WebContents, config: KioskConfig) {
  const allowed = [appOrigin]
  const guard = (event: { preventDefault(): void }, url: string) => {
    if (!isAllowedNavigation(url, allowed)) {
      event.preventDefault()
      console.warn(`kiosk: blocked navigation to ${describeUrl(url)}`)
    }
  }
  contents.on('will-navigate', guard)
  contents.on('will-redirect', guard)
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    console.warn(`kiosk: blocked a new window for ${describeUrl(url)}`)
    return { action: 'deny' }
  })
  if (config.production) {
    contents.on('before-input-event', (event, input) => {
      if (isBlockedShortcut(input)) event.preventDefault()
    })
    contents.on('devtools-opened', () => contents.closeDevTools())
  }
}

async function printSilently(html: string, printerName: string | null): Promise<PrintResult> {
  const printer = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false },
  })
  let timer: NodeJS.Timeout | undefined
  try {
    await printer.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`)
    return await new Promise<PrintResult>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, reason: 'the printer did not answer in time' }), printTimeoutMs)
      printer.webContents.print(
        { silent: true, printBackground: true, ...(printerName ? { deviceName: printerName } : {}) },
        (success, failureReason) => resolve(success ? { ok: true } : { ok: false, reason: failureReason }),
      )
    })
  } catch (error) {
    return { ok: false, reason: `could not prepare the receipt: ${error instanceof Error ? error.message : error}` }
  } finally {
    clearTimeout(timer)
    printer.destroy()
  }
}

export function shellPaths(baseDir: string): ShellPaths {
  return { distDir: path.resolve(baseDir, '../dist'), preload: path.join(baseDir, 'preload.cjs') }
}
