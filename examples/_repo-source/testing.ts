// Only for this repository: the starters' tsconfig.json maps
// "hubspot-calling-kit/testing" here (see examples/_repo-source/README.md).
export * from "../../src/testing/index";
