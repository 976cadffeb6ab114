// vitest globalSetup when TEST_DB=mariadb: a throwaway MariaDB server, or
// MARIADB_URL's (an account that may create databases).
import { startMariadb } from "../../scripts/mariadb.mjs";
import { serverSetup } from "./server-setup";

export default serverSetup("mariadbUrl", "MARIADB_URL", startMariadb);
