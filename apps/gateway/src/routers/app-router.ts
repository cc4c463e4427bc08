import { router } from '../trpc.ts'
import { catalogueRouter } from './catalogue.ts'
import { lookupsRouter } from './lookups.ts'

export const appRouter = router({
  catalogue: catalogueRouter,
  lookups: lookupsRouter,
})

export type AppRouter = typeof appRouter
