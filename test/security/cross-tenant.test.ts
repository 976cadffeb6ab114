import { crossTenantSuite } from "./cross-tenant-suite";

await crossTenantSuite("full");
