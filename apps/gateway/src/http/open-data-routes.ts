// GET /open-data/catalogue.jsonld and /open-data/catalogue.csv: no sign-in, cacheable, with ETags.
import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { GatewayServices } from '../context.ts'
import { listCatalogue } from '../domain/catalogue.ts'
import { catalogueCsv, catalogueJsonLd } from '../domain/open-data.ts'

function sendCacheable(request: FastifyRequest, reply: FastifyReply, body: string, contentType: string) {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`
  reply.header('etag', etag).header('cache-control', 'public, max-age=300').header('access-control-allow-origin', '*')
  if (request.headers['if-none-match'] === etag) return reply.code(304).send()
  return reply.type(contentType).send(body)
}

export function registerOpenDataRoutes(app: FastifyInstance, services: GatewayServices) {
  app.get('/open-data/catalogue.jsonld', async (request, reply) => {
    const entries = await listCatalogue(services.catalogue, {})
    const body = JSON.stringify(catalogueJsonLd(entries, `${request.protocol}://${request.host}`))
    return sendCacheable(request, reply, body, 'application/ld+json; charset=utf-8')
  })
  app.get('/open-data/catalogue.csv', async (request, reply) => {
    const body = catalogueCsv(await listCatalogue(services.catalogue, {}))
    return sendCacheable(request, reply, body, 'text/csv; charset=utf-8')
  })
}
