#!/usr/bin/env python3
"""Extracts CNY list prices from the azure.cn pricing-page captures.

Reads the bare git mirror of lvraikkonen/AzureCNArchaeologist (pages are read with
`git show`, never from a work tree) and its data/configs/soft-category.json, and writes
china-prices.json: one record per (price cell, region the cell's table is visible in).

    python3 scripts/extract-azure-cn-prices.py [--repo DIR] [--calc-repo DIR] --out FILE [--notes FILE]

The repositories are bare git mirrors of github lvraikkonen/AzureCNArchaeologist (the
azure.cn pricing pages as fetched on 2026-07-26) and lvraikkonen/AzureCNCalcRefine (the
azure.cn pricing calculator's data model, for virtual machines). The output feeds
scripts/make-price-snapshot.py.

Rules applied:
- HTML comments are removed before anything is read (commented-out region lists and
  tables are not visible on the page).
- Region list = the options of the page's visible region selector; a page without one
  gets the single region "all" (one China-wide price).
- soft-category.json gives, per (software tab, region), the ids of the tables the page
  hides in that region; a table belongs to a region only if it is not hidden there. A
  table hidden in every region of the page is not emitted at all (it is not shown).
- Prices keep the exact text of the page (digits, separators as printed); nothing is
  converted or derived. "about ... / month" hints printed after an hourly price are a
  calculation by the page and are skipped.
"""
import argparse
import json
import re
import subprocess
import sys

from bs4 import BeautifulSoup, Comment

REPO = "/work/.mirror/lvraikkonen+AzureCNArchaeologist/repo"
PREFIX = "data/current_prod_html/en-us/pricing/details/"
REGION_CODES = {
    "north-china": "chinanorth", "east-china": "chinaeast",
    "north-china2": "chinanorth2", "east-china2": "chinaeast2",
    "north-china3": "chinanorth3", "east-china3": "chinaeast3",
}
ALL_REGIONS = list(REGION_CODES)

# product page (path under pricing/details/) -> service label used in the records.
PAGES = {
    "virtual-machine-scale-sets/index.html": "Virtual Machines (VMSS page)",
    "virtual-machines/dedicated-host/index.html": "Dedicated Host",
    "storage/managed-disks/index.html": "Managed Disks",
    "storage/blobs.html": "Storage Blobs",
    "storage/data-lake/index.html": "Data Lake Storage",
    "storage/files/index.bak.html": "Storage Files",
    "storage/queues/index.html": "Storage Queues",
    "storage/tables/index.html": "Storage Tables",
    "storage/page-blobs/index.html": "Page Blobs",
    "sql-database/index.html": "SQL Database",
    "managed-instance/index.html": "SQL Managed Instance",
    "mysql/index.html": "Azure Database for MySQL",
    "postgresql/index.html": "Azure Database for PostgreSQL",
    "mariadb/index.html": "Azure Database for MariaDB",
    "cosmos-db/index.html": "Cosmos DB",
    "cache/index.html": "Azure Cache for Redis",
    "redis-cache/index.html": "Azure Cache for Redis (legacy page)",
    "app-service/index.html": "App Service",
    "azure-functions/index.html": "Azure Functions",
    "kubernetes-service/index.html": "AKS",
    "container-registry/index.html": "Container Registry",
    "container-instances/index.html": "Container Instances",
    "container-apps/index.html": "Container Apps",
    "monitor/index.html": "Azure Monitor",
    "key-vault/index.html": "Key Vault",
    "service-bus/index.html": "Service Bus",
    "event-hubs/index.html": "Event Hubs",
    "event-grid/index.html": "Event Grid",
    "api-management/index.html": "API Management",
    "application-gateway/index.html": "Application Gateway",
    "azure-firewall/index.html": "Azure Firewall",
    "firewall-manager/index.html": "Firewall Manager",
    "azure-bastion/index.html": "Azure Bastion",
    "vpn-gateway/index.html": "VPN Gateway",
    "expressroute/index.html": "ExpressRoute",
    "load-balancer/index.html": "Load Balancer",
    "ip-addresses/index.html": "Public IP",
    "reserved-ip-addresses/index.html": "Reserved IP (classic)",
    "azure-nat-gateway/index.html": "NAT Gateway",
    "private-link/index.html": "Private Link",
    "dns/index.html": "DNS",
    "frontdoor/index.html": "Front Door",
    "cdn/index.html": "CDN",
    "traffic-manager/index.html": "Traffic Manager",
    "backup/index.html": "Backup",
    "site-recovery/index.html": "Site Recovery",
    "automation/index.html": "Automation",
    "synapse-analytics/index.html": "Synapse Analytics",
    "sql-data-warehouse/index.html": "SQL Data Warehouse",
    "stream-analytics/index.html": "Stream Analytics",
    "data-factory/data-pipeline.html": "Data Factory (data pipeline)",
    "data-factory/ssis.html": "Data Factory (SSIS)",
    "signalr-service/index.html": "SignalR",
    "web-pubsub/index.html": "Web PubSub",
    "notification-hubs/index.html": "Notification Hubs",
    "cognitive-services/index.html": "Cognitive Services",
    "search/index.html": "Azure AI Search",
    "logic-apps/index.html": "Logic Apps",
    "virtual-network/index.html": "Virtual Network",
    "virtual-wan/index.html": "Virtual WAN",
    "network-watcher/index.html": "Network Watcher",
    "ddos-protection/index.html": "DDoS Protection",
    "iot-hub/index.html": "IoT Hub",
    "hdinsight/index.html": "HDInsight",
    "databricks/index.html": "Databricks",
    "data-explorer/index.html": "Data Explorer",
    "app-configuration/index.html": "App Configuration",
    "spring-cloud/index.html": "Spring Apps",
    "managed-grafana/index.html": "Managed Grafana",
    "batch/index.html": "Batch",
    "cloud-services/index.html": "Cloud Services",
    "azure-defender/index.html": "Defender for Cloud",
    "microsoft-sentinel/index.html": "Microsoft Sentinel",
    "virtual-desktop/index.html": "Virtual Desktop",
    "route-server/index.html": "Route Server",
    "power-bi-embedded/index.html": "Power BI Embedded",
    "analysis-services/index.html": "Analysis Services",
    "time-series-insights/index.html": "Time Series Insights",
    "purview/index.html": "Purview",
    "active-directory-ds/index.html": "Entra Domain Services",
    "machine-learning/index.html": "Machine Learning",
    "hpc-cache/index.html": "HPC Cache",
    "form-recognizer/index.html": "Document Intelligence",
    "bandwidth/index.html": "Bandwidth",
    "data-transfer/index.html": "Data Transfer",
}

# A price: a yuan sign then a number, or a number then 元/yuan. Group "num" is the exact text.
PRICE_RE = re.compile(r"[￥¥]\s*(?P<num>\d[\d,]*(?:\.\d+)?)|(?P<num2>\d[\d,]*(?:\.\d+)?)\s*(?:元|yuan\b|CNY\b|RMB\b)", re.I)
BARE_RE = re.compile(r"^(\d[\d,]*\.\d+|\d[\d,]*)$")
BARE_UNIT_RE = re.compile(r"^(\d[\d,]*(?:\.\d+)?)\s*(?:/|per )\s*(?:hour|month|day|GB|gateway|unit)", re.I)
ABOUT_RE = re.compile(r"(about|approx\w*|approximately|约|~|≈)\s*$", re.I)


def git_show(repo, rev, path):
    return subprocess.run(["git", "-C", repo, "show", f"{rev}:{path}"], check=True,
                          capture_output=True).stdout


def norm(s):
    s = s.replace("\u00a0", " ").replace("\u202c", "").replace("\u200b", "")
    return re.sub(r"\s+", " ", s).strip()


def cell_text(c):
    return norm(c.get_text(" "))


BLOCK_TAGS = ("p", "div", "li", "ul", "ol", "tr", "h1", "h2", "h3", "h4", "h5", "h6")


def cell_lines(c):
    """The cell's text split at line breaks and block elements (each line one visual row)."""
    parts = []

    def walk(node):
        for ch in node.children:
            if isinstance(ch, str):
                parts.append(str(ch))
            elif ch.name == "br":
                parts.append("\n")
            elif ch.name in BLOCK_TAGS:
                parts.append("\n")
                walk(ch)
                parts.append("\n")
            else:
                walk(ch)
    walk(c)
    return [x for x in (norm(p) for p in "".join(parts).split("\n")) if x]


def load_softcat(repo, rev):
    data = json.loads(git_show(repo, rev, "data/configs/soft-category.json").decode("utf-8-sig"))
    out = {}
    for row in data:
        ids = {t.strip().lstrip("#").strip() for t in row["tableIDs"] if t.strip()}
        out[(row["os"], row["region"])] = ids
    return out


def region_from_text(text):
    m = re.search(r"China\s*(North|East)\s*(\d?)|中国(北部|东部)\s*(\d?)", text or "", re.I)
    if not m:
        return None
    side = (m.group(1) or {"北部": "north", "东部": "east"}[m.group(3)]).lower()
    num = m.group(2) or m.group(4) or ""
    return f"{side}-china{num}"


def visible_regions(soup):
    """[(region shown to the reader, region value the page's script filters with)] of the
    visible region selector, or None when the page has none. The option text is what the
    reader picks; the value is what the page looks up in soft-category.json. They differ
    on a few pages (typos), which the notes record."""
    for sel in soup.select("select#region-box, select.region-box"):
        opts = []
        for o in sel.find_all("option"):
            val = o.get("value", "").strip()
            shown = region_from_text(o.get_text(" ", strip=True)) or val
            if val in REGION_CODES or shown in REGION_CODES:
                opts.append((shown if shown in REGION_CODES else val, val if val in REGION_CODES else shown))
        raw = [(o.get("value", "").strip(), norm(o.get_text(" "))) for o in sel.find_all("option")]
        if opts:
            return list(dict.fromkeys(opts)), raw
        return None, raw
    return None, []


def software_tabs(soup):
    """[(os name, panel id)] of the software selector (the key soft-category.json uses)."""
    tabs = []
    for sel in soup.select("select#software-box, select.software-box"):
        for o in sel.find_all("option"):
            tabs.append((o.get("value", "").strip(), (o.get("data-href") or "").lstrip("#")))
        break
    return tabs


def grid(table):
    """The table as a list of rows of (text, is_header) with row/col spans expanded."""
    rows = []
    pending = {}  # (row, col) -> cell
    trs = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
    for r, tr in enumerate(trs):
        row = []
        c = 0
        cells = tr.find_all(["td", "th"], recursive=False)
        it = iter(cells)
        while True:
            if (r, c) in pending:
                row.append(pending.pop((r, c)))
                c += 1
                continue
            cell = next(it, None)
            if cell is None:
                break
            txt = cell_text(cell)
            hdr = cell.name == "th"
            try:
                rs = int(cell.get("rowspan", 1) or 1)
                cs = int(cell.get("colspan", 1) or 1)
            except ValueError:
                rs = cs = 1
            for dc in range(cs):
                row.append((txt, hdr, cell))
                for dr in range(1, rs):
                    pending[(r + dr, c + dc)] = (txt, hdr, cell)
            c += cs
        while (r, c) in pending:
            row.append(pending.pop((r, c)))
            c += 1
        rows.append(row)
    return rows


def caption_of(table):
    """Nearest heading-like text before the table (h2-h5, or a strong/p title)."""
    cap = table.find("caption")
    if cap:
        return cell_text(cap)
    for prev in table.find_all_previous(["h2", "h3", "h4", "h5", "h6"], limit=1):
        return cell_text(prev)[:160]
    return ""


def term_of(text):
    t = text.lower()
    if not re.search(r"reserv|cpp|预留|预付|savings plan", t):
        return "payg"
    if re.search(r"\b(3|three)[ -]?years?\b|3年|三年", t):
        return "3y"
    if re.search(r"\b(1|one)[ -]?years?\b|1年|一年", t):
        return "1y"
    return "payg"


def split_prices(text):
    """[(label before, price text, unit text after)] for each non-derived price in text."""
    out = []
    matches = list(PRICE_RE.finditer(text))
    for i, m in enumerate(matches):
        before = text[matches[i - 1].end() if i else 0:m.start()]
        if ABOUT_RE.search(before.rstrip(" (（")):
            continue
        if i and re.search(r"[(（]\s*$", before):
            continue  # a second price in brackets restates the first in another unit
        num = m.group("num") or m.group("num2")
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        after = text[m.end():end]
        unit = re.split(r"[(（]\s*(?:about|approx|约)", after, flags=re.I)[0]
        out.append((norm(before), num, norm(unit).rstrip(" (（")))
    return out


def header_rows(g):
    """Number of leading header rows: the rows before the first row with a price, as long
    as they are made of th cells or carry more than one distinct text (a row repeating one
    text across the table is a sub-heading, not a header)."""
    n = 0
    for row in g:
        texts = [t for t, _, _ in row]
        if any(PRICE_RE.search(t) or BARE_UNIT_RE.match(t) for t in texts) or \
                any(BARE_RE.match(t) for t in texts[1:]):
            break
        if row and (all(h for _, h, _ in row) or len({t for t in texts if t}) > 1):
            n += 1
            continue
        break
    return n


def extract_page(repo, rev, rel, service, softcat):
    path = PREFIX + rel
    soup = BeautifulSoup(git_show(repo, rev, path).decode("utf-8", "replace"), "lxml")
    for c in soup.find_all(string=lambda t: isinstance(t, Comment)):
        c.extract()
    regs, raw_opts = visible_regions(soup)
    tabs = software_tabs(soup)
    page_regions = [shown for shown, _ in regs] if regs else ["all"]
    records = []
    notes = {"page": rel, "regions": page_regions, "selector_options": raw_opts,
             "software_tabs": [t for t, _ in tabs], "tables": 0, "hidden_everywhere": []}
    for ti, table in enumerate(soup.find_all("table")):
        if table.find_parent("table") is not None:
            continue
        tid = (table.get("id") or "").strip()
        os_name = None
        for name, panel in tabs:
            if panel and table.find_parent(id=panel) is not None:
                os_name = name
                break
        if os_name is None and len(tabs) == 1:
            os_name = tabs[0][0]
        if regs:
            vis = [shown for shown, val in regs if not (tid and tid in softcat.get((os_name, val), set()))]
            vis = list(dict.fromkeys(vis))
            vis_all = vis
        else:
            # No region selector: one China-wide price ("all"). soft-category.json may still
            # list the table as hidden in some regions; those are left out of visible_in_regions.
            vis = ["all"]
            vis_all = [r for r in ALL_REGIONS if not (tid and tid in softcat.get((os_name, r), set()))]
        g = grid(table)
        if not g:
            continue
        nh = header_rows(g)
        headers = []
        ncol = max(len(r) for r in g)
        for ci in range(ncol):
            parts = []
            for row in g[:nh]:
                if ci < len(row) and row[ci][0] and row[ci][0] not in parts:
                    parts.append(row[ci][0])
            headers.append(" / ".join(parts))
        table_label = tid or f"(no id) #{ti} {caption_of(table)}"
        if not vis or not vis_all:
            notes["hidden_everywhere"].append(table_label)
            continue
        notes["tables"] += 1
        caption = caption_of(table)
        topleft = g[0][0][0] if nh and g[0] else ""
        pricey_cols = bool(re.search(r"price|pricing|cost", " ".join(headers[1:]), re.I))
        subgroup = ""
        for row in g[nh:]:
            texts = [t for t, _, _ in row]
            label0 = texts[0] if texts else ""
            has_price = any(PRICE_RE.search(t) for t in texts[1:]) or (
                len(texts) > 1 and any(BARE_RE.match(t) or BARE_UNIT_RE.match(t) for t in texts[1:])
                and (pricey_cols or re.search(r"price|pricing|cost", label0, re.I)))
            if not has_price and not PRICE_RE.search(label0):
                # a row without prices inside the body: a sub-heading (e.g. "Premium")
                if texts and len(set(texts)) == 1 and texts[0]:
                    subgroup = texts[0]
                continue
            sku = label0
            if PRICE_RE.search(sku):
                sku = ""
            seen = set()
            for ci, (txt, _, cell) in enumerate(row):
                if ci == 0 and sku:
                    continue
                if id(cell) in seen:
                    continue
                seen.add(id(cell))
                head = headers[ci] if ci < len(headers) else ""
                found = []
                prev_line = ""
                for line in cell_lines(cell):
                    got = split_prices(line)
                    if got:
                        for label, num, unit in got:
                            if not label and prev_line and not PRICE_RE.search(prev_line):
                                label = prev_line
                            found.append((label, num, unit))
                    prev_line = line
                if not found and re.search(r"price|pricing|cost", head + " " + label0, re.I):
                    m = BARE_RE.match(txt) or BARE_UNIT_RE.match(txt)
                    if m:
                        found.append(("", m.group(1), norm(txt[m.end(1):])))
                for label, num, unit in found:
                    meter = " | ".join(x for x in (subgroup, head, label) if x)
                    rec_base = {
                        "product_page": rel,
                        "table_id_or_caption": tid or f"(no id) {caption}",
                        "caption": caption,
                        "row_header": topleft,
                        "software_tab": os_name,
                        "service": service,
                        "sku": sku,
                        "meter": meter,
                        "unit": unit,
                        "price": num,
                        "currency": "CNY",
                        "billing_term": term_of(head + " " + label),
                        "cell_text": txt[:300],
                        "visible_in_regions": [REGION_CODES.get(r, r) for r in vis_all],
                        "source_path": path,
                        "commit": rev,
                    }
                    for r in vis:
                        rec = dict(rec_base)
                        rec["region"] = REGION_CODES.get(r, r)
                        records.append(rec)
    return records, notes


# ---------------------------------------------------------------------------------------
# Virtual machines: the azure.cn VM pricing page (>4 MB) is not in the page capture, and the
# virtual-machine-scale-sets page captured beside it is an old copy of it (no v5 series, no
# China North 3/East 3). VM prices therefore come from the azure.cn pricing-calculator data
# model (lvraikkonen/AzureCNCalcRefine prod-config/calculatordatamodel.js), the other public
# capture of azure.cn prices, parsed here line by line. Each record says which source it is.
CALC_REPO = "/work/.mirror/lvraikkonen+AzureCNCalcRefine/repo"
CALC_REV = "df8f811820d65e9977946c366159714b05950d22"  # commit that last changed the data model
CALC_VM_SERVICES = {"virtual-machines-windows": "windows", "virtual-machines-linux": "linux"}
CALC_REGION_WORDS = [("中国北部 *3", "chinanorth3"), ("中国东部 *3", "chinaeast3"), ("中国北部 *2", "chinanorth2"),
                     ("中国东部 *2", "chinaeast2"), ("中国北部(?! *[23])", "chinanorth"), ("中国东部(?! *[23])", "chinaeast")]


def calc_regions(note, size=""):
    """Regions named in a calculator series note ("仅适用于中国东部2、中国北部2…", or
    "Dv3 系列 - 中国东部、…/ DSv3 系列 - …"); None when the note names no region. A note
    covering two series is split and the part naming the size's series is used."""
    def words(text):
        return [code for pat, code in CALC_REGION_WORDS if re.search(pat, text)]
    segs = [x for x in re.split(r"/|(?<=[\d\u4e00-\u9fff])\s*、\s*(?=[A-Z]+s?\s*v\d\s*系列)", note) if x.strip()]
    m = re.match(r"([A-Z]+)\d+(?:-\d+)?([a-z]*)\s*v(\d)", size or "")
    if m and len(segs) > 1:
        fam, suf, ver = m.group(1), m.group(2), m.group(3)
        want = (fam + ("s" if "s" in suf else "") + "v" + ver).lower()
        for seg in segs:
            key = re.sub(r"\s+", "", seg.split("系列")[0]).lower()
            if key == want and words(seg):
                return words(seg)
    found = words(note)
    return found or None


def strip_js_comments(text):
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return "\n".join(re.sub(r'^((?:[^"/]|"[^"]*")*?)\s*//.*$', r"\1", line) for line in text.split("\n"))


def extract_calc_vms(repo=CALC_REPO, rev=CALC_REV):
    consts = {}
    for m in re.finditer(r'^\s*(\w+)\s*:\s*"([^"]*)"', git_show(repo, rev, "prod-config/calculatorconst.js").decode("utf-8"), re.M):
        consts.setdefault(m.group(1), m.group(2))
    text = strip_js_comments(git_show(repo, rev, "prod-config/calculatordatamodel.js").decode("utf-8"))
    records = []
    service = None
    last_name = typ = feature = None
    period = None
    for line in text.split("\n"):
        m = re.match(r'^ {8}"([a-z0-9-]+)"\s*:\s*\{', line)
        if m:
            service = m.group(1) if m.group(1) in CALC_VM_SERVICES else None
            last_name = typ = feature = None
            continue
        if service is None:
            continue
        m = re.search(r'\bName:\s*(?:"([^"]*)"|CalculatorConst\.(\w+))', line)
        if m:
            last_name = m.group(1) if m.group(1) is not None else consts.get(m.group(2), m.group(2))
        if re.search(r"\bFeatures\s*:", line):
            typ = last_name
        m = re.search(r"PricePeriod:\s*PricePeriodEnum\.(\w+)", line)
        if m:
            period = m.group(1)
        if re.search(r"\bSizes\s*:", line):
            feature = last_name
        m = re.search(r'PricePerTier:\s*"([^"]*)"', line)
        if m and typ and feature:
            price = m.group(1).strip()
            if not re.fullmatch(r"\d[\d,]*(?:\.\d+)?", price):
                continue
            term = "1y" if re.search(r"1\s*年", typ) else "3y" if re.search(r"3\s*年", typ) else "payg"
            regs = calc_regions(feature, last_name)
            rec = {
                "product_page": "calculator:" + service,
                "table_id_or_caption": f"{typ} / {feature}",
                "service": "Virtual Machines",
                "sku": last_name,
                "meter": f"{CALC_VM_SERVICES[service]} {typ}",
                "unit": {"Hourly": "per hour", "Monthly": "per month"}.get(period, period or ""),
                "price": price,
                "currency": "CNY",
                "billing_term": term,
                "visible_in_regions": regs if regs is not None else [],
                "caption": "region note: " + ("none (series has no region text)" if regs is None else feature),
                "row_header": "",
                "software_tab": CALC_VM_SERVICES[service],
                "cell_text": "",
                "source_path": "prod-config/calculatordatamodel.js (github lvraikkonen/AzureCNCalcRefine)",
                "commit": rev,
            }
            for r in (regs if regs else ["all"]):
                x = dict(rec)
                x["region"] = r
                records.append(x)
    return records


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repo", default=REPO)
    ap.add_argument("--calc-repo", default=CALC_REPO)
    ap.add_argument("--rev", default="HEAD")
    ap.add_argument("--out", default="china-prices.json")
    ap.add_argument("--notes", default="extract-pages.json")
    a = ap.parse_args()
    rev = subprocess.run(["git", "-C", a.repo, "rev-parse", a.rev], check=True,
                         capture_output=True, text=True).stdout.strip()
    softcat = load_softcat(a.repo, rev)
    allrec, allnotes = [], []
    for rel, service in PAGES.items():
        try:
            recs, notes = extract_page(a.repo, rev, rel, service, softcat)
        except subprocess.CalledProcessError:
            allnotes.append({"page": rel, "error": "not in the capture (git show failed)"})
            continue
        allrec.extend(recs)
        notes["records"] = len(recs)
        allnotes.append(notes)
    try:
        calc = extract_calc_vms(a.calc_repo)
        allrec.extend(calc)
        allnotes.append({"page": "calculator:virtual-machines-*", "records": len(calc), "commit": CALC_REV})
    except (subprocess.CalledProcessError, FileNotFoundError) as e:
        allnotes.append({"page": "calculator:virtual-machines-*", "error": str(e)})
    keyorder = ["product_page", "table_id_or_caption", "region", "service", "sku", "meter", "unit",
                "price", "currency", "billing_term", "visible_in_regions", "caption", "row_header", "software_tab",
                "cell_text", "source_path", "commit"]
    allrec = [{k: r[k] for k in keyorder} for r in allrec]
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in allrec) + "\n]\n")
    with open(a.notes, "w", encoding="utf-8") as f:
        json.dump({"commit": rev, "pages": allnotes}, f, ensure_ascii=False, indent=1)
    print(f"{len(allrec)} records from {len(allnotes)} pages -> {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
