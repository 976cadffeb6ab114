/**
 * The api-key plugin's `organizationKeys` option (each configuration's, from 1.5),
 * added by the patch set.
 */
export interface OrganizationKeyOptions {
	/**
	 * Paths outside the organization and api-key plugins that a key bound to an
	 * organization may call, such as an app's own endpoints. By default a bound key
	 * reaches only its organization, its organization's keys, and its own session.
	 */
	allowPaths?: string[];
	/**
	 * Paths outside the organization and api-key plugins that a key with
	 * permissions may call too (every bound key may). Keys with permissions reach
	 * none of `allowPaths`: an app can open a path to bound keys and keep
	 * least-privilege keys off it.
	 */
	allowPathsForKeysWithPermissions?: string[];
	/**
	 * Whether an unbound key's permissions cap its user's role as a bound key's
	 * always do. Off by default, so that no existing key loses access on upgrade.
	 */
	capUnboundKeys?: boolean;
}
