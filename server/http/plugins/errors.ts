import type { FastifyInstance } from 'fastify';
import { problem, sendProblem, toProblem } from '../problem.js';

/** The one error handler: every failure leaves the API as application/problem+json. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => sendProblem(reply, toProblem(error, request)));
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, problem(request, 404, 'not_found', `no route ${request.method} ${request.url.split('?')[0]}`)),
  );
}
