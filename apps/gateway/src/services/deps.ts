import type { SigningIdentity } from '@darwaza/contracts/department-protocol/signatures'
import type { Db, Provider } from '@darwaza/db'
import type { DocumentStore } from '../persistence/document-store.ts'
import type { GatewayConfig } from '../env.ts'
import type { DepartmentQuotes, EmailSender, PopulationRegistry, SmsSender } from '../domain/ports.ts'

/** What the identity and access services run against. */
export interface AccessDeps {
  db: Db
  provider: Provider
  registry: PopulationRegistry
  sms: SmsSender
  email: EmailSender
  config: Pick<
    GatewayConfig,
    | 'secret'
    | 'identityNumberFormat'
    | 'sessions'
    | 'assistedSessionSeconds'
    | 'allowIdCardConsent'
    | 'publicUrl'
    | 'draftDays'
  >
  now: () => Date
  /** Signs what the gateway sends departments (the conformance check included). */
  signer: SigningIdentity
  conformanceTimeoutMs: number
  documents: DocumentStore
  documentMaxBytes: number
  /** Asks a department for the fee of a quoted-fee application at submission. */
  quotes: DepartmentQuotes
}
