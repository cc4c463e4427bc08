// The kiosk emulator: the web view as an enrolled kiosk sees it, in an ordinary browser, for the demo
// and for machines without the Electron runtime. Like the shell's main process it keeps the kiosk's
// device credential and attaches it to the gateway requests itself (the page never sees it), and it
// gives the page the same small bridge: device info, silent printing (into a folder, laid out by the
// shell's own print code for the configured paper), kiosk state and wiping the session.
// It is a development tool: it listens on loopback only and is never part of a deployment.
import { createReadStream, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { createServer, request as forward, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import path from 'node:path'
import { checkPrintRequest, printDocument } from '../electron/print-document.ts'
import type { DeviceInfo, KioskLanguage, PaperFormat } from '../src/kiosk-bridge.ts'

export interface KioskEmulatorOptions {
  /** The gateway, e.g. http://127.0.0.1:4000 */
  gatewayUrl: string
  /** The kiosk's device credential, from enrolment. */
  credential: string
  /** The built web view (apps/kiosk/dist). */
  webRoot: string
  /** Where printed receipts and tickets are kept, one HTML file each. */
  printedDir: string
  label: string
  idleSeconds: number
  defaultLanguage: KioskLanguage
  paperFormat: PaperFormat
}

/** What the gateway answers on the kiosk's behalf; everything else is the web view's own files. */
const gatewayPaths = [/^\/trpc\//, /^\/health$/, /^\/dev\//, /^\/\.well-known\//, /^\/payments\//]

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
}

const contentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"

export function createKioskEmulator(options: KioskEmulatorOptions) {
  mkdirSync(options.printedDir, { recursive: true })
  const deviceInfo: Omit<DeviceInfo, 'gatewayUrl'> = {
    label: options.label,
    appVersion: 'emulator',
    platform: process.platform,
    idleSeconds: options.idleSeconds,
    defaultLanguage: options.defaultLanguage,
    paperFormat: options.paperFormat,
  }
  const bridgeTag = `<script src="/emulator/bridge.js" data-config="${escapeAttribute(JSON.stringify({ deviceInfo }))}"></script>`

  function proxy(request: IncomingMessage, response: ServerResponse) {
    const target = new URL(request.url ?? '/', options.gatewayUrl)
    const headers = { ...request.headers, host: target.host, 'x-darwaza-kiosk': options.credential }
    const upstream = forward(target, { method: request.method, headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(response)
    })
    upstream.on('error', () => {
      if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' })
      response.end('The gateway cannot be reached.')
    })
    request.pipe(upstream)
  }

  function serveFile(pathname: string, response: ServerResponse) {
    const relative = path.normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '')
    const file = path.resolve(options.webRoot, relative || 'index.html')
    if (!file.startsWith(path.resolve(options.webRoot) + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found')
      return
    }
    const headers = {
      'content-type': contentTypes[path.extname(file)] ?? 'application/octet-stream',
      'content-security-policy': contentSecurityPolicy,
      'x-content-type-options': 'nosniff',
    }
    if (path.basename(file) === 'index.html') {
      // The bridge is there before the app's module script runs, as the shell's preload is.
      const page = readFileSync(file, 'utf8').replace('<head>', `<head>\n    ${bridgeTag}`)
      response.writeHead(200, headers).end(page)
      return
    }
    response.writeHead(200, headers)
    createReadStream(file).pipe(response)
  }

  async function print(request: IncomingMessage, response: ServerResponse) {
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of request as AsyncIterable<Buffer>) {
      size += chunk.length
      if (size > 300_000) return json(response, 413, { ok: false, reason: 'the print request is too large' })
      chunks.push(chunk)
    }
    let body: unknown
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
    } catch {
      return json(response, 400, { ok: false, reason: 'the print request is not JSON' })
    }
    const checked = checkPrintRequest(body)
    if (!checked.ok) return json(response, 400, { ok: false, reason: checked.reason })
    const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${checked.request.kind}.html`
    writeFileSync(
      path.join(options.printedDir, name),
      printDocument(checked.request, options.paperFormat, options.defaultLanguage),
    )
    return json(response, 200, { ok: true })
  }

  function printedList(response: ServerResponse) {
    const files = readdirSync(options.printedDir)
      .filter((file) => file.endsWith('.html'))
      .sort()
      .reverse()
      .slice(0, 30)
    const items = files.map((file) => `<li><a href="/emulator/printed/${encodeURIComponent(file)}">${file}</a></li>`)
    response
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
      .end(
        `<!doctype html><meta charset="utf-8"><title>Kiosk printer</title><h1>What the kiosk printed</h1><p>Newest first; each is the document the kiosk shell sends to its printer (${options.paperFormat}).</p><ol>${items.join('')}</ol>`,
      )
  }

  const server: Server = createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://emulator').pathname
    if (gatewayPaths.some((pattern) => pattern.test(pathname))) return proxy(request, response)
    if (pathname === '/emulator/bridge.js') {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' })
      return void createReadStream(path.join(import.meta.dirname, 'bridge.js')).pipe(response)
    }
    if (pathname === '/emulator/print' && request.method === 'POST') return void print(request, response)
    if (pathname === '/emulator/printed') return printedList(response)
    const printed = pathname.match(/^\/emulator\/printed\/([\w.-]+\.html)$/)?.[1]
    if (printed && existsSync(path.join(options.printedDir, printed))) {
      // The printed document carries its own policy that loads nothing.
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      return void createReadStream(path.join(options.printedDir, printed)).pipe(response)
    }
    return serveFile(pathname, response)
  })

  return {
    listen(port: number, host = '127.0.0.1') {
      return new Promise<string>((resolve) => {
        server.listen(port, host, () => {
          const address = server.address()
          resolve(`http://${host}:${typeof address === 'object' && address ? address.port : port}`)
        })
      })
    },
    close() {
      server.closeAllConnections()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function json(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
}

function escapeAttribute(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}
