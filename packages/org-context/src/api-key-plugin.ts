// Added to the api-key plugin (in better-auth, or @better-auth/api-key from 1.5) by the patch set.
export { markApiKeySession } from "./api-key-session";
