import { ServiceDraftInput, ServiceRef } from '@darwaza/contracts/catalogue'
import { departmentApplications } from '../services/administration.ts'
import {
  departmentServices,
  publishDraft,
  retireService,
  saveDraft,
  serviceEntry,
} from '../services/catalogue-admin.ts'
import { departmentAdminProcedure, departmentStaffProcedure, router } from '../trpc.ts'

export const departmentsRouter = router({
  applications: departmentStaffProcedure.query(({ ctx }) => departmentApplications(ctx.services.access, ctx.actor)),
  services: departmentStaffProcedure.query(({ ctx }) => departmentServices(ctx.services.access, ctx.actor)),
  serviceEntry: departmentStaffProcedure
    .input(ServiceRef)
    .query(({ ctx, input }) => serviceEntry(ctx.services.access, ctx.actor, input.slug)),
  saveDraft: departmentAdminProcedure
    .input(ServiceDraftInput)
    .mutation(({ ctx, input }) => saveDraft(ctx.services.access, ctx.actor, input)),
  publish: departmentAdminProcedure
    .input(ServiceRef)
    .mutation(({ ctx, input }) => publishDraft(ctx.services.access, ctx.actor, input.slug)),
  retire: departmentAdminProcedure
    .input(ServiceRef)
    .mutation(({ ctx, input }) => retireService(ctx.services.access, ctx.actor, input.slug)),
})
