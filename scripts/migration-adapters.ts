/**
 * The driver adapters Prisma's WebAssembly schema engine runs `migrate` through
 * (prisma.config.ts). Both adapters work for the app as they are; their defects on the
 * migration path are mended here and nowhere else.
 *
 * SQLite, @prisma/adapter-libsql 6.19: the engine applies each migration to the shadow database
 * as one raw statement, of which libsql's `execute` runs only the first statement (so
 * `migrate diff --from-migrations` fails): there, a raw statement without parameters runs as a
 * script.
 *
 * PostgreSQL, @prisma/adapter-pg 6.19:
 * 1. catalog columns of type `name` (OID 19) and `"char"` (OID 18) make it throw
 *    (prisma/orm#27403): they are text, and are reported as text;
 * 2. `executeScript` splits a script on every `;`, even inside a string or a `$$` body: the
 *    script goes to PostgreSQL whole, by the simple query protocol, as Prisma's native engine
 *    sends it;
 * 3. `connectToShadowDb` keeps the connection string's database, so its "shadow" is the real
 *    database: the shadow gets a URL naming its own database.
 * The app's runtime client (app/models/db.server.ts) uses the plain adapter.
 */
import { randomUUID } from "node:crypto";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

const TEXT_OID = 25;
const CATALOG_TEXT_OIDS = new Set([18, 19]);

function catalogTypesAsText(result: unknown): unknown {
  for (const one of Array.isArray(result) ? result : [result]) {
    for (const field of (one as pg.QueryResult | undefined)?.fields ?? []) {
      if (CATALOG_TEXT_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
    }
  }
  return result;
}

/** A pg client whose results describe `name` and `"char"` columns as text (defect 1). */
class CatalogTextClient extends pg.Client {
  // pg's overloads cannot be forwarded one by one; every form ends in a callback or a promise.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const last = args.at(-1);
    if (typeof last === "function") {
      args[args.length - 1] = (error: Error | null, result: unknown) => last(error, error ? result : catalogTypesAsText(result));
      return (super.query as (...a: unknown[]) => unknown)(...args);
    }
    const returned = (super.query as (...a: unknown[]) => unknown)(...args);
    return returned instanceof Promise ? returned.then(catalogTypesAsText) : returned;
  }
}

/** The same server and credentials, another database. */
function withDatabase(url: string, database: string): string {
  const copy = new URL(url);
  copy.pathname = `/${database}`;
  return copy.toString();
}

async function connect(url: string): Promise<SqlDriverAdapter> {
  // allowExitOnIdle: otherwise every CLI call lingers about 10 s on the pool's idle timer.
  const pool = new pg.Pool({ connectionString: url, Client: CatalogTextClient, max: 1, allowExitOnIdle: true });
  const adapter = await new PrismaPg(pool, { disposeExternalPool: true }).connect();
  // With no parameters pg uses the simple query protocol, which takes many statements (defect 2).
  adapter.executeScript = async (script) => {
    await adapter.executeRaw({ sql: script, args: [], argTypes: [] });
  };
  return adapter;
}

export function postgresMigrationAdapter(url: string): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: () => connect(url),
    async connectToShadowDb() {
      const database = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
      const admin = await connect(url);
      await admin.executeScript(`CREATE DATABASE "${database}"`);
      const shadow = await connect(withDatabase(url, database));
      const dispose = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await dispose();
        await admin.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
        await admin.dispose();
      };
      return shadow;
    },
  };
}

export function sqliteMigrationAdapter(url: string): SqlMigrationAwareDriverAdapterFactory {
  const factory = new PrismaLibSQL({ url });
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => factory.connect(),
    async connectToShadowDb() {
      const shadow = await factory.connectToShadowDb();
      const executeRaw = shadow.executeRaw.bind(shadow);
      shadow.executeRaw = async (query) => {
        if (query.args.length > 0) return executeRaw(query);
        await shadow.executeScript(query.sql);
        return 0;
      };
      return shadow;
    },
  };
}
