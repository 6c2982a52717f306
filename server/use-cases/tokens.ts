export { createApiToken, listApiTokens, revokeApiToken } from '../db/repositories/credentials.js';
