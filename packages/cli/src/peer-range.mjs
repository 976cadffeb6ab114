/**
 * Whether `version` is in `range`, in the two forms @better-auth/api-key's peer
 * ranges on better-auth take: `1.5.6` (exactly, 1.5.x) or `^1.7.29` (that or a
 * later release of the same major, from 1.6.0). The patch builder pairs releases
 * with it too (packages/patch-builder/src/releases.ts).
 */
export function acceptsPeerRange(range, version) {
	if (!range.startsWith("^")) return range === version;
	const floor = range.slice(1);
	return floor.split(".")[0] === version.split(".")[0] && version.localeCompare(floor, "en", { numeric: true }) >= 0;
}
