export * from "./organisation";
export * from "./user";
export * from "./system";
export * from "./content";
