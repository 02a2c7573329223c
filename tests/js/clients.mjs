// Real RDF clients, driven by tests/test_clients.py. Each command prints its answer on stdout.
//   node clients.mjs jsonld FILE.jsonld        -> N-Quads, by jsonld.js (no remote contexts)
//   node clients.mjs n3 FILE.ttl|FILE.trig     -> N-Quads, by N3.js
//   node clients.mjs shacl DATA.ttl SHAPES...  -> JSON {conforms, results: [{focus, shape, severity}]}
//   node clients.mjs page URL EXAMPLE          -> JSON {rows, links}: the query page in headless Chromium
//   node clients.mjs comunica QUERY.rq SOURCE... -> SPARQL JSON results, by Comunica over the sources
//                                                  (an http(s) address is a SPARQL endpoint, a path a Turtle file)
import { readFileSync } from "node:fs";
import jsonld from "jsonld";
import N3 from "n3";

function quadsOf(text, format) {
  return new N3.Parser({ format }).parse(text);
}

function nquads(quads) {
  const writer = new N3.Writer({ format: "N-Quads" });
  writer.addQuads(quads);
  return new Promise((resolve, reject) => writer.end((error, out) => (error ? reject(error) : resolve(out))));
}

async function jsonldCommand(file) {
  const refuseRemote = async (url) => { throw new Error(`no remote documents: ${url}`); };
  const doc = JSON.parse(readFileSync(file, "utf8"));
  return jsonld.toRDF(doc, { format: "application/n-quads", documentLoader: refuseRemote });
}

async function n3Command(file) {
  const format = file.endsWith(".trig") ? "application/trig" : "text/turtle";
  return nquads(quadsOf(readFileSync(file, "utf8"), format));
}

async function shaclCommand(dataFile, shapeFiles) {
  const { default: rdf } = await import("@zazuko/env");
  const { default: SHACLValidator } = await import("rdf-validate-shacl");
  const data = rdf.dataset(quadsOf(readFileSync(dataFile, "utf8"), "text/turtle"));
  const shapes = rdf.dataset();
  for (const file of shapeFiles) for (const q of quadsOf(readFileSync(file, "utf8"), "text/turtle")) shapes.add(q);
  const report = await new SHACLValidator(shapes, { factory: rdf }).validate(data);
  const results = report.results.map((r) => ({
    focus: r.focusNode ? r.focusNode.value : null,
    shape: r.sourceShape ? r.sourceShape.value : null,
    severity: r.severity ? r.severity.value : null,
  }));
  return JSON.stringify({ conforms: report.conforms, results });
}

async function pageCommand(url, example) {
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    await page.goto(url, { waitUntil: "load" });
    await page.click(`button[data-query="${example}"]`);
    const rows = page.locator(".yasr table.dataTable tbody tr");
    await rows.first().waitFor({ timeout: 30000 });
    const cells = await rows.evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll("td")).map((td) => td.innerText.trim())));
    const links = await page.locator(".yasr table.dataTable tbody a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    return JSON.stringify({ rows: cells, links, errors });
  } finally {
    await browser.close();
  }
}

async function comunicaCommand(queryFile, sources) {
  const { QueryEngine } = await import("@comunica/query-sparql");
  const engine = new QueryEngine();
  const resolved = sources.map((source) => (/^https?:/.test(source)
    ? { type: "sparql", value: source }
    : { type: "serialized", value: readFileSync(source, "utf8"), mediaType: "text/turtle", baseIRI: `file://${source}` }));
  const result = await engine.query(readFileSync(queryFile, "utf8"), { sources: resolved });
  const { data } = await engine.resultToString(result, "application/sparql-results+json");
  let out = "";
  for await (const chunk of data) out += chunk;
  return out;
}

const [command, ...args] = process.argv.slice(2);
const commands = {
  jsonld: () => jsonldCommand(args[0]),
  n3: () => n3Command(args[0]),
  shacl: () => shaclCommand(args[0], args.slice(1)),
  page: () => pageCommand(args[0], args[1]),
  comunica: () => comunicaCommand(args[0], args.slice(1)),
};
if (!commands[command]) {
  console.error(`unknown command ${command}`);
  process.exit(2);
}
commands[command]().then((out) => process.stdout.write(out)).catch((error) => {
  console.error(error && error.stack ? error.stack : String(error));
  process.exit(1);
});
