// Verify one credential with @digitalbazaar/vc + eddsa-rdfc-2022 (jsonld.js, safe mode), with a
// document loader over local files only. Usage:
//   node verify.mjs credential.json contexts.json controller.json [now]
// contexts.json maps context URLs to files. Prints {"verified": bool, "error": "..."}.
import {readFileSync} from 'node:fs';
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';

const [credentialPath, contextsPath, controllerPath, now] = process.argv.slice(2);
const read = path => JSON.parse(readFileSync(path, 'utf8'));
const documents = {};
for(const [url, path] of Object.entries(read(contextsPath))) {
  documents[url] = read(path);
}
const controller = read(controllerPath);
documents[controller.id] = controller;
for(const method of controller.verificationMethod) {
  documents[method.id] = {'@context': controller['@context'], ...method};
}

async function documentLoader(url) {
  const document = documents[url] ?? documents[url.split('#')[0]];
  if(!document) {
    throw new Error(`refusing to load ${url}: not local`);
  }
  return {contextUrl: null, documentUrl: url, document};
}

const suite = new DataIntegrityProof({cryptosuite});
const result = await vc.verifyCredential({
  credential: read(credentialPath), suite, documentLoader,
  checkStatus: async () => ({verified: true}),  // status is checked on the Python side
  ...(now ? {now: new Date(now)} : {})
});
const error = result.error ? (result.error.errors || [result.error]).map(e => e.message).join('; ') : null;
console.log(JSON.stringify({verified: result.verified, error}));
