// Shows that validate-responses.mjs rejects what it must and accepts what it must (run: node selfcheck/run.mjs).
// Each exchange in exchanges.json has "expect": null (must pass) or a text one of its violations must contain.
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { validateExchanges } from "../validate-responses.mjs";

const here = (name) => fileURLToPath(new URL(name, import.meta.url));
const doc = JSON.parse(readFileSync(here("mini-openapi.json"), "utf8"));
const exchanges = JSON.parse(readFileSync(here("exchanges.json"), "utf8"));
const failures = [];

for (const [i, exchange] of exchanges.entries()) {
  const messages = validateExchanges(doc, [exchange]).map((v) => v.message);
  const label = `exchange ${i} (${exchange.method} ${exchange.path} ${exchange.status})`;
  if (exchange.expect === null && messages.length > 0) failures.push(`${label} should pass, got: ${messages.join("; ")}`);
  if (exchange.expect !== null && !messages.some((m) => m.includes(exchange.expect))) {
    failures.push(`${label} should report "${exchange.expect}", got: ${messages.join("; ") || "nothing"}`);
  }
}

// The command line: exit 0 and "N exchanges, 0 violations" on good exchanges, exit 1 on all of them.
const dir = mkdtempSync(join(tmpdir(), "interop-selfcheck-"));
const goodFile = join(dir, "good.json");
writeFileSync(goodFile, JSON.stringify(exchanges.filter((e) => e.expect === null)));
const cli = (file) => spawnSync(process.execPath, [here("../validate-responses.mjs"), here("mini-openapi.json"), file], { encoding: "utf8" });
const good = cli(goodFile);
const goodCount = exchanges.filter((e) => e.expect === null).length;
if (good.status !== 0 || !good.stdout.includes(`${goodCount} exchanges, 0 violations`)) {
  failures.push(`CLI on good exchanges: exit ${good.status}, output: ${good.stdout}${good.stderr}`);
}
const all = cli(here("exchanges.json"));
const lastLine = all.stdout.trim().split("\n").at(-1);
if (all.status !== 1 || !/^\d+ exchanges, [1-9]\d* violations$/.test(lastLine)) {
  failures.push(`CLI on all exchanges: exit ${all.status}, last line: ${lastLine}${all.stderr}`);
}

for (const failure of failures) console.log(`FAIL ${failure}`);
console.log(failures.length === 0
  ? `validator self-check: ${exchanges.length} exchanges and the command line behave as expected`
  : `validator self-check: ${failures.length} failures`);
process.exitCode = failures.length === 0 ? 0 : 1;
