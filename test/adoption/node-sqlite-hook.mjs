// A module resolve hook (node:module register) that maps `node:sqlite` to node-sqlite-shim.mjs.
export async function resolve(specifier, context, next) {
	if (specifier === "node:sqlite") return { url: new URL("./node-sqlite-shim.mjs", import.meta.url).href, shortCircuit: true };
	return next(specifier, context);
}
