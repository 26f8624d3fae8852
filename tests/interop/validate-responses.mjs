// Checks recorded HTTP exchanges against an OpenAPI 3.0.x document.
// Usage: node validate-responses.mjs <openapi.json> <exchanges.json>
// An exchange: { method, path (a key of `paths`), status, contentType, headers, body }.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { fromSchema } from "@openapi-contrib/openapi-schema-to-json-schema";

const DOC_ID = "openapi.json";
// OpenAPI formats that JSON Schema does not define: accepted as is (int32 etc. get bounds from the converter).
const OPENAPI_FORMATS = ["int32", "int64", "float", "double", "byte", "binary", "password"];

// Applied by the converter to every schema object before it converts its children.
function before(schema) {
  // OpenAPI 3.0: a Reference Object's siblings are ignored; point it at the components added to ajv.
  if (typeof schema.$ref === "string") return { $ref: schema.$ref.replace(/^#/, `${DOC_ID}#`) };
  // `nullable: true` beside allOf/anyOf/oneOf (e.g. an `allOf: [{ $ref }]` wrapper) or without `type`:
  // null or the rest, as openapi-typescript reads it (`X | null`). With a plain `type` the converter does it.
  if (schema.nullable === true && (schema.type === undefined || schema.allOf || schema.anyOf || schema.oneOf)) {
    const { nullable, ...rest } = schema;
    return { anyOf: [{ type: "null" }, rest] };
  }
  // The converter drops `required` names missing from `properties` (legal, e.g. beside an allOf): keep them.
  if (Array.isArray(schema.required)) return { ...schema, "x-required": schema.required };
  return schema; // `discriminator` is dropped by the converter: oneOf/anyOf are checked as written.
}

function after(schema) {
  if (Array.isArray(schema["x-required"])) schema.required = schema["x-required"];
  delete schema["x-required"];
  return schema;
}

function convert(schema) {
  const json = fromSchema(schema, { beforeTransform: before, afterTransform: after });
  delete json.$schema; // the converter stamps draft-04; ajv 8 validates with its default draft
  return json;
}

// Follows a local "#/a/b" reference (for responses and headers given as $ref).
function deref(doc, node) {
  for (let seen = 0; node && typeof node.$ref === "string" && seen < 20; seen++) {
    node = node.$ref.slice(2).split("/")
      .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce((at, key) => (at == null ? undefined : at[key]), doc);
  }
  return node;
}

const isJson = (mediaType) => mediaType === "application/json" || mediaType.endsWith("+json");
const isEmpty = (body) => body === null || body === undefined || body === "";

function ajvFor(doc) {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  for (const format of OPENAPI_FORMATS) ajv.addFormat(format, true);
  const schemas = {};
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) schemas[name] = convert(schema);
  ajv.addSchema({ $id: DOC_ID, components: { schemas } });
  return ajv;
}

function describe(error) {
  const { additionalProperty, allowedValues } = error.params ?? {};
  const extra = additionalProperty !== undefined ? ` '${additionalProperty}'`
    : allowedValues !== undefined ? ` ${JSON.stringify(allowedValues)}` : "";
  return `${error.message}${extra} at ${error.instancePath || "/"}`;
}

// Returns the violations of one exchange as messages (without the "METHOD path status: " prefix).
function check(doc, ajv, cache, ex) {
  const operation = doc.paths?.[ex.path]?.[String(ex.method).toLowerCase()];
  if (!operation) return [`no operation ${ex.method} ${ex.path} in the document`];
  const code = String(ex.status);
  const responses = operation.responses ?? {};
  const responseKey = [code, `${code[0]}XX`, "default"].find((key) => key in responses);
  if (!responseKey) return [`status ${code} is not documented (documented: ${Object.keys(responses).join(", ")})`];
  const response = deref(doc, responses[responseKey]);
  const problems = [];

  const headers = Object.fromEntries(Object.entries(ex.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  for (const [name, header] of Object.entries(response.headers ?? {})) {
    if (deref(doc, header)?.required === true && !(name.toLowerCase() in headers)) {
      problems.push(`required header ${name} is missing`);
    }
  }

  const content = response.content ?? {};
  const mediaType = String(ex.contentType ?? "").split(";")[0].trim().toLowerCase();
  if (Object.keys(content).length === 0) {
    if (!isEmpty(ex.body)) problems.push(`the document declares no body for ${code}, got ${mediaType || "a body"}`);
    return problems;
  }
  const mediaKey = Object.keys(content).find((key) => key.toLowerCase() === mediaType)
    ?? Object.keys(content).find((key) => key === `${mediaType.split("/")[0]}/*` || key === "*/*");
  if (!mediaKey) {
    problems.push(mediaType === "" && isEmpty(ex.body)
      ? `no body, but the document declares ${Object.keys(content).join(", ")}`
      : `media type '${mediaType}' is not one of ${Object.keys(content).join(", ")}`);
    return problems;
  }
  const schema = content[mediaKey].schema;
  const ndjson = mediaType === "application/x-ndjson";
  if (!(isJson(mediaType) || ndjson) || !schema) return problems;
  const cacheKey = `${ex.method} ${ex.path} ${responseKey} ${mediaKey}`;
  if (!cache.has(cacheKey)) cache.set(cacheKey, ajv.compile(convert(schema)));
  const validate = cache.get(cacheKey);
  // NDJSON: the recorder sends the lines as an array; the document's schema is the schema of one line.
  if (ndjson && !Array.isArray(ex.body)) return [...problems, "an NDJSON answer was not recorded as its lines"];
  const bodies = ndjson ? ex.body : [ex.body === undefined ? null : ex.body];
  bodies.forEach((body, line) => {
    if (!validate(body)) problems.push(...validate.errors.map((e) => (ndjson ? `line ${line + 1}: ` : "") + describe(e)));
  });
  return problems;
}

// Returns [{ exchange, message }] for every violation.
export function validateExchanges(doc, exchanges) {
  const ajv = ajvFor(doc);
  const cache = new Map();
  return exchanges.flatMap((exchange) => check(doc, ajv, cache, exchange).map((message) => ({ exchange, message })));
}

function main([docPath, exchangesPath]) {
  if (!docPath || !exchangesPath) {
    console.error("usage: node validate-responses.mjs <openapi.json> <exchanges.json>");
    return 2;
  }
  const doc = JSON.parse(readFileSync(docPath, "utf8"));
  const exchanges = JSON.parse(readFileSync(exchangesPath, "utf8"));
  if (!Array.isArray(exchanges)) throw new Error(`${exchangesPath} must hold a JSON array of exchanges`);
  const violations = validateExchanges(doc, exchanges);
  for (const { exchange: ex, message } of violations) console.log(`${ex.method} ${ex.path} ${ex.status}: ${message}`);
  console.log(`${exchanges.length} exchanges, ${violations.length} violations`);
  return violations.length > 0 ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main(process.argv.slice(2));
