// @alertcraft/alert-noise: public API.
export { AlertNoiseError } from './errors.js';
export { matchRoutes, receiversFor, ROUTE_DEFAULTS, type MatchedRoute } from './routing.js';
