import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import { sessionActorReader } from '../auth/session-actor.ts';
import { installErrorHandler } from './errors.ts';
import { installAuthorization, type RouteInfo } from './authorize.ts';
import { mountAuth, toWebHeaders } from './auth-bridge.ts';
import { REQUEST_LIMITS } from './input-limits.ts';
import { installJsonBodyGuard } from './guards/json-body.ts';
import { installOriginCheck } from './guards/origin-check.ts';
import { installSecurityHeaders } from './guards/security-headers.ts';
import { installUrlGuard } from './guards/url-guard.ts';
import { programRoutes } from './routes/program-routes.ts';
import { auditRoutes } from './routes/audit-routes.ts';
import { sessionRoutes } from './routes/session-routes.ts';
import { evaluationRoutes } from './routes/evaluation-routes.ts';
import { provenanceRoutes } from './routes/provenance-routes.ts';
import { organisationRoutes } from './routes/organisation-routes.ts';
import { applicationRoutes } from './routes/application-routes.ts';
import { stageEvaluationRoutes } from './routes/stage-evaluation-routes.ts';
import { publicRoutes } from './routes/public-routes.ts';
import { resultBundleRoutes } from './routes/result-bundle-routes.ts';
import { arenaRoutes } from './routes/arena-routes.ts';
import { finalEvaluationRoutes } from './routes/final-evaluation-routes.ts';
import { openSourceRoutes } from './routes/open-source-routes.ts';
import { allocationRoutes } from './routes/allocation-routes.ts';
import { usageRoutes } from './routes/usage-routes.ts';
import { usageImportRoutes } from './routes/usage-import-routes.ts';
import { reviewRoutes } from './routes/review-routes.ts';
import { resourceRoutes } from './routes/resource-routes.ts';
import { modelEndpointRoutes } from './routes/model-endpoint-routes.ts';
import { officeRoutes } from './routes/office-routes.ts';
import { officeListRoutes } from './routes/office-list-routes.ts';
import { slurmRoutes } from './routes/slurm-routes.ts';
import { notificationRoutes } from './routes/notification-routes.ts';
import { callDocumentRoutes } from './routes/call-document-routes.ts';
import { publicSelectionRoutes } from './routes/public-selection-routes.ts';
import { accountRoutes } from './routes/account-routes.ts';
import { taskRoutes } from './routes/task-routes.ts';
import { installWebAssets } from './web-assets.ts';
import { responseSerializer } from './response-serializer.ts';

/** Every route module of the API; a new module joins here and in the authorisation matrix test. */
export const apiModules = [
  sessionRoutes,
  programRoutes,
  auditRoutes,
  organisationRoutes,
  applicationRoutes,
  stageEvaluationRoutes,
  publicRoutes,
  evaluationRoutes,
  provenanceRoutes,
  arenaRoutes,
  finalEvaluationRoutes,
  openSourceRoutes,
  allocationRoutes,
  usageRoutes,
  usageImportRoutes,
  reviewRoutes,
  resourceRoutes,
  resultBundleRoutes,
  modelEndpointRoutes,
  officeRoutes,
  officeListRoutes,
  slurmRoutes,
  notificationRoutes,
  callDocumentRoutes,
  publicSelectionRoutes,
  accountRoutes,
  taskRoutes,
];

export async function buildServer(
  ctx: AppContext,
  opts: { logger?: boolean | object; webDist?: string; /** fail a response with fields its contract does not name (tests) */ strictResponses?: boolean } = {},
): Promise<{ app: FastifyInstance; routes: RouteInfo[] }> {
  const app = Fastify({ logger: opts.logger ?? { level: ctx.config.logLevel }, bodyLimit: REQUEST_LIMITS.bodyBytes }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializer({ strict: opts.strictResponses ?? false }));
  installErrorHandler(app);
  // bounded input, same-site writes and safe headers hold for every route, the web pages included
  installSecurityHeaders(app);
  installUrlGuard(app);
  installOriginCheck(app, ctx.config);
  installJsonBodyGuard(app);
  const actorOf = sessionActorReader(ctx.db, ctx.auth);
  const routes = installAuthorization(app, (req) => actorOf(() => toWebHeaders(req), req.headers.cookie));

  const { default: swagger } = await import('@fastify/swagger');
  const { default: swaggerUi } = await import('@fastify/swagger-ui');
  await app.register(swagger, {
    openapi: { info: { title: 'Stagegate API', version: '1' }, servers: [] },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  mountAuth(app, ctx.auth, ctx.config.publicUrl, ctx.db);
  for (const mod of apiModules) await app.register(mod(ctx));

  await installWebAssets(app, opts.webDist);
  await app.ready();
  return { app, routes };
}
