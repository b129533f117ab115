/** The one error handler: every failure becomes `{ error: { code, message, status } }`. */
import type { ErrorRequestHandler } from 'express';
import { toErrorBody } from './api-error.js';

export const errorMiddleware: ErrorRequestHandler = (err, req, res, _next) => {
  const body = toErrorBody(err);
  if (body.code === 'INTERNAL') console.error(`${req.method} ${req.originalUrl}:`, err);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  // A refused body may still be arriving: close rather than read gigabytes to keep the connection.
  if (!req.complete) res.set('Connection', 'close');
  res.status(body.status).json({ error: body });
};
