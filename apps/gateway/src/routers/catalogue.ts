import { CatalogueEntry, CatalogueListInput, CatalogueSearchInput } from '@darwaza/contracts/catalogue'
import { z } from 'zod'
import { seesSandbox } from '../domain/actors.ts'
import { listCatalogue } from '../domain/catalogue.ts'
import { publicProcedure, router } from '../trpc.ts'

export const catalogueRouter = router({
  list: publicProcedure
    .input(CatalogueListInput)
    .output(z.array(CatalogueEntry))
    .query(({ ctx, input }) => listCatalogue(ctx.services.catalogue, input, { sandbox: seesSandbox(ctx.actor) })),
  search: publicProcedure
    .input(CatalogueSearchInput)
    .output(z.array(CatalogueEntry))
    .query(({ ctx, input }) => ctx.services.searchCatalogue(input)),
})
