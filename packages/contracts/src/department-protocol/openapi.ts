import { z } from 'zod'
import { answerCoveredComponents, answerSignatureTag, signatureLabel, signatureTag } from './signatures.ts'
import {
  ApplicationDelivery,
  CallbackAnswer,
  CallbackError,
  DeliveryReceipt,
  StatusCallback,
  HealthResponse,
  InformationAnswer,
  StatusQuery,
  StatusQueryAnswer,
  LookupAnswer,
  LookupRequest,
  ProtocolError,
  protocolVersion,
  requestHeaders,
} from './v1.ts'

function schema(type: z.ZodType) {
  return z.toJSONSchema(type, { target: 'draft-2020-12', io: 'output', unrepresentable: 'throw' })
}

/** The headers of a signed answer: every answer of the department to a signed request carries them. */
const answerSignatureHeaders = (required: boolean) => ({
  [requestHeaders.requestId]: {
    required,
    description: 'The x-request-id of the request answered, echoed (covered by the signature)',
    schema: { type: 'string' },
  },
  'content-digest': {
    required,
    description: 'RFC 9530 sha-256 digest of the answer body',
    schema: { type: 'string' },
  },
  'signature-input': {
    required,
    description: `RFC 9421 signature parameters, label "${signatureLabel}", tag "${answerSignatureTag}"`,
    schema: { type: 'string' },
  },
  signature: { required, description: 'RFC 9421 signature (ed25519) of the answer', schema: { type: 'string' } },
})

const errorResponse = (description: string) => ({
  description,
  headers: answerSignatureHeaders(true),
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ProtocolError' } } },
})

/** A refusal of the request signature: signed when the request carried a signature to bind it to. */
const unauthorized = {
  description:
    'The request signature is missing or does not verify. Signed (bound to the request) when the request ' +
    `carried a "${signatureLabel}" signature; an unsigned request gets an unsigned answer.`,
  headers: answerSignatureHeaders(false),
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ProtocolError' } } },
}

const signedAnswer = (description: string, schemaName: string) => ({
  description,
  headers: answerSignatureHeaders(true),
  content: { 'application/json': { schema: { $ref: `#/components/schemas/${schemaName}` } } },
})

const callbackError = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/CallbackError' } } },
})

const signatureParameters = [
  { name: 'content-digest', in: 'header', required: true, schema: { type: 'string' } },
  { name: 'signature-input', in: 'header', required: true, schema: { type: 'string' } },
  { name: 'signature', in: 'header', required: true, schema: { type: 'string' } },
]

/** The department protocol as an OpenAPI 3.1 document, built from the same zod schemas the gateway parses with. */
export function departmentProtocolOpenApi() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Darwaza department protocol',
      version: protocolVersion,
      description:
        'What a department service implements so the Darwaza gateway can reach it. ' +
        'Look-ups are answered synchronously under the gateway deadline (3 s by default). ' +
        `Every request is signed with HTTP Message Signatures (RFC 9421): signature label "${signatureLabel}", ` +
        'algorithm ed25519, covering "@method", "@target-uri", "content-digest" (RFC 9530, sha-256) and ' +
        `"x-request-id", with created, expires, nonce, keyid and tag "${signatureTag}". A department verifies ` +
        'the signature against the gateway keys it was given and answers 401 with error code "unauthorized" ' +
        'to a request that is unsigned, altered, expired or signed by an unknown key. ' +
        'Every answer to a signed request is signed too, with one of the keys the department registered with ' +
        `the gateway: label "${signatureLabel}", algorithm ed25519, tag "${answerSignatureTag}", covering ` +
        `${answerCoveredComponents.join(', ')} (the answer's status, media type and body digest, the request's ` +
        'x-request-id echoed in the answer, and the signature of the request it answers), with created, expires, ' +
        'nonce and keyid. The gateway believes nothing in an answer whose signature does not verify: a look-up or ' +
        'quote so answered fails for the citizen, and a delivery so answered is retried, never counted as delivered ' +
        'or refused. /health is not signed. ' +
        'Run `pnpm conformance` to check an endpoint.',
    },
    paths: {
      '/health': {
        get: {
          operationId: 'health',
          summary: 'Liveness and protocol version of the department service',
          responses: {
            '200': {
              description: 'The service is up',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/HealthResponse' } } },
            },
          },
        },
      },
      '/lookups/{service}': {
        post: {
          operationId: 'lookup',
          summary: 'Answer a synchronous look-up for one of the department’s services',
          description:
            'The path is the endpoint path registered for the service in the catalogue; /lookups/{service} is the convention.',
          parameters: [
            { name: 'service', in: 'path', required: true, schema: { type: 'string' } },
            { name: requestHeaders.requestId, in: 'header', required: true, schema: { type: 'string' } },
            { name: requestHeaders.protocolVersion, in: 'header', required: true, schema: { const: protocolVersion } },
            ...signatureParameters,
          ],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/LookupRequest' } } },
          },
          responses: {
            '200': signedAnswer('Found, or not found (an answer, not an error)', 'LookupAnswer'),
            '400': errorResponse('The query is malformed; `field` names the field at fault'),
            '401': unauthorized,
            '404': errorResponse('The department does not offer this service'),
            '500': errorResponse('The department failed'),
          },
        },
      },
      '/applications/{service}': {
        post: {
          operationId: 'deliverApplication',
          summary: 'Receive an application from the gateway outbox',
          description:
            'The path is the endpoint path registered for the service; /applications/{service} is the convention. ' +
            'A repeat with the same idempotencyKey must return the same departmentReference. With dryRun the ' +
            'department checks the request and answers "validated" without keeping it. For a service whose fee the ' +
            'department quotes, the gateway sends a dry run when the citizen submits, under the look-up deadline, ' +
            'and the "validated" answer must carry the quote; the real delivery follows once the voucher is paid.',
          parameters: [
            { name: 'service', in: 'path', required: true, schema: { type: 'string' } },
            { name: requestHeaders.requestId, in: 'header', required: true, schema: { type: 'string' } },
            { name: requestHeaders.protocolVersion, in: 'header', required: true, schema: { const: protocolVersion } },
            ...signatureParameters,
          ],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/ApplicationDelivery' } } },
          },
          responses: {
            '200': signedAnswer('Accepted (or, for a dry run, validated)', 'DeliveryReceipt'),
            '400': errorResponse('The application is malformed; `field` names the field at fault'),
            '401': unauthorized,
            '404': errorResponse('The department does not offer this service'),
            '500': errorResponse('The department failed'),
          },
        },
      },
      '/applications/{service}/answers': {
        post: {
          operationId: 'deliverAnswer',
          summary: 'Receive the citizen’s answer to a request for more information',
          description: 'Sent after the department reported "needs_information". Repeats carry the same idempotencyKey.',
          parameters: [
            { name: 'service', in: 'path', required: true, schema: { type: 'string' } },
            { name: requestHeaders.requestId, in: 'header', required: true, schema: { type: 'string' } },
            ...signatureParameters,
          ],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/InformationAnswer' } } },
          },
          responses: {
            '200': signedAnswer('Accepted', 'DeliveryReceipt'),
            '400': errorResponse('Malformed; `field` names the field at fault'),
            '401': unauthorized,
            '404': errorResponse('No such application or service'),
          },
        },
      },
      '/status-queries': {
        post: {
          operationId: 'queryStatuses',
          summary: 'For departments that cannot call back: the current status of delivered applications',
          parameters: [
            { name: requestHeaders.requestId, in: 'header', required: true, schema: { type: 'string' } },
            ...signatureParameters,
          ],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/StatusQuery' } } },
          },
          responses: {
            '200': signedAnswer('The status of each application the department knows', 'StatusQueryAnswer'),
            '401': unauthorized,
          },
        },
      },
    },
    // Served by the gateway, not by the department: where departments report status changes.
    webhooks: {
      statusChanged: {
        post: {
          operationId: 'reportStatus',
          summary: 'A department reports a status change: POST {gateway}/federation/v1/status',
          description:
            'Signed like every request (RFC 9421, ed25519) with one of the keys the department registered. ' +
            'The gateway refuses an unsigned or badly signed callback (401), a replayed nonce (409 replayed), an ' +
            'application the department does not own (404), and a step the status machine does not allow (409). ' +
            'Reporting the status an application already has is answered "already_recorded".',
          parameters: [
            { name: requestHeaders.requestId, in: 'header', required: true, schema: { type: 'string' } },
            ...signatureParameters,
          ],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/StatusCallback' } } },
          },
          responses: {
            '200': {
              description: 'Recorded',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/CallbackAnswer' } } },
            },
            '400': callbackError('Malformed; `field` names the field at fault'),
            '401': callbackError('Unsigned, altered, expired, or signed by a key the department did not register'),
            '404': callbackError('No such application for this department'),
            '409': callbackError('A replayed nonce, or a step the status machine does not allow'),
          },
        },
      },
    },
    components: {
      schemas: {
        HealthResponse: schema(HealthResponse),
        LookupRequest: schema(LookupRequest),
        LookupAnswer: schema(LookupAnswer),
        ApplicationDelivery: schema(ApplicationDelivery),
        StatusCallback: schema(StatusCallback),
        CallbackAnswer: schema(CallbackAnswer),
        CallbackError: schema(CallbackError),
        DeliveryReceipt: schema(DeliveryReceipt),
        InformationAnswer: schema(InformationAnswer),
        StatusQuery: schema(StatusQuery),
        StatusQueryAnswer: schema(StatusQueryAnswer),
        ProtocolError: schema(ProtocolError),
      },
    },
  }
}
