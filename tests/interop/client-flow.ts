// A clinic's EHR, written against the types openapi-typescript generates from the OpenAPI document.
// Env: FEEDBACK_BASE_URL (e.g. http://127.0.0.1:5199), FEEDBACK_KEY (scopes submit+read);
// optional FEEDBACK_EXCHANGES_OUT: a file to record every exchange in, for validate-responses.mjs.
import { writeFileSync } from "node:fs";
import createClient from "openapi-fetch";
import type { paths } from "./generated/schema.js";

const CATALOGUE = ["PHQ-9", "GAD-7", "CORE-10", "OQ-45.2", "ORS", "WHO-5", "SRS", "WAI-SR"];
const DAY = 24 * 60 * 60 * 1000;
const MAX_PAGES = 50;

class CheckFailed extends Error {}

function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new CheckFailed(message);
}

// The typed body of an answer whose status is one of `statuses`; fails the check otherwise.
function ok<T>(label: string, result: { data?: T; error?: unknown; response: Response }, statuses: number[]): T {
  const { data, error, response } = result;
  check(statuses.includes(response.status), `${label}: expected ${statuses.join(" or ")}, got ${response.status} ${JSON.stringify(error ?? data)}`);
  check(data !== undefined, `${label}: ${response.status} without a body`);
  return data;
}

type Submission = NonNullable<paths["/v1/clients/{clientId}/administrations"]["post"]["requestBody"]>["content"]["application/json"];

const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

interface Exchange { method: string; path: string; status: number; contentType: string | null; headers: Record<string, string>; body: unknown }
const exchanges: Exchange[] = [];

async function flow(baseUrl: string, key: string): Promise<void> {
  const client = createClient<paths>({ baseUrl, headers: { "X-Api-Key": key } });
  client.use({
    async onResponse({ request, response, schemaPath }) {
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => { headers[name] = value; });
      const contentType = response.headers.get("content-type");
      const text = await response.clone().text();
      const body: unknown = text === "" ? null : contentType?.includes("json") ? JSON.parse(text) : text;
      exchanges.push({ method: request.method, path: schemaPath, status: response.status, contentType, headers, body });
    },
  });

  // a. The catalogue (one page: nextCursor is null), then each instrument.
  const list = ok("GET /v1/instruments", await client.GET("/v1/instruments"), [200]);
  check(Array.isArray(list.items), "GET /v1/instruments: items is not an array");
  check(list.nextCursor === null, "GET /v1/instruments: the catalogue should be one page");
  const codes: string[] = list.items.map((instrument) => instrument.code);
  check(new Set(codes).size === codes.length, `GET /v1/instruments: duplicates in ${codes.join(", ")}`);
  for (const code of CATALOGUE) check(codes.includes(code), `GET /v1/instruments: ${code} is missing`);
  for (const code of codes) {
    const one = ok(`GET /v1/instruments/${code}`, await client.GET("/v1/instruments/{code}", { params: { path: { code } } }), [200]);
    check(one.code === code, `GET /v1/instruments/${code}: answered code ${one.code}`);
    check(Array.isArray(one.severityBands), `GET /v1/instruments/${code}: severityBands is not an array`);
  }
  console.log(`ok a: ${codes.length} instruments listed and read`);

  // b. Upsert a client, then change only the clinician.
  const clientId = `ts-${Date.now()}`;
  const path = { clientId };
  ok("PUT client", await client.PUT("/v1/clients/{clientId}", { params: { path }, body: { ageGroup: "child", clinicianId: "clin-ts-1" } }), [201, 200]);
  const updated = ok("PUT client again", await client.PUT("/v1/clients/{clientId}", { params: { path }, body: { clinicianId: "clin-ts-2" } }), [200]);
  check(updated.ageGroup === "child", `PUT client again: ageGroup is ${updated.ageGroup}, expected child to be kept`);
  check(updated.clinicianId === "clin-ts-2", `PUT client again: clinicianId is ${updated.clinicianId}`);
  console.log(`ok b: client ${clientId} created, clinician changed, age group kept`);

  // c. PHQ-9 intake, then a worse session with item 9 answered.
  const submit = async (label: string, body: Submission) =>
    ok(label, await client.POST("/v1/clients/{clientId}/administrations", { params: { path }, body }), [201]);
  const intake = await submit("POST PHQ-9 intake",
    { instrument: "PHQ-9", administeredAt: ago(2 * DAY), sessionNumber: 1, items: [2, 2, 2, 2, 2, 2, 2, 2, 1] });
  const intakeFeedback = intake.feedback;
  check(intakeFeedback !== undefined && intakeFeedback !== null, "POST PHQ-9 intake: no feedback (does the key have the read scope?)");
  check(intakeFeedback.kind === "outcome", `POST PHQ-9 intake: feedback.kind is ${intakeFeedback.kind}`);
  check(intakeFeedback.status === "baseline", `POST PHQ-9 intake: feedback.status is ${intakeFeedback.status}`);
  check(typeof intakeFeedback.expected?.score === "number", "POST PHQ-9 intake: feedback.expected.score is not a number");

  const second = await submit("POST PHQ-9 session 2",
    { instrument: "PHQ-9", administeredAt: ago(DAY), sessionNumber: 2, items: [3, 3, 3, 3, 3, 3, 3, 3, 1] });
  const secondFeedback = second.feedback;
  check(secondFeedback !== undefined && secondFeedback !== null, "POST PHQ-9 session 2: no feedback");
  check(typeof secondFeedback.status === "string", "POST PHQ-9 session 2: feedback.status is not a string");
  const expectedScore = secondFeedback.expected?.score;
  check(typeof expectedScore === "number", "POST PHQ-9 session 2: feedback.expected.score is not a number");
  const riskAlert = (second.alerts ?? []).find((alert) => alert.kind === "risk_item");
  check(riskAlert !== undefined, `POST PHQ-9 session 2: no risk_item alert in ${JSON.stringify(second.alerts)}`);
  check(typeof riskAlert.id === "string" && riskAlert.id.length > 0, "POST PHQ-9 session 2: the risk alert has no id");
  console.log(`ok c: intake ${intakeFeedback.status}, session 2 ${secondFeedback.status} (expected ${expectedScore}), risk alert ${riskAlert.id}`);

  // d. An alliance measure in the same session.
  const srs = await submit("POST SRS",
    { instrument: "SRS", administeredAt: ago(DAY - 60_000), sessionNumber: 2, items: [9.5, 8.0, 9.1, 7.4] });
  const alliance = srs.feedback;
  check(alliance !== undefined && alliance !== null, "POST SRS: no feedback");
  check(alliance.kind === "alliance", `POST SRS: feedback.kind is ${alliance.kind}`);
  const reasons = alliance.reasons;
  check(Array.isArray(reasons) && reasons.every((reason) => typeof reason === "string"), "POST SRS: feedback.reasons is not an array of strings");
  check(typeof alliance.concern === "boolean", "POST SRS: feedback.concern is not a boolean");
  check(alliance.rupture === null, `POST SRS: feedback.rupture is ${JSON.stringify(alliance.rupture)}, not null (the first rating has no baseline)`);
  const allianceProgress = ok("GET SRS progress", await client.GET("/v1/clients/{clientId}/progress",
    { params: { path, query: { instrument: "SRS" } } }), [200]);
  check(allianceProgress.kind === "alliance", `GET SRS progress: kind is ${allianceProgress.kind}`);
  const clientSeries = (allianceProgress.series ?? []).find((s) => s.rater === "client");
  check(clientSeries !== undefined && clientSeries.points.length === 1 && clientSeries.points[0].score === srs.score.total,
    `GET SRS progress: the client series is ${JSON.stringify(clientSeries)}`);
  check(typeof allianceProgress.cutoff?.total === "number", "GET SRS progress: cutoff.total is not a number");
  console.log(`ok d: alliance concern ${alliance.concern}, reasons [${reasons.join(", ")}]`);

  // e. The worklist: the risk alert is open, acknowledge it, then it is not.
  const openAlerts = async (label: string) => {
    const list = ok(label, await client.GET("/v1/alerts", { params: { query: { clientId, status: "open" } } }), [200]);
    check(Array.isArray(list.items), `${label}: items is not an array`);
    check(list.nextCursor === null || typeof list.nextCursor === "string", `${label}: nextCursor is neither a string nor null`);
    return list.items.map((alert) => alert.id);
  };
  check((await openAlerts("GET open alerts")).includes(riskAlert.id), "GET open alerts: the risk alert is not listed");
  const acknowledged = ok("POST acknowledge", await client.POST("/v1/alerts/{id}/acknowledge",
    { params: { path: { id: riskAlert.id } }, body: { by: "clin-ts-2", note: "called the client" } }), [200]);
  check(acknowledged.status === "acknowledged", `POST acknowledge: status is ${acknowledged.status}`);
  check(!(await openAlerts("GET open alerts after")).includes(riskAlert.id), "GET open alerts after: the acknowledged alert is still open");
  console.log("ok e: risk alert listed, acknowledged, no longer open");

  // f. The history, one per page, newest first.
  const history: { id: string; administeredAt: string }[] = [];
  let historyCursor: string | undefined;
  for (let page = 0; ; page++) {
    check(page < MAX_PAGES, "GET administrations: nextCursor never became null");
    const list = ok("GET administrations", await client.GET("/v1/clients/{clientId}/administrations",
      { params: { path, query: { limit: 1, cursor: historyCursor } } }), [200]);
    check(list.items.length <= 1, `GET administrations: ${list.items.length} items with limit=1`);
    history.push(...list.items.map(({ id, administeredAt }) => ({ id, administeredAt })));
    if (list.nextCursor === null) break;
    historyCursor = list.nextCursor;
  }
  const ids = history.map((entry) => entry.id);
  check(JSON.stringify(ids) === JSON.stringify([srs.id, second.id, intake.id]),
    `GET administrations: expected [${srs.id}, ${second.id}, ${intake.id}] newest first, got [${ids.join(", ")}]`);
  check(history.every((entry, i) => i === 0 || Date.parse(history[i - 1].administeredAt) >= Date.parse(entry.administeredAt)),
    "GET administrations: not newest first");
  console.log("ok f: 3 administrations, newest first, no duplicates");
}

async function main(): Promise<number> {
  const baseUrl = process.env.FEEDBACK_BASE_URL;
  const key = process.env.FEEDBACK_KEY;
  if (!baseUrl || !key) {
    console.error("set FEEDBACK_BASE_URL and FEEDBACK_KEY (a key with the submit and read scopes)");
    return 1;
  }
  try {
    await flow(baseUrl, key);
    console.log("typescript client: all checks passed");
    return 0;
  } catch (e) {
    console.error(e instanceof CheckFailed ? `typescript client: check failed: ${e.message}` : e);
    return 1;
  } finally {
    const out = process.env.FEEDBACK_EXCHANGES_OUT;
    if (out) writeFileSync(out, JSON.stringify(exchanges, null, 2));
  }
}

process.exitCode = await main();
