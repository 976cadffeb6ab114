// Compiled (never run) by types.test.ts against one release's declarations:
// the patch declares `query.organizationId` on getActiveMember, server and client,
// and the api-key plugin's `organizationKeys` option.
import { apiKey, betterAuth, createAuthClient, organization, organizationClient } from "#target";

const auth = betterAuth({ plugins: [organization()] });
const headers = new Headers();

auth.api.getActiveMember({ headers, query: { organizationId: "x" } });
// @ts-expect-error organizationId is a string: fails if the endpoint's types degrade to `any`
auth.api.getActiveMember({ headers, query: { organizationId: 42 } });

const authClient = createAuthClient({ plugins: [organizationClient()] });

authClient.organization.getActiveMember({ query: { organizationId: "x" } });
// @ts-expect-error organizationId is a string: fails if the client's types degrade to `any`
authClient.organization.getActiveMember({ query: { organizationId: 42 } });

apiKey({ enableSessionForAPIKeys: true, organizationKeys: { allowPaths: ["/my-app/report"], capUnboundKeys: true } });
// @ts-expect-error allowPaths is a list of paths: fails if the option is not declared
apiKey({ enableSessionForAPIKeys: true, organizationKeys: { allowPaths: "/my-app/report" } });
apiKey({ enableSessionForAPIKeys: true, organizationKeys: { allowPaths: ["/my-app/report"], allowPathsForKeysWithPermissions: ["/my-app/status"] } });
// @ts-expect-error allowPathsForKeysWithPermissions is a list of paths: fails if the option is not declared
apiKey({ enableSessionForAPIKeys: true, organizationKeys: { allowPathsForKeysWithPermissions: "/my-app/status" } });
