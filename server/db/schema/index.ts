export * from "./organisation";
export * from "./user";
export * from "./system";
