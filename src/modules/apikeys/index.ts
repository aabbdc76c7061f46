/** API keys: machine credentials of a tenant or an account (their authentication is in access). */
export { apiKeyRoutes } from './routes';
