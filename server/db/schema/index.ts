// The database schema, one file per domain; drizzle-kit reads it from here.
export * from "./organisation";
export * from "./user";
export * from "./auth";
export * from "./invitations";
export * from "./email";
export * from "./audit";
export * from "./settings";
export * from "./registration";
export * from "./notifications";
export * from "./content";
export * from "./support";
export * from "./feedback";
export * from "./boards";
export * from "./ops";
export * from "./bulk";
