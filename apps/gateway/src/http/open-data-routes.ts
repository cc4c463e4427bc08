// GET /open-data/catalogue.jsonld and .csv, and the service centres' queue figures: no sign-in,
// cacheable, with ETags.
import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { GatewayServices } from '../context.ts'
import { listCatalogue } from '../domain/catalogue.ts'
import { catalogueCsv, catalogueJsonLd, serviceCentreStatisticsCsv } from '../domain/open-data.ts'
import { queueStatistics } from '../services/queue.ts'

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
  // Waiting times and citizens served per hour at each service centre, day by day (the last 90 days).
  app.get('/open-data/service-centres.json', async (request, reply) => {
    const rows = await queueStatistics(services.access, statisticsDays)
    return sendCacheable(
      request,
      reply,
      JSON.stringify({ days: statisticsDays, rows }),
      'application/json; charset=utf-8',
    )
  })
  app.get('/open-data/service-centres.csv', async (request, reply) => {
    const body = serviceCentreStatisticsCsv(await queueStatistics(services.access, statisticsDays))
    return sendCacheable(request, reply, body, 'text/csv; charset=utf-8')
  })
}

const statisticsDays = 90
