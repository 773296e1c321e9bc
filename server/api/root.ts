import { auditRouter } from "./routers/audit";
import { boardsRouter } from "./routers/boards";
import { bulkRouter } from "./routers/bulk";
import { authRouter } from "./routers/auth";
import { contentRouter } from "./routers/content";
import { emailRouter } from "./routers/email";
import { feedbackRouter } from "./routers/feedback";
import { installationRouter } from "./routers/installation";
import { meRouter } from "./routers/me";
import { notificationsRouter } from "./routers/notifications";
import { opsRouter } from "./routers/ops";
import { permissionGroupsRouter } from "./routers/permission-groups";
import { organisationRouter } from "./routers/organisation";
import { portalRouter } from "./routers/portal";
import { registrationRouter } from "./routers/registration";
import { reportsRouter } from "./routers/reports";
import { settingsRouter } from "./routers/settings";
import { supportRouter } from "./routers/support";
import { usersRouter } from "./routers/users";
import { createCallerFactory, createTRPCRouter } from "./trpc";

/** The whole API at a glance: one router per domain. */
export const appRouter = createTRPCRouter({
  auth: authRouter,
  me: meRouter,
  users: usersRouter,
  support: supportRouter,
  email: emailRouter,
  organisation: organisationRouter,
  audit: auditRouter,
  installation: installationRouter,
  settings: settingsRouter,
  permissionGroups: permissionGroupsRouter,
  registration: registrationRouter,
  notifications: notificationsRouter,
  content: contentRouter,
  feedback: feedbackRouter,
  boards: boardsRouter,
  bulk: bulkRouter,
  portal: portalRouter,
  reports: reportsRouter,
  ops: opsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
