// Starts a gateway from configuration: checks the database's migrations, wires the services, listens,
// and shuts down gracefully (in-flight requests finish, then the database closes).
import { readFileSync } from 'node:fs'
import {
  generateSigningKeyPair,
  loadPrivateKey,
  publicKeyOf,
  type SigningIdentity,
} from '@darwaza/contracts/department-protocol/signatures'
import { createDb, providerOf, redactUrl } from '@darwaza/db'
import { createDevelopmentRegistry } from './adapters/development-registry.ts'
import { createDevelopmentSms } from './adapters/development-sms.ts'
import type { AccessDeps } from './services/deps.ts'
import { migrationStatus } from '@darwaza/db/migrate'
import type { GatewayConfig } from './env.ts'
import { createCatalogueSearch } from './domain/catalogue.ts'
import { DomainError } from './domain/errors.ts'
import { createDepartmentCircuits } from './federation/department-circuits.ts'
import { createDepartmentLookups } from './federation/department-lookups.ts'
import { createDeliveryWorker } from './federation/delivery-worker.ts'
import { createStatusPoller } from './federation/status-poller.ts'
import { activeDepartmentKeys } from './federation/signed-request.ts'
import { buildGatewayApp } from './http/app.ts'
import { createCatalogueRepository } from './persistence/catalogue-repository.ts'
import { createNotificationSender } from './services/notification-sender.ts'
import { receiveStatusCallback } from './services/status-callbacks.ts'
import { receivePaymentCallback } from './services/payments.ts'
import { documentForDepartment } from './services/documents.ts'
import { createDocumentStore } from './persistence/document-store.ts'
import { createDevelopmentPaymentProvider } from './adapters/development-payments.ts'
import { createDevelopmentEmail } from './adapters/development-email.ts'
import { purgeDrafts } from './services/drafts.ts'

export class StartupRefused extends Error {
  override name = 'StartupRefused'
}

export interface RunningGateway {
  url: string
  /** Delivers what is due in the outbox now (tests and tools; the worker also runs on its own). */
  deliverNow(): Promise<number>
  /** Sends what is due in the notification outbox now. */
  sendNotificationsNow(): Promise<number>
  /** Asks departments that cannot call back for status changes now. */
  pollStatusesNow(): Promise<number>
  stop(): Promise<void>
}

export async function startGateway(
  config: GatewayConfig,
  options: { logStream?: NodeJS.WritableStream } = {},
): Promise<RunningGateway> {
  const status = await migrationStatus(config.databaseUrl)
  if (status.state === 'behind') {
    throw new StartupRefused(
      `The database at ${redactUrl(config.databaseUrl)} is missing ${status.pending.length} migration(s) ` +
        `(${status.pending.join(', ')}). Apply them with \`pnpm db:migrate\` (DATABASE_URL set the same way), then start again.`,
    )
  }
  if (status.state === 'diverged') {
    throw new StartupRefused(
      `The database at ${redactUrl(config.databaseUrl)} does not match this version's migrations: ${status.detail}.`,
    )
  }

  const signer = loadGatewaySigner(config)
  const paymentProvider = createDevelopmentPaymentProvider()
  const db = createDb(config.databaseUrl)
  const circuits = createDepartmentCircuits(
    config.circuit,
    (error) => error instanceof DomainError && error.code.startsWith('DEPARTMENT_'),
  )
  const catalogue = createCatalogueRepository(db)
  const departments = createDepartmentLookups({
    deadlineMs: config.lookupDeadlineMs,
    signer,
    circuits,
    departmentKeys: (code) => activeDepartmentKeys(db, code),
  })
  const access: AccessDeps = {
    db,
    provider: providerOf(config.databaseUrl),
    registry: createDevelopmentRegistry(),
    sms: createDevelopmentSms(db),
    email: createDevelopmentEmail(db),
    config,
    now: () => new Date(),
    signer,
    conformanceTimeoutMs: config.conformanceTimeoutMs,
    documents: createDocumentStore(config.documentsDir),
    documentMaxBytes: config.documentMaxBytes,
    quotes: departments,
  }
  const app = await buildGatewayApp({
    config,
    logStream: options.logStream,
    services: {
      catalogue,
      searchCatalogue: createCatalogueSearch(catalogue),
      departments,
      access,
      hallBoardRefreshMs: config.hallBoardRefreshMs,
    },
    developmentSmsInbox:
      config.smsProvider === 'development' && !config.production
        ? () =>
            db.devSmsMessage.findMany({
              orderBy: { createdAt: 'desc' },
              take: 20,
              select: { to: true, body: true, createdAt: true },
            })
        : undefined,
    developmentMailInbox: config.production
      ? undefined
      : () =>
          db.devEmailMessage.findMany({
            orderBy: { createdAt: 'desc' },
            take: 20,
            select: { to: true, subject: true, body: true, createdAt: true },
          }),
    statusCallbacks: (request) => receiveStatusCallback(access, request),
    documentsForDepartments: (request, sha256) => documentForDepartment(access, access.documents, request, sha256),
    bodyLimit: Math.ceil((config.documentMaxBytes * 4) / 3) + 65_536,
    paymentCallbacks: (request) => receivePaymentCallback(access, paymentProvider, request),
    developmentPayments: config.production
      ? undefined
      : {
          findVoucher: (psid) =>
            db.paymentVoucher.findUnique({
              where: { psid },
              select: { psid: true, amountMinor: true, currency: true, state: true },
            }),
          pay: (gatewayUrl, voucher) => paymentProvider.pay(gatewayUrl, voucher),
        },
    gatewayKeys: [{ keyId: signer.keyId, publicKey: publicKeyOf(signer.privateKey) }],
    checkDatabase: async () => {
      await db.$queryRaw`SELECT 1`
    },
  })
  const url = await app.listen({ host: config.host, port: config.port })
  const deliveries = createDeliveryWorker({
    db,
    provider: access.provider,
    signer,
    circuits,
    timeoutMs: config.delivery.timeoutMs,
    leaseMs: config.delivery.leaseMs,
    maxAttempts: config.delivery.maxAttempts,
    backoff: config.delivery.backoff,
    log: app.log,
  })
  const notifications = createNotificationSender({
    db,
    sms: access.sms,
    email: access.email,
    maxAttempts: config.delivery.maxAttempts,
    backoff: config.delivery.backoff,
    leaseMs: config.delivery.leaseMs,
    log: app.log,
  })
  const poller = createStatusPoller({ deps: access, circuits, timeoutMs: config.delivery.timeoutMs, log: app.log })
  if (config.delivery.worker) {
    poller.start(config.delivery.pollIntervalMs)
    deliveries.start(config.delivery.intervalMs)
    notifications.start(config.delivery.intervalMs)
  }
  // Half-filled forms are personal data: those expired or finished are deleted every hour.
  const purgeOldDrafts = () =>
    void purgeDrafts(access).catch((error: unknown) => app.log.warn({ err: error }, 'could not purge old drafts'))
  purgeOldDrafts()
  const draftPurge = setInterval(purgeOldDrafts, 3_600_000)
  draftPurge.unref()

  let stopping: Promise<void> | undefined
  return {
    url,
    deliverNow: () => deliveries.runOnce(),
    sendNotificationsNow: () => notifications.runOnce(),
    pollStatusesNow: () => poller.runOnce(),
    stop() {
      stopping ??= (async () => {
        const timer = setTimeout(() => {
          app.log.error(`shutdown took longer than ${config.shutdownGraceMs} ms; closing open connections`)
          app.server.closeAllConnections()
        }, config.shutdownGraceMs)
        clearInterval(draftPurge)
        try {
          await Promise.all([app.close(), deliveries.stop(), notifications.stop(), poller.stop()])
        } finally {
          clearTimeout(timer)
          await db.$disconnect()
        }
      })()
      return stopping
    },
  }
}

/** The gateway's signing key: from its file, or (outside production) a key made for this run only. */
function loadGatewaySigner(config: GatewayConfig): SigningIdentity {
  if (config.signingKeyFile) {
    let pem: string
    try {
      pem = readFileSync(config.signingKeyFile, 'utf8')
    } catch (error) {
      throw new StartupRefused(
        `GATEWAY_SIGNING_KEY_FILE ${config.signingKeyFile} cannot be read: ${error instanceof Error ? error.message : String(error)}`,
      )
    }
    try {
      return { keyId: config.signingKeyId, privateKey: loadPrivateKey(pem) }
    } catch (error) {
      throw new StartupRefused(
        `GATEWAY_SIGNING_KEY_FILE ${config.signingKeyFile} is not an Ed25519 private key in PEM: ${error instanceof Error ? error.message : String(error)}`,
      )
    }
  }
  const ephemeral = generateSigningKeyPair(config.signingKeyId)
  return { keyId: ephemeral.keyId, privateKey: loadPrivateKey(ephemeral.privateKeyPem) }
}
