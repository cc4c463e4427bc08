// The usual setting of a browser test: the web view built as the demo builds it, served by a real
// gateway on a fresh SQLite file with the demo catalogue (and, if asked, the demo's staff), Debian's
// chromium, and optionally the real Traffic Police department. One call, one close.
import path from 'node:path'
import { createDb, providerOf, type Db } from '@darwaza/db'
import { seedDemoCatalogue } from '@darwaza/db/seed'
import { createTrafficPoliceServer } from '@darwaza/departments/traffic-police'
import { seedDemoAccess } from '@darwaza/gateway/seed'
import type { Browser } from 'playwright-core'
import { buildWebView, launchChromium } from './browser.ts'
import { freshSqliteUrl, scratchFolder } from './databases.ts'
import { testDepartmentKeys, testDepartmentSigner } from './department-keys.ts'
import { startTestGateway, testGatewayKeys, type TestGateway } from './gateway.ts'

export interface WebViewRun {
  /** The built web view the gateway serves. */
  webRoot: string
  browser: Browser
  gateway: TestGateway
  db: Db
  close(): Promise<void>
}

export async function startWebViewRun(
  options: { trafficPolice?: boolean; staff?: boolean; env?: Record<string, string> } = {},
): Promise<WebViewRun> {
  const [webRoot, databaseUrl, browser] = await Promise.all([buildWebView(), freshSqliteUrl(), launchChromium()])
  const police = options.trafficPolice
    ? createTrafficPoliceServer({
        dataFile: path.join(scratchFolder(), 'traffic-police.db'),
        gatewayKeys: testGatewayKeys,
        signer: testDepartmentSigner('traffic-police'),
      })
    : null
  const policeUrl = police ? await police.listen(0, '127.0.0.1') : null
  const db = createDb(databaseUrl)
  await seedDemoCatalogue(db, policeUrl ? { 'traffic-police': policeUrl } : {}, testDepartmentKeys())
  if (options.staff) await seedDemoAccess(db, providerOf(databaseUrl))
  const gateway = await startTestGateway({
    DATABASE_URL: databaseUrl,
    WEB_ROOT: webRoot,
    DELIVERY_WORKER: 'off',
    ...options.env,
  })
  return {
    webRoot,
    browser,
    gateway,
    db,
    async close() {
      await browser.close()
      await gateway.stop()
      await police?.close()
      await db.$disconnect()
    },
  }
}
