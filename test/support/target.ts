// Which better-auth release this vitest project runs against: the alias
// `#target` points at the release matrix's app of that release, patched or not (see vitest.config.ts).
export * from "#target";
