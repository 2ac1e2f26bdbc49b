// Runs Doyensec's electronegativity on the Electron code and fails on any medium or high
// finding that build/electronegativity-reviewed.json does not explain. (The tool itself
// exits non-zero when it cannot reach its update server, so its CSV is what we judge.)
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const reviewed = JSON.parse(readFileSync(new URL("./electronegativity-reviewed.json", import.meta.url), "utf8"));
const electron = JSON.parse(readFileSync(new URL("../node_modules/electron/package.json", import.meta.url), "utf8")).version;
// Its global checks (CSP, navigation limits, permission handler) look across the files it
// is given, so the main-process Electron code and the preload are scanned as one app.
const work = mkdtempSync(join(tmpdir(), "electronegativity-"));
for (const dir of ["src-main/electron", "src-preload"]) cpSync(dir, join(work, "app", dir), { recursive: true });
const csv = join(work, "out.csv");
spawnSync("npx", ["electronegativity", "-i", join(work, "app"), "-s", "medium", "-r", "-e", electron, "-o", csv], { stdio: "ignore" });
if (!existsSync(csv)) {
  console.error("electronegativity produced no results");
  process.exit(1);
}
let failed = false;
for (const line of readFileSync(csv, "utf8").trim().split("\n").slice(1)) {
  const [check, severity] = line.split(",");
  const level = severity.replace(/"/g, "");
  if (level !== "MEDIUM" && level !== "HIGH") continue;
  if (reviewed[check]) {
    console.log(`electronegativity: ${check} (${level}) reviewed: ${reviewed[check]}`);
  } else {
    console.error(`electronegativity: unexplained ${level} finding: ${line}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
