/** Accounts (agencies, vendors, clients), their members, invitations and plans. */
export { accountRoutes } from './routes';
export { createAccountBody, memberRole } from './schemas';
