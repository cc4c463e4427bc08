import { CreateServiceCentreInput, CreateStaffInput, KioskRef, RegisterKioskInput } from '@darwaza/contracts/identity'
import { createServiceCentre, listDepartments, listServiceCentres } from '../services/administration.ts'
import { listKiosks, registerKiosk, revokeKiosk } from '../services/kiosks.ts'
import { createStaff, listStaff } from '../services/staff.ts'
import { platformAdminProcedure, router } from '../trpc.ts'

export const adminRouter = router({
  createServiceCentre: platformAdminProcedure
    .input(CreateServiceCentreInput)
    .mutation(({ ctx, input }) => createServiceCentre(ctx.services.access, ctx.actor, input)),
  listServiceCentres: platformAdminProcedure.query(({ ctx }) => listServiceCentres(ctx.services.access)),
  listDepartments: platformAdminProcedure.query(({ ctx }) => listDepartments(ctx.services.access)),
  createStaff: platformAdminProcedure
    .input(CreateStaffInput)
    .mutation(({ ctx, input }) => createStaff(ctx.services.access, ctx.actor, input)),
  listStaff: platformAdminProcedure.query(({ ctx }) => listStaff(ctx.services.access)),
  registerKiosk: platformAdminProcedure
    .input(RegisterKioskInput)
    .mutation(({ ctx, input }) => registerKiosk(ctx.services.access, ctx.actor, input)),
  listKiosks: platformAdminProcedure.query(({ ctx }) => listKiosks(ctx.services.access)),
  revokeKiosk: platformAdminProcedure
    .input(KioskRef)
    .mutation(({ ctx, input }) => revokeKiosk(ctx.services.access, ctx.actor, input.kioskId)),
})
