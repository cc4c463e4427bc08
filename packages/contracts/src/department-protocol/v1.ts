// Version 1 of the department protocol: plain HTTP + JSON between the gateway and a department.
// Everything a department sends is untrusted input to the gateway and is parsed with these schemas.
// openapi.ts describes the same protocol as an OpenAPI document for departments to implement.
import { z } from 'zod'
import { LocalizedText } from '../localized.ts'

export const protocolVersion = '1'

/** Headers the gateway sends with every request. */
export const requestHeaders = {
  requestId: 'x-request-id',
  protocolVersion: 'x-darwaza-protocol',
} as const

/** GET /health */
export const HealthResponse = z.object({
  status: z.literal('ok'),
  department: z.string().min(1).max(80),
  protocolVersion: z.literal(protocolVersion),
})
export type HealthResponse = z.infer<typeof HealthResponse>

/** POST {service endpoint path}: a synchronous look-up. */
export const LookupRequest = z.strictObject({
  requestId: z.string().min(1).max(100),
  service: z.string().min(1).max(80),
  query: z.record(z.string().max(64), z.union([z.string().max(500), z.number(), z.boolean()])),
})
export type LookupRequest = z.infer<typeof LookupRequest>

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD')

/** A value shown to the citizen, typed so every screen formats it the same way in every language. */
export const DisplayValue = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('text'), text: z.union([z.string().max(500), LocalizedText]) }),
  z.strictObject({
    kind: z.literal('money'),
    amountMinor: z.int().nonnegative(),
    currency: z.string().regex(/^[A-Z]{3}$/),
  }),
  z.strictObject({ kind: z.literal('date'), date: isoDate }),
  z.strictObject({
    kind: z.literal('status'),
    code: z.string().min(1).max(40),
    label: LocalizedText,
    tone: z.enum(['positive', 'neutral', 'warning', 'negative']),
  }),
])
export type DisplayValue = z.infer<typeof DisplayValue>

export const DisplayField = z.strictObject({
  key: z.string().min(1).max(64),
  label: LocalizedText,
  value: DisplayValue,
})
export type DisplayField = z.infer<typeof DisplayField>

/** A department's answer laid out for display: a title and labelled, typed fields. */
export const DisplayRecord = z.strictObject({
  title: LocalizedText,
  fields: z.array(DisplayField).min(1).max(50),
})
export type DisplayRecord = z.infer<typeof DisplayRecord>

/** 200 answer to a look-up. "Not found" is an answer, not an error: the citizen gets the department's words. */
export const LookupAnswer = z.discriminatedUnion('outcome', [
  z.strictObject({ outcome: z.literal('found'), record: DisplayRecord }),
  z.strictObject({ outcome: z.literal('not_found'), message: LocalizedText }),
])
export type LookupAnswer = z.infer<typeof LookupAnswer>

/** Who acted: the citizen, or a clerk on the citizen's behalf inside an assisted session. */
export const Actor = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('citizen') }),
  z.strictObject({
    kind: z.literal('clerk'),
    clerk: z.string().min(1).max(80),
    serviceCentre: z.string().min(1).max(80),
  }),
])

/** A document the citizen uploaded, sent by reference: the department fetches it with a signed GET. */
export const DocumentReference = z.strictObject({
  /** Which of the service's required documents it is (its English name), or "answer" for a document sent with an answer. */
  requirement: z.string().max(200),
  name: z.string().max(200),
  mediaType: z.string().max(100),
  size: z.int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  url: z.url(),
})
export type DocumentReference = z.infer<typeof DocumentReference>

/**
 * POST {service endpoint path}: an application delivered from the gateway's outbox. The idempotency
 * key is the same on every retry; a department must answer a repeat with the reference it gave the
 * first time. `dryRun` (sent by the conformance kit) asks the department to check the request and
 * answer as it would, without keeping anything.
 */
export const ApplicationDelivery = z.strictObject({
  requestId: z.string().min(1).max(100),
  idempotencyKey: z.string().min(1).max(100),
  service: z.string().min(1).max(80),
  serviceVersion: z.int().positive(),
  trackingNumber: z.string().min(1).max(40),
  submittedAt: z.iso.datetime(),
  actor: Actor,
  /** Only the citizen attributes the service declares. */
  citizen: z.record(z.string().max(64), z.string().max(500)),
  form: z.record(z.string().max(64), z.unknown()),
  /** Uploaded documents, by reference: GET the url with a signed request (and the x-darwaza-department header). */
  documents: z.array(DocumentReference).max(30).optional(),
  dryRun: z.boolean().optional(),
})
export type ApplicationDelivery = z.infer<typeof ApplicationDelivery>

/**
 * POST {service endpoint path}/answers: the citizen's answer when the department asked for more
 * information ("needs_information"), delivered from the outbox like the application itself.
 */
export const InformationAnswer = z.strictObject({
  requestId: z.string().min(1).max(100),
  idempotencyKey: z.string().min(1).max(200),
  service: z.string().min(1).max(80),
  trackingNumber: z.string().min(1).max(40),
  answeredAt: z.iso.datetime(),
  actor: Actor,
  message: z.string().min(1).max(2000),
  /** Documents the citizen sent with the answer, fetched like the application's. */
  documents: z.array(DocumentReference).max(10).optional(),
})
export type InformationAnswer = z.infer<typeof InformationAnswer>

/**
 * The amount a department asks for an application to a service whose fee it quotes (an e-challan,
 * a water bill): given in its answer to a dry run, which the gateway sends when the citizen submits.
 */
export const DeliveryQuote = z.strictObject({
  amountMinor: z.int().positive().max(10_000_000_000),
  currency: z.string().regex(/^[A-Z]{3}$/),
  /** What the amount is for, shown on the voucher. */
  description: LocalizedText.optional(),
})
export type DeliveryQuote = z.infer<typeof DeliveryQuote>

/** 200/202 answer to a delivery; "validated" answers a dry run, with the quote when the fee is quoted. */
export const DeliveryReceipt = z.strictObject({
  outcome: z.enum(['accepted', 'validated']),
  departmentReference: z.string().min(1).max(80),
  quote: DeliveryQuote.optional(),
})
export type DeliveryReceipt = z.infer<typeof DeliveryReceipt>

/** Statuses a department reports; "submitted" is the gateway's own. */
export const ReportedStatus = z.enum([
  'received',
  'in_review',
  'needs_information',
  'approved',
  'rejected',
  'completed',
])

/** A document the department issued (e.g. the certificate), by reference. */
export const IssuedDocument = z.strictObject({
  name: LocalizedText,
  /** Where the gateway fetches it, with a signed request, on the citizen's behalf. */
  url: z.url({ protocol: /^https?$/ }).max(500),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
})
export type IssuedDocument = z.infer<typeof IssuedDocument>

/**
 * POST {gateway}/federation/v1/status: a department reports a status change, signed with one of its
 * registered keys. Optional message per language, optional issued document by reference.
 */
export const StatusCallback = z.strictObject({
  department: z.string().min(1).max(80),
  trackingNumber: z.string().min(1).max(40),
  status: ReportedStatus,
  occurredAt: z.iso.datetime(),
  message: LocalizedText.optional(),
  document: IssuedDocument.optional(),
})
export type StatusCallback = z.infer<typeof StatusCallback>

/**
 * POST /status-queries: for departments that cannot call back, the gateway asks for the current
 * status of applications it delivered; unknown tracking numbers are left out of the answer.
 */
export const StatusQuery = z.strictObject({
  requestId: z.string().min(1).max(100),
  trackingNumbers: z.array(z.string().min(1).max(40)).min(1).max(100),
})
export type StatusQuery = z.infer<typeof StatusQuery>

export const StatusQueryAnswer = z.strictObject({
  statuses: z
    .array(
      z.strictObject({
        trackingNumber: z.string().min(1).max(40),
        status: ReportedStatus,
        occurredAt: z.iso.datetime(),
        message: LocalizedText.optional(),
        document: IssuedDocument.optional(),
      }),
    )
    .max(100),
})
export type StatusQueryAnswer = z.infer<typeof StatusQueryAnswer>

export const CallbackAnswer = z.strictObject({ outcome: z.enum(['recorded', 'already_recorded']) })
export type CallbackAnswer = z.infer<typeof CallbackAnswer>

/** The gateway's refusals of a callback. */
export const CallbackError = z.strictObject({
  error: z.strictObject({
    code: z.enum(['invalid', 'unauthorized', 'replayed', 'unknown_application', 'illegal_transition']),
    message: z.string().max(500),
    field: z.string().max(64).optional(),
  }),
})
export type CallbackError = z.infer<typeof CallbackError>

/** Any 4xx/5xx answer. `field` names the query field at fault when there is one. */
export const ProtocolError = z.strictObject({
  error: z.strictObject({
    code: z.enum(['invalid_query', 'unknown_service', 'unauthorized', 'internal']),
    message: z.string().max(500),
    field: z.string().max(64).optional(),
  }),
})
export type ProtocolError = z.infer<typeof ProtocolError>
