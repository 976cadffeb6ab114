// vitest globalSetup when TEST_DB=postgres: a throwaway PostgreSQL server, or
// POSTGRES_URL's (its superuser URL).
import { startPostgres } from "../../scripts/postgres.mjs";
import { serverSetup } from "./server-setup";

export default serverSetup("postgresUrl", "POSTGRES_URL", startPostgres);
