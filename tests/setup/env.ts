// Every test process runs with the same, explicit environment: no value leaks in
// from the developer's shell, and Prisma never tries to download an engine.
process.env.PRISMA_SCHEMA_ENGINE_BINARY = "/bin/false";
process.env.PRISMA_QUERY_ENGINE_LIBRARY = "/bin/false";
process.env.SHOPIFY_API_KEY ??= "test-api-key";
process.env.SHOPIFY_API_SECRET ??= "test-api-secret";
process.env.SHOPIFY_APP_URL ??= "https://app.test";
process.env.TOKEN_ENCRYPTION_KEY ??= "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
process.env.LOG_LEVEL ??= "silent";
