import type { HttpStep } from './httpStep.js';
import helmet from 'helmet';

/**
 * Security headers on every response (helmet's defaults: a Content-Security-Policy, nosniff,
 * frame-ancestors none, no referrer leaks, HSTS for when a proxy serves it over HTTPS). helmet's
 * default CSP already fits the landing page (an inline <style>, no scripts) and JSON answers.
 */
export function useSecurityHeaders(): HttpStep {
  return helmet() as HttpStep;
}
