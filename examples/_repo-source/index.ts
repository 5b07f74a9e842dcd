// Only for this repository: the starters' tsconfig.json maps
// "hubspot-calling-kit" here (see examples/_repo-source/README.md).
export * from "../../src/index";
