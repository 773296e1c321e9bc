import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { freePort, startEmbeddedPostgres } from "../../scripts/embedded-postgres";
import { prepareDatabase } from "../../scripts/prepare-database";

declare module "vitest" {
  export interface ProvidedContext {
    /** URL of the test PostgreSQL server's maintenance database ("postgres"). */
    testDatabaseServer: string;
  }
}

export const templateDatabase = "app_template";

/**
 * Starts a throw-away embedded PostgreSQL for this run (unless TEST_DATABASE_SERVER names one),
 * and migrates a template database that every test file clones into a fresh database of its own.
 */
export default async function setup(project: TestProject) {
  let serverUrl = process.env.TEST_DATABASE_SERVER;
  let teardown = async () => {};
  if (!serverUrl) {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "medtech-vitest-pg-"));
    const pg = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    serverUrl = pg.urlFor("postgres");
    teardown = async () => {
      await pg.stop();
      await rm(dataDir, { recursive: true, force: true });
    };
  }
  const admin = (await import("postgres")).default(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${templateDatabase}`);
  await admin.unsafe(`create database ${templateDatabase}`);
  await admin.end();
  await prepareDatabase(serverUrl.replace(/\/postgres$/, `/${templateDatabase}`));
  project.provide("testDatabaseServer", serverUrl);
  return teardown;
}
