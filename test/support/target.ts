// Which better-auth release this vitest project runs against: the alias
// `#target` points at packages/target-<version>, patched or not (see vitest.config.ts).
export * from "#target";
