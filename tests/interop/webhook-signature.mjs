// Standard Webhooks from the npm `standardwebhooks` package (an implementation independent of ours), for the tests.
//
// Usage: node webhook-signature.mjs <input.json>
// Input:  [{ "secret": "whsec_...", "id": "msg_...", "timestamp": 1795166101, "body": "...", "signature": "v1,... v1,..." }]
// For each: `signed` = the package's sign() of the first secret; `verified` = whether verify() accepts the received
// signature header with the first secret (verify() also checks the timestamp is within 5 minutes of now).
// Output: one JSON array of { signed, verified, error } on stdout.
import { readFileSync } from 'node:fs';
import { Webhook } from 'standardwebhooks';

const cases = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const results = cases.map(({ secret, id, timestamp, body, signature }) => {
  const hook = new Webhook(secret);
  const signed = hook.sign(id, new Date(timestamp * 1000), body);
  let verified = false, error = null;
  try {
    hook.verify(body, { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature });
    verified = true;
  } catch (e) {
    error = e.message;
  }
  return { signed, verified, error };
});
console.log(JSON.stringify(results));
