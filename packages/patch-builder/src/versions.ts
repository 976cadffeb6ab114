/** Numeric order of `major.minor.patch` versions (the registry's stable releases have no other form). */
export function compareVersions(a: string, b: string): number {
	const [x, y] = [a.split(".").map(Number), b.split(".").map(Number)];
	for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
	return 0;
}
