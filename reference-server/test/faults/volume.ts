/**
 * A data directory on a volume of its own that a test can break: a small ext4 file system in an
 * image file, loop-mounted in a private mount namespace (`unshare -m`) that only the server
 * process sees, so nothing leaks into the machine's mounts and the mount ends with the process.
 * Faults are real kernel errors, injected from inside that namespace (`nsenter`):
 *
 * - `fill()` / `clear()`: a filler file takes every free block (ENOSPC → SQLITE_FULL), and
 *   removing it frees them again;
 * - `breakReadOnly()`: the kernel's own reaction to a disk error (ext4 `errors=remount-ro`,
 *   triggered through `/sys/fs/ext4/<dev>/trigger_fs_error`): the volume turns read-only under
 *   the open files (EROFS / EIO → SQLITE_READONLY / SQLITE_IOERR). Like a real one it lasts
 *   until the volume is unmounted and mounted again, which `startServerProcess` on the same
 *   image does after the process is gone.
 *
 * Needs root with CAP_SYS_ADMIN, loop devices and mkfs.ext4; `volumeFaultsSupported()` says
 * whether this machine has them.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startServerProcess, type ServerProcess } from "../harness.ts";

/** An empty file of `megabytes` that takes no space until written. */
function sparseFile(file: string, megabytes: number): void {
  writeFileSync(file, "");
  truncateSync(file, megabytes * 1024 * 1024);
}

/** Whether loop mounts in a private mount namespace work here (the reason when not). */
export function volumeFaultsSupported(): { ok: true } | { ok: false; reason: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "axp-vol-probe-"));
  try {
    const image = path.join(dir, "probe.img");
    const mountpoint = path.join(dir, "m");
    mkdirSync(mountpoint);
    sparseFile(image, 4);
    const mkfs = spawnSync("mkfs.ext4", ["-q", "-F", image], { encoding: "utf8" });
    if (mkfs.status !== 0) return { ok: false, reason: `mkfs.ext4 failed: ${mkfs.error?.message ?? mkfs.stderr}` };
    const mount = spawnSync("unshare", ["-m", "--propagation", "private", "mount", "-o", "loop", image, mountpoint], { encoding: "utf8" });
    if (mount.status !== 0) return { ok: false, reason: `cannot loop-mount in a private mount namespace: ${mount.error?.message ?? mount.stderr.trim()}` };
    return { ok: true };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface FaultyVolume {
  /** The data directory (the mount point inside the server's namespace). */
  dir: string;
  /** Start a server whose data directory is this volume, mounted afresh. */
  start(options?: { port?: number; args?: string[] }): Promise<ServerProcess>;
  /** Take every free block. */
  fill(server: ServerProcess): void;
  /** Free them again. */
  clear(server: ServerProcess): void;
  /** Make the kernel turn the volume read-only, as after a disk error. */
  breakReadOnly(server: ServerProcess): void;
  /** Remove the image (the mounts ended with their processes). */
  remove(): void;
}

/** A new volume of `megabytes` (ext4 without a journal, no reserved blocks, errors=remount-ro). */
export function createFaultyVolume(megabytes = 48): FaultyVolume {
  const root = mkdtempSync(path.join(tmpdir(), "axp-vol-"));
  const image = path.join(root, "volume.img");
  const dir = path.join(root, "data");
  mkdirSync(dir);
  sparseFile(image, megabytes);
  // No journal: a journalled ext4 aborts its journal on the error and cannot be written again
  // until it is unmounted, which is what `breakReadOnly` wants but would also make a remount
  // after the test's restart fail; without one, a fresh mount after the process is gone works.
  execFileSync("mkfs.ext4", ["-q", "-F", "-m", "0", "-O", "^has_journal", image]);
  const inNamespace = (server: ServerProcess, script: string) => {
    const pid = server.child.pid;
    if (pid === undefined) throw new Error("the server has no pid");
    execFileSync("nsenter", ["-t", String(pid), "-m", "sh", "-c", script, "sh", dir], { stdio: ["ignore", "pipe", "pipe"] });
  };
  return {
    dir,
    start: (options = {}) =>
      startServerProcess({
        ...options,
        dataDir: dir,
        // The mount exists only in the server's namespace; `exec` keeps the server's pid the child's.
        wrap: ["unshare", "-m", "--propagation", "private", "sh", "-c", 'mount -o loop,errors=remount-ro "$1" "$2" && shift 2 && exec "$@"', "sh", image, dir],
      }),
    fill: (server) => inNamespace(server, 'dd if=/dev/zero of="$1/filler" bs=64k 2>/dev/null; dd if=/dev/zero of="$1/filler-tail" bs=1k 2>/dev/null; sync; true'),
    clear: (server) => inNamespace(server, 'rm -f "$1/filler" "$1/filler-tail"'),
    breakReadOnly: (server) => inNamespace(server, 'dev=$(basename "$(findmnt -no SOURCE "$1")") && echo 1 > "/sys/fs/ext4/$dev/trigger_fs_error"'),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
