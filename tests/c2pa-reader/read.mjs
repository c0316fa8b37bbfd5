#!/usr/bin/env node
// Reads the C2PA manifest store of one file with the official c2pa-rs reader (the WASM build,
// @contentauth/c2pa-wasm) and prints one JSON object, so that Takt's tests can judge what Takt
// writes by the reference implementation rather than by Takt's own verifier.
//
//   node read.mjs <file> [--format mime] [--trust anchors.pem]
//
// stdout: {"state","activeManifest","manifests","success","informational","failure","ingredientDeltas"}
//         or {"error"} with exit code 3 when the file has no manifest or cannot be read.
// Without --trust, trust-list checking is off (verify_trust false): every signer would otherwise
// be reported as signingCredential.untrusted, which hides the integrity codes the tests look at.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { initSync, WasmReader } from '@contentauth/c2pa-wasm';

const MIME = {
  '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.webp': 'image/webp',
  '.gif': 'image/gif', '.tif': 'image/tiff', '.tiff': 'image/tiff', '.avif': 'image/avif',
  '.heic': 'image/heic', '.mp4': 'video/mp4', '.mov': 'video/quicktime', '.m4a': 'audio/mp4',
  '.wav': 'audio/wav', '.mp3': 'audio/mpeg', '.pdf': 'application/pdf', '.c2pa': 'application/c2pa',
};

function fail(message) {
  console.log(JSON.stringify({ error: message }));
  process.exit(3);
}

function parseArgs(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--format' || arg === '--trust') {
      if (i + 1 >= argv.length) fail(`${arg} needs a value`);
      options[arg.slice(2)] = argv[++i];
    } else if (!options.file) options.file = arg;
    else fail(`unexpected argument ${arg}`);
  }
  if (!options.file) fail('usage: node read.mjs <file> [--format mime] [--trust anchors.pem]');
  return options;
}

// c2pa-rs Settings JSON (sdk/src/settings/mod.rs). verify_trust defaults to true in c2pa-rs, so it
// is always stated explicitly.
function settings(options) {
  const pem = options.trust ? readFileSync(options.trust, 'utf8') : undefined;
  return JSON.stringify({
    verify: { verify_trust: pem !== undefined },
    ...(pem !== undefined ? { trust: { trust_anchors: pem } } : {}),
  });
}

const codes = (statuses) => (statuses ?? []).map((s) => s.code);

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const format = options.format ?? MIME[path.extname(options.file).toLowerCase()];
  if (!format) fail(`unknown extension for ${options.file}; pass --format <mime>`);

  // fromBytes is the Node entry point: fromBlob needs the browser's FileReaderSync.
  const wasm = createRequire(import.meta.url).resolve('@contentauth/c2pa-wasm/c2pa.wasm');
  initSync({ module: readFileSync(wasm) });

  let bytes;
  try {
    bytes = new Uint8Array(readFileSync(options.file));
  } catch (e) {
    fail(String(e?.message ?? e));
  }

  let reader;
  try {
    reader = await WasmReader.fromBytes(format, bytes, settings(options));
  } catch (e) {
    fail(String(e?.message ?? e));
  }
  try {
    const store = JSON.parse(reader.json());
    const results = store.validation_results?.activeManifest ?? {};
    console.log(JSON.stringify({
      state: store.validation_state,
      activeManifest: store.active_manifest ?? null,
      manifests: store.manifests ?? {},
      success: codes(results.success),
      informational: codes(results.informational),
      failure: (results.failure ?? []).map((s) => ({
        code: s.code, url: s.url ?? null, explanation: s.explanation ?? null,
      })),
      ingredientDeltas: store.validation_results?.ingredientDeltas ?? [],
    }));
  } finally {
    reader.free();
  }
}

main().catch((e) => fail(String(e?.stack ?? e)));
