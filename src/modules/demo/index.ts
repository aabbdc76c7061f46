/** The platform operator and the demo marketplace a first start creates. */
export { DEMO_PASSWORD, DEMO_TENANT, isEmpty, type SeedResult, seedDemo, seedPlatform } from './seed';
