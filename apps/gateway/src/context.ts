import type { CatalogueRepository, DepartmentLookups } from './domain/ports.ts'

/** What the gateway's procedures run against; built once at start and shared by every request. */
export interface GatewayServices {
  catalogue: CatalogueRepository
  departments: DepartmentLookups
}

export interface RequestLogger {
  info(data: object, message?: string): void
  warn(data: object, message?: string): void
  error(data: object, message?: string): void
}

/** The inner context: no HTTP types, so tests can call procedures directly through createCaller. */
export interface Context {
  services: GatewayServices
  requestId: string
  log: RequestLogger
}
