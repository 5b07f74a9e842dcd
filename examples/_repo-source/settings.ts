// Only for this repository: the starters' tsconfig.json maps
// "hubspot-calling-kit/settings" here (see examples/_repo-source/README.md).
export * from "../../src/settings/index";
