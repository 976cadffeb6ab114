// The per-release proof's cross-tenant check: a few callers on a few targets, every endpoint.
import { crossTenantSuite } from "../security/cross-tenant-suite";

await crossTenantSuite("short");
