// What the domain needs from the outside world. Persistence and federation implement these.
import type { CatalogueEntry, CatalogueListInput } from '@darwaza/contracts/catalogue'
import type { ApplicationDelivery, DeliveryQuote, LookupAnswer } from '@darwaza/contracts/department-protocol/v1'
import type { SearchableEntry } from './catalogue-search.ts'

export interface PublishedServiceRoute {
  entry: CatalogueEntry
  department: { code: string; baseUrl: string }
  endpointPath: string
}

/** Who is looking: staff and test citizens also see services of departments still in sandbox. */
export interface CatalogueAudience {
  sandbox: boolean
}
export const publicAudience: CatalogueAudience = { sandbox: false }

export interface CatalogueRepository {
  listPublished(filter: NonNullable<CatalogueListInput>, audience: CatalogueAudience): Promise<CatalogueEntry[]>
  /** Every published entry with its search keywords. */
  listSearchable(): Promise<SearchableEntry[]>
  /** Changes whenever what is published changes; cheap to ask for on every search. */
  publishedStamp(): Promise<string>
  findPublished(slug: string, audience: CatalogueAudience): Promise<PublishedServiceRoute | null>
}

export interface LookupCall {
  department: { code: string; baseUrl: string }
  endpointPath: string
  service: string
  query: Record<string, string | number | boolean>
  requestId: string
}

/** Forwards a look-up to a department; throws DomainError for every way a department can fail. */
export interface DepartmentLookups {
  lookup(call: LookupCall): Promise<LookupAnswer>
}

export interface QuoteCall {
  department: { code: string; baseUrl: string }
  endpointPath: string
  /** The application as it would be delivered; sent as a dry run. */
  delivery: Omit<ApplicationDelivery, 'dryRun'>
}

/**
 * Asks a department what an application to a quoted-fee service costs, under the look-up deadline;
 * throws DomainError when the department refuses the form (field errors) or cannot answer.
 */
export interface DepartmentQuotes {
  quote(call: QuoteCall): Promise<DeliveryQuote>
}

export interface RegisteredPerson {
  identityNumber: string
  name: string
  dateOfBirth: string
  phone: string
  /** Where the registry knows one; status messages are also sent there. */
  email?: string
  /** A test identity the registry keeps for trying services before they go live. */
  testIdentity?: boolean
}

/** The national population registry: confirms an identity number and gives the registered phone. */
export interface PopulationRegistry {
  find(identityNumber: string): Promise<RegisteredPerson | null>
}

/** Sends a text message. Implementations must never log the body: it may hold a one-time code. */
export interface SmsSender {
  send(to: string, body: string): Promise<void>
}

/** Sends an e-mail. Like SMS, implementations must never log the body. */
export interface EmailSender {
  send(to: string, subject: string, body: string): Promise<void>
}
