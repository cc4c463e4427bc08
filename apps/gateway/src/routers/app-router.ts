import { router } from '../trpc.ts'
import { adminRouter } from './admin.ts'
import { applicationsRouter } from './applications.ts'
import { assistedRouter } from './assisted.ts'
import { catalogueRouter } from './catalogue.ts'
import { departmentsRouter } from './departments.ts'
import { documentsRouter } from './documents.ts'
import { draftsRouter } from './drafts.ts'
import { identityRouter } from './identity.ts'
import { kiosksRouter } from './kiosks.ts'
import { lookupsRouter } from './lookups.ts'
import { queueRouter } from './queue.ts'
import { staffRouter } from './staff.ts'

export const appRouter = router({
  catalogue: catalogueRouter,
  lookups: lookupsRouter,
  applications: applicationsRouter,
  documents: documentsRouter,
  drafts: draftsRouter,
  identity: identityRouter,
  staff: staffRouter,
  kiosks: kiosksRouter,
  assisted: assistedRouter,
  queue: queueRouter,
  admin: adminRouter,
  departments: departmentsRouter,
})

export type AppRouter = typeof appRouter
