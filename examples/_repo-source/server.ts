// Only for this repository: the starters' tsconfig.json maps
// "hubspot-calling-kit/server" here (see examples/_repo-source/README.md).
export * from "../../src/server/index";
