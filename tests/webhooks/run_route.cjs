// Runs frontend_contract/examples/nextjs-revalidate/route.ts's POST handler outside Next.js:
// TypeScript's transpiler (the contract's pinned one) turns it into CommonJS, next/cache and
// next/server are replaced by recorders. Reads {secret, requests: [{headers, body}]} on stdin,
// prints [{status, body, calls}] for each request.
const fs = require("node:fs");
const Module = require("node:module");
const path = require("node:path");

const [contractDir] = process.argv.slice(2);
const ts = require(path.join(contractDir, "node_modules", "typescript"));
const routePath = path.join(contractDir, "examples", "nextjs-revalidate", "route.ts");
const compiled = ts.transpileModule(fs.readFileSync(routePath, "utf8"), {
  compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
}).outputText;

let calls = [];
const stubs = {
  "next/cache": {
    revalidateTag: (tag) => calls.push(["tag", tag]),
    revalidatePath: (p) => calls.push(["path", p]),
  },
  "next/server": { NextResponse: { json: (body, init) => Response.json(body, init) } },
};
const route = new Module(routePath);
route.filename = routePath;
route.require = (name) => stubs[name] ?? require(name);
route._compile(compiled, routePath);

(async () => {
  const input = JSON.parse(fs.readFileSync(0, "utf8"));
  process.env.CMS_WEBHOOK_SECRET = input.secret;
  const results = [];
  for (const { headers, body } of input.requests) {
    calls = [];
    const response = await route.exports.POST(
      new Request("http://site.example/api/revalidate", { method: "POST", headers, body }),
    );
    results.push({ status: response.status, body: await response.json(), calls });
  }
  process.stdout.write(JSON.stringify(results));
})();
