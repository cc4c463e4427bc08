import type { CatalogueEntry, CatalogueSearchInput } from '@darwaza/contracts/catalogue'
import type { Actor, Device } from './domain/actors.ts'
import type { DomainError } from './domain/errors.ts'
import type { CatalogueRepository, DepartmentLookups } from './domain/ports.ts'
import type { AccessDeps } from './services/deps.ts'

/** What the gateway's procedures run against; built once at start and shared by every request. */
export interface GatewayServices {
  catalogue: CatalogueRepository
  searchCatalogue: (query: CatalogueSearchInput) => Promise<CatalogueEntry[]>
  departments: DepartmentLookups
  access: AccessDeps
  /** How often a waiting hall's display is brought up to date. */
  hallBoardRefreshMs: number
}

export interface RequestLogger {
  info(data: object, message?: string): void
  warn(data: object, message?: string): void
  error(data: object, message?: string): void
}

/**
 * The inner context: no HTTP types, so tests can call procedures directly through createCaller.
 * `refusal` is set when the request's credentials were presented but are not valid (a revoked kiosk,
 * an ended session); the base procedures decide what that means for each kind of procedure.
 */
export interface Context {
  services: GatewayServices
  requestId: string
  log: RequestLogger
  device: Device
  actor: Actor
  refusal: { kiosk: DomainError | null; session: DomainError | null }
}
