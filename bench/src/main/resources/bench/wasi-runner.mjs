// Runs a WASI preview1 command module with Node's node:wasi, as EngineBenchmark's reference.
//
//   node wasi-runner.mjs <module.wasm> <stdin-file> <warm-up runs> <measured runs>
//
// The module is compiled once; each run gets a fresh instance and WASI, stdin read from the file
// and stdout written to a scratch file (the last run's output is reported, to be checked). Prints
// one JSON line: {"node", "runs", "totalMs", "medianMs", "minMs", "cpuMedianMs", "stdout"}, where
// cpuMedianMs is the median CPU time (user and system) the whole process used for one run.
//
// Run it with --expose-gc: it then collects every 200 runs. Without that, Node 20 slows down and
// can crash after a few thousand instances, before its collector reclaims their memories.
import { WASI } from 'node:wasi';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const [wasmPath, stdinPath, warmUpText, runsText] = process.argv.slice(2);
const warmUp = Number(warmUpText);
const runs = Number(runsText);
const module = new WebAssembly.Module(readFileSync(wasmPath));
const scratch = mkdtempSync(join(tmpdir(), 'wasi-runner-'));
const outPath = join(scratch, 'stdout');

let count = 0;

function runOnce() {
  if (globalThis.gc && ++count % 200 === 0) {
    globalThis.gc();
  }
  const stdin = openSync(stdinPath, 'r');
  const stdout = openSync(outPath, 'w');
  try {
    const wasi = new WASI({
      version: 'preview1',
      args: ['agent'],
      env: {},
      stdin,
      stdout,
      stderr: 2,
      returnOnExit: true,
    });
    const instance = new WebAssembly.Instance(module, wasi.getImportObject());
    const code = wasi.start(instance);
    if (code !== 0) {
      throw new Error(`the module exited with code ${code}`);
    }
  } finally {
    closeSync(stdin);
    closeSync(stdout);
  }
}

for (let i = 0; i < warmUp; i++) {
  runOnce();
}
const times = [];
const cpuTimes = [];
const start = performance.now();
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  runOnce();
  const cpu = process.cpuUsage(cpu0);
  times.push(performance.now() - t0);
  cpuTimes.push((cpu.user + cpu.system) / 1000);
}
const totalMs = performance.now() - start;
times.sort((a, b) => a - b);
cpuTimes.sort((a, b) => a - b);
const stdout = readFileSync(outPath, 'utf8');
rmSync(scratch, { recursive: true, force: true });
console.log(
  JSON.stringify({
    node: process.version,
    runs,
    totalMs,
    medianMs: times[Math.floor(times.length / 2)],
    minMs: times[0],
    cpuMedianMs: cpuTimes[Math.floor(cpuTimes.length / 2)],
    stdout,
  }),
);
