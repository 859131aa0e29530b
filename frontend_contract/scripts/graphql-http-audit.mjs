#!/usr/bin/env node
// The GraphQL over HTTP server audit of the `graphql-http` package (the spec's reference
// implementation), run against a live endpoint:
//
//   node frontend_contract/scripts/graphql-http-audit.mjs http://127.0.0.1:8000/graphql/
//
// Prints one line per audit (id, status, name, and why it did not pass), then a JSON summary
// on the last line. Exits 1 when any audit is an error (a MUST) or a warning (a SHOULD): the
// endpoint follows the specification to the letter. Notices (failed MAYs: optional behaviour)
// are listed and counted but do not fail the run.
//
// It lives in frontend_contract/ because that is where the pinned `graphql-http` is installed:
// an ES module resolves bare imports from its own folder upwards, and ignores NODE_PATH.
import { serverAudits } from 'graphql-http';

const FAILING = new Set(['error', 'warn']);

// Each response's body, read as it arrives: the audits consume the bodies they look at, and a
// failed audit's report should still show what the server said.
const bodies = new WeakMap();

async function recordingFetch(...args) {
  const response = await fetch(...args);
  bodies.set(response, await response.clone().text());
  return response;
}

async function main(url) {
  const results = [];
  // One at a time: the audits are small, and a dev server (or a CI box) runs on few cores.
  for (const audit of serverAudits({ url, fetchFn: recordingFetch })) {
    let result;
    try {
      result = await audit.fn();
    } catch (error) {
      // graphql-http throws (rather than failing the audit) on what it cannot assess at all,
      // such as a refused connection or a body that is not JSON where JSON is required.
      result = { id: audit.id, name: audit.name, status: 'error', reason: `fatal: ${error}` };
    }
    const line = { id: result.id, name: result.name, status: result.status };
    if (result.status !== 'ok') {
      line.reason = result.reason;
      if (result.response) {
        line.httpStatus = result.response.status;
        line.contentType = result.response.headers.get('content-type');
        line.body = (bodies.get(result.response) ?? '').slice(0, 300);
      }
    }
    results.push(line);
    const detail = line.reason
      ? ` -- ${line.reason} (HTTP ${line.httpStatus ?? '-'}, ${line.contentType ?? '-'}: ${line.body ?? ''})`
      : '';
    console.log(`${line.status.padEnd(6)} ${line.id} ${line.name}${detail}`);
  }
  const count = (status) => results.filter((result) => result.status === status).length;
  const summary = {
    url,
    total: results.length,
    ok: count('ok'),
    notice: count('notice'),
    warn: count('warn'),
    error: count('error'),
    failing: results.filter((result) => FAILING.has(result.status)),
  };
  console.log(JSON.stringify(summary));
  return summary.warn + summary.error === 0 ? 0 : 1;
}

const url = process.argv[2];
if (!url) {
  console.error('usage: node graphql-http-audit.mjs <url of the GraphQL endpoint>');
  process.exit(2);
}
process.exitCode = await main(url);
