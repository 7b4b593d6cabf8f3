import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import { createClient } from "@libsql/client";
import { createPrismaClient } from "../../../app/models/db.server";

const file = path.resolve("tests/.tmp", `db-${randomUUID()}.sqlite`);
const url = `file:${file}`;

afterAll(() => {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
});

describe("createPrismaClient on SQLite", () => {
  it("puts a rollback-journal file in WAL mode and gives every connection a busy timeout", async () => {
    // GIVEN a file made outside the migrations, in SQLite's default rollback-journal mode
    const setup = createClient({ url });
    await setup.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
    expect((await setup.execute("PRAGMA journal_mode")).rows[0]).toMatchObject({ journal_mode: "delete" });
    setup.close();

    // WHEN the app opens it
    const prisma = createPrismaClient(url);
    const [mode] = await prisma.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    const [timeout] = await prisma.$queryRawUnsafe<{ timeout: number }[]>("PRAGMA busy_timeout");
    // A transaction borrows a connection of its own from the pool.
    const inTransaction = await prisma.$transaction((tx) => tx.$queryRawUnsafe<{ timeout: number }[]>("PRAGMA busy_timeout"));
    const [synchronous] = await prisma.$queryRawUnsafe<{ synchronous: number }[]>("PRAGMA synchronous");
    await prisma.$disconnect();

    // THEN it is in WAL mode, commits wait for the disk (FULL), and no connection fails at once on a lock
    expect(mode.journal_mode).toBe("wal");
    expect(Number(synchronous.synchronous)).toBe(2);
    expect(Number(timeout.timeout)).toBe(5_000);
    expect(Number(inTransaction[0].timeout)).toBe(5_000);
  });

  it("waits for another process's write lock instead of failing", async () => {
    // GIVEN another process holding the write lock for 500 ms (libsql waits synchronously, so
    // the holder cannot live in this process's event loop)
    const holder = spawn(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `import { createClient } from "@libsql/client";
         const c = createClient({ url: ${JSON.stringify(url)} });
         const tx = await c.transaction("write");
         await tx.execute("INSERT INTO t (v) VALUES ('other')");
         console.log("locked");
         setTimeout(async () => { await tx.commit(); c.close(); }, 500);`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    await new Promise((resolve) => holder.stdout!.once("data", resolve));

    // WHEN the app writes meanwhile
    const prisma = createPrismaClient(url);
    const written = await prisma.$executeRawUnsafe("INSERT INTO t (v) VALUES ('app')");
    const rows = await prisma.$queryRawUnsafe<{ v: string }[]>("SELECT v FROM t ORDER BY id");
    await prisma.$disconnect();
    await new Promise((resolve) => (holder.exitCode === null ? holder.once("exit", resolve) : resolve(null)));

    // THEN its write lands after the other one
    expect(written).toBe(1);
    expect(rows.map((row) => row.v)).toEqual(["other", "app"]);
  });
});
