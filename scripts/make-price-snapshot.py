#!/usr/bin/env python3
"""Builds data/prices/snapshot.json from the azure.cn price-page extraction.

Usage (from the repository root; the output is the same byte for byte for the same inputs):

    python3 scripts/extract-azure-cn-prices.py --out /tmp/china-prices.json
    python3 scripts/make-price-snapshot.py /tmp/china-prices.json \
        ../shared/reference/china-catalog/prices.json data/prices/global-facts.json \
        data/prices/china-prose-facts.json > data/prices/snapshot.json

Inputs:
  1. the extraction of the azure.cn pricing pages (scripts/extract-azure-cn-prices.py): one
     record per price cell and per region the cell's table is shown in (the pages' own
     per-region visibility, soft-category.json, is already applied), with its page, table,
     SKU, meter, unit and price as printed; VM prices come from the azure.cn pricing
     calculator's data model, as the extraction says, and for Linux sizes the calculator
     has no pay-as-you-go row for (Dsv5, Esv5 ...) from the Databricks page's
     'LINUX VM Price' column (the VM part of a cluster, billed as a Linux VM);
  2. the team's reference price facts, of which only the `karp` rows are read (dated USD
     Linux pay-as-you-go VM prices of global regions, from the public Retail Prices API);
  3. data/prices/global-facts.json: dated USD facts for global regions, already under this
     crate's meter keys;
  4. data/prices/china-prose-facts.json: the few CNY prices the azure.cn pages state in a
     sentence rather than a table (disk snapshots), with the sentence's page.

Every price is copied as the text the source holds (parse_float=str, Decimal only to
compare): nothing is converted, derived or guessed. Each price names its source, and each
source its page, commit and date. When several visible rows give one meter different
prices in a region, the rule of its family below decides (the row of the table shown in the
fewest regions first: the most specific one); a tie left after that is reported on stderr
and the meter is left out rather than picked at random.

Meter keys are this crate's names (src/cost/prices.rs): `vm/standard_d2s_v5/linux`,
`disk/p10/lrs`, `sqldb/dtu/p4`. Units: h per hour, d per day, m per month, gbm per GB-month,
gb per GB, tb per TB, gbs per GB-second, s per second, min per minute, 1k/10k/100k/1m/10m
per thousand to ten million (operations, requests, runs, messages), n per item.
"""
import collections
import json
import re
import sys
from decimal import Decimal

CHINA = ["chinaeast", "chinaeast2", "chinaeast3", "chinanorth", "chinanorth2", "chinanorth3"]
PAGE_DATE = "2026-07-26"
CALC_DATE = "2026-03-20"
TERMS = ("payg", "1y", "3y")


def dec(text):
    return Decimal(text.replace(",", ""))


def clean(text):
    """The price as printed, without thousands separators (a Decimal's text)."""
    text = text.replace(",", "").strip()
    assert re.fullmatch(r"\d+(\.\d+)?", text), text
    return text


# --------------------------------------------------------------------------------------
# Candidates: (region, term, key) -> rows that price it.

class Book:
    def __init__(self):
        self.cands = collections.defaultdict(list)
        self.sources = {}

    def source(self, rec):
        page = rec["product_page"]
        if page.startswith("calculator:"):
            sid = "calc"
            what = ("azure.cn pricing calculator data model, github lvraikkonen/AzureCNCalcRefine "
                    "prod-config/calculatordatamodel.js (+calculatorconst.js), commit "
                    f"{rec['commit']}: virtual machine series, sizes and prices with the regions each "
                    "series note names")
            date = CALC_DATE
        else:
            sid = "acn:" + page.replace("/index.html", "").replace(".html", "")
            what = (f"azure.cn pricing page en-us/pricing/details/{page}, as captured in github "
                    f"lvraikkonen/AzureCNArchaeologist {rec['source_path']} (commit {rec['commit']}, "
                    f"pages fetched from azure.cn {PAGE_DATE}); tables shown per region as "
                    "data/configs/soft-category.json says")
            date = PAGE_DATE
        self.sources.setdefault(sid, {"date": date, "what": what})
        return sid

    def add(self, rec, key, unit, term=None):
        term = term or rec["billing_term"]
        assert term in TERMS, term
        price = clean(rec["price"])
        sid = self.source(rec)
        visible = rec["visible_in_regions"] or []
        regions = CHINA if rec["region"] == "all" else [rec["region"]]
        for region in regions:
            if rec["region"] == "all" and visible and region not in visible:
                continue
            # Rank: the table shown in the fewest regions is the most specific.
            rank = len(visible) if visible else 7
            self.cands[(region, term, key)].append(
                (rank, price, unit, sid, rec["table_id_or_caption"], rec["region"] == "all"))


def choose(book):
    """{region: {term: {key: 'price unit source'}}}; ties reported and left out."""
    out = collections.defaultdict(lambda: collections.defaultdict(dict))
    ties = []
    for (region, term, key), cands in sorted(book.cands.items()):
        best = min(c[0] for c in cands)
        top = [c for c in cands if c[0] == best]
        values = {(dec(c[1]), c[2]) for c in top}
        if len(values) > 1:
            ties.append((region, term, key, sorted({(c[1], c[2], c[4]) for c in top})))
            continue
        rank, price, unit, sid, _, _ = min(top, key=lambda c: (c[3], c[4]))
        out[region][term][key] = f"{price} {unit} {sid}"
    for tie in ties:
        print(f"tie left out: {tie}", file=sys.stderr)
    return out


# --------------------------------------------------------------------------------------
# Virtual machines (calculator).

def vm_arm_names(sku, caption=""):
    """Calculator size names -> ARM names: 'D2 v3/DS2 v3' -> standard_d2_v3, standard_d2s_v3;
    'DS11 v2' -> standard_ds11_v2; 'B12MS' -> standard_b12ms; 'A1' in a basic (基本) series ->
    basic_a1; 'NV6ads A10 v5' -> standard_nv6ads_a10_v5; 'F2 v2'/'FS2 v2' -> standard_f2s_v2."""
    out = []
    for part in re.split(r"\s*/\s*", sku):
        p = re.sub(r"\s+", " ", part.strip().lower())
        if re.fullmatch(r"a\d", p) and "基本" in caption:
            out.append("basic_" + p)
            continue
        p = re.sub(r"\s*(t4|a10)\s*(v\d)$", r"_\1 \2", p)
        p = re.sub(r"^(nc\d+as)_t4 v3$", r"\1_t4 v3", p)
        p = re.sub(r"^(nv\d+ads)v5$", r"\1_a10 v5", p)  # the calculator writes NV6adsv5 for NV6ads A10 v5
        m = re.fullmatch(r"fs?(\d+)s? v2", p)
        if m:
            p = f"f{m.group(1)}s v2"
        m = re.fullmatch(r"([deg])s(\d+)(-\d+)?([a-z]*) v([3-9])", p)
        if m:
            p = f"{m.group(1)}{m.group(2)}{m.group(3) or ''}s{m.group(4)} v{m.group(5)}"
        m = re.fullmatch(r"([a-z]+\d+(?:-\d+)?[a-z]*?(?:_t4|_a10)?)\s*(v\d)?", p)
        if not m:
            continue
        out.append("standard_" + m.group(1) + (("_" + m.group(2)) if m.group(2) else ""))
    return out


def vms(book, r):
    unit = {"per hour": "h", "per month": "m"}.get(r["unit"])
    if unit is None:
        return
    for arm in vm_arm_names(r["sku"], r["table_id_or_caption"]):
        book.add(r, f"vm/{arm}/{r['software_tab']}", unit)


def databricks_vm(book, r):
    """The Databricks page's 'LINUX VM Price' rows, from tables whose id names the row's
    series (a few general-purpose tables label Ddsv5 rows 'D8s v5': those are left out)."""
    if r["meter"] != "LINUX VM Price" or r["billing_term"] != "payg" or r["unit"] != "/ hour":
        return
    sku = re.sub(r"\s+", " ", r["sku"].strip().lower())
    family = re.sub(r"[^a-z0-9]", "", re.sub(r"^([a-z]+)\d+", r"\1", sku))
    table = re.sub(r"[^a-z0-9]", "", r["table_id_or_caption"].rsplit("-", 1)[-1].lower())
    if family != table:
        return
    for arm in vm_arm_names(r["sku"]):
        book.add(r, f"vm/{arm}/linux", "h")


# --------------------------------------------------------------------------------------
# Pages, one function each: (record) -> book.add(...) calls.

def disks(book, r):
    tid, sku, meter = r["table_id_or_caption"], r["sku"].strip(), r["meter"].strip()
    m = re.fullmatch(r"([PES]\d+)", sku)
    if m and meter == "Price per month":
        red = "zrs" if tid.endswith("-ZRS") else "lrs"
        if (sku[0] == "P" and "premium" in tid) or (sku[0] == "E" and "standard-ssd" in tid) or \
                (sku[0] == "S" and "standard-hhd" in tid):
            book.add(r, f"disk/{sku.lower()}/{red}", "m")
        return
    kind = "pv2" if tid.startswith("managed-disks-ssd-v2") else "ultra" if tid.startswith(
        "managed-disks-ultra-disk-north-china3-config") else None
    if kind and meter.startswith("Monthly Price"):
        part = {"Disk Capacity": "capacity", "Disk Capacity (GiB)": "capacity", "Provisioned IOPS": "iops",
                "Provisioned Throughput": "mbps", "Provisioned Throughput (MB/s)": "mbps"}.get(sku)
        if part:
            book.add(r, f"disk/{kind}/{part}", "m")


def blob_key(meter, chinese):
    red = None
    for pat, code in (("RA-GZRS", "ragzrs"), ("GZRS", "gzrs"), ("RA-GRS", "ragrs"), ("ZRS", "zrs"),
                      ("GRS", "grs"), ("LRS", "lrs")):
        if pat in meter:
            red = code
            break
    tier = None
    for pat, code in (("热", "hot"), ("HOT", "hot"), ("冷", "cool"), ("COOL", "cool"), ("存档", "archive"),
                      ("ARCHIVE", "archive"), ("PREMIUM", "premium")):
        if pat in meter.upper() or pat in meter:
            tier = code
            break
    if tier == "premium" and red is None:
        red = "lrs"
    return (tier, red) if tier and red else None


def blobs(book, r):
    """Block blob storage (general-purpose v2 and Blob storage accounts), first volume tier:
    storage/blobs.html in China East, North, East 2 and North 2, and the Data Lake Storage
    Gen2 page's flat-namespace (block blob) table where blobs.html has none (North 3, East 3)."""
    page, tid, sku = r["product_page"], r["table_id_or_caption"], r["sku"]
    if page == "storage/blobs.html":
        if not sku.startswith("前") or not tid.startswith("storage-blobs-gpv2-data-storage"):
            return
    elif not (sku.startswith("First") and re.fullmatch(r"Azure-Data-Lake-Storage-Gen2-1-(north3|east3)", tid)):
        return
    key = blob_key(r["meter"], page == "storage/blobs.html")
    if key:
        book.add(r, f"blob/{key[0]}/{key[1]}", "gbm")


def files(book, r):
    """Premium (provisioned v1) file shares of FileStorage accounts: provisioned GiB a month."""
    m = re.fullmatch(r"SSD / (LRS|ZRS) Price", r["meter"])
    if m and r["table_id_or_caption"].startswith("storage-files-Provisioned-v1") and \
            r["sku"].startswith("Provisioned storage"):
        book.add(r, f"files/premium/{m.group(1).lower()}", "gbm")


def spring_apps(book, r):
    """Azure Spring Apps Basic and Standard: the base price an hour (overage not used)."""
    if r["table_id_or_caption"] == "spring-cloud-premium-region2" and r["sku"] == "Base price":
        tier = r["meter"].split(" - ")[0].strip().lower()
        if tier in ("basic", "standard"):
            book.add(r, f"springapps/{tier}/base", "h")


def sql_database(book, r):
    tid, sku, meter, tab, unit = r["table_id_or_caption"], r["sku"].strip(), r["meter"], r["software_tab"], r["unit"]
    if tab == "Single database" and unit == "/day" and meter.startswith("Price"):
        # "P6 (formerly P3) 1": the size, then a footnote.
        m = re.match(r"^(B|S\d+|P\d+)(?:$|\s*[(（]formerly)", sku)
        if m:
            book.add(r, "sqldb/dtu/" + ("basic" if m.group(1) == "B" else m.group(1).lower()), "d")
        return
    m = re.match(r"sqldb-(single|elastic)-vcore-(general-purpose|business-critical|hyperscale)-gen5$", tid) or \
        re.match(r"(Single|Elastic)_(General_Purpose|Business_Critical|Hyperscale)_Gen5_\d+_N3$", tid)
    if m and re.fullmatch(r"\d+", sku) and meter.startswith("Pay as you go") and unit == "/hour":
        edition = {"general-purpose": "gp", "business-critical": "bc", "hyperscale": "hs"}[
            m.group(2).lower().replace("_", "-")]
        # The hyperscale tables sit under swapped tabs on the page and hold the same prices:
        # both are read as single-database and elastic-pool prices.
        if edition == "hs":
            book.add(r, f"sqldb/vcore/hs_gen5_{sku}", "h")
            book.add(r, f"sqlpool/vcore/hs_gen5_{sku}", "h")
        else:
            book.add(r, f"{'sqlpool' if m.group(1).lower() == 'elastic' else 'sqldb'}/vcore/{edition}_gen5_{sku}", "h")
        return
    storage = {
        "Single_database_NE3_3": "sqldb/storage/gp", "Single_General_Storage_9_N3": "sqldb/storage/gp",
        "Single_database_NE3_7": "sqldb/storage/bc", "Single_Business_Critical_Storage_13_N3": "sqldb/storage/bc",
        "Single_database_NE3_11": "sqldb/storage/hs",
        "Elastic_Database_NE3_1": "sqlpool/storage/gp", "Elastic_General_Storage_9_N3": "sqlpool/storage/gp",
        "Elastic_Database_NE3_5": "sqlpool/storage/bc",
    }.get(tid)
    if storage and sku == "GB/month":
        book.add(r, storage, "gbm")
        return
    pools = {"Elastic_Database_NE3_9": "basic", "Elastic_6_Elastic_Pools_Basic_N3": "basic",
             "Elastic_Database_NE3_10": "standard", "Elastic_7_Elastic_Pools_Standard_N3": "standard",
             "Elastic_Database_NE3_11": "premium", "Elastic_8_Elastic_Pools_Premium_N3": "premium"}.get(tid)
    if pools and re.fullmatch(r"\d+", sku) and re.fullmatch(r"/?day", unit):
        book.add(r, f"sqlpool/dtu/{pools}_{sku}", "d")


def managed_instance(book, r):
    tid, sku, meter = r["table_id_or_caption"], r["sku"].strip(), r["meter"]
    edition = {"sqldb-managed-instance-general-purpose-gen5": "gp", "SQL_General_Gen5_11_N3": "gp",
               "sqldb-managed-instance-business-critical-gen5": "bc", "MI_Business_Critical_Gen5_16_N3": "bc"}.get(tid)
    if edition and re.fullmatch(r"\d+", sku) and meter.startswith("LICENSE INCLUDED") and r["unit"] == "/hour":
        book.add(r, f"sqlmi/vcore/{edition}_gen5_{sku}", "h")
        return
    storage = {"Managed_Instance_NE3_1": "gp", "MI_General_Purpose_Storage_14_N3": "gp",
               "Managed_Instance_NE3_3": "bc", "MI_Business_Critical_Storage_15_N3": "bc"}.get(tid)
    if storage and sku.startswith("Additional storage"):
        book.add(r, f"sqlmi/storage/{storage}", "gbm")


def flexible(service):
    def add(book, r):
        sku, meter, tid, unit = r["sku"].strip(), r["meter"], r["table_id_or_caption"], r["unit"].lower()
        if service == "mysql" and tid == "Azure_Database_For_MySQL5" and sku == "Basic":
            return  # "Basic" is not a size name; the B-series rows below are
        m = re.fullmatch(r"([BDE])(\d+)([a-z]*)\s*(v\d)?", sku.replace(" ", " "), re.I)
        if m and ("hour" in unit) and ("Pay as you go" in meter or meter == "Price"):
            size = f"{m.group(1)}{m.group(2)}{m.group(3)}".lower()
            size = "standard_" + size + (("_" + m.group(4).lower()) if m.group(4) else "")
            book.add(r, f"{service}/{size}", "h")
            return
        is_storage = (service == "mysql" and tid in ("Azure_Database_For_MySQL17", "Azure_Database_For_MySQL18")) or \
            (service == "postgresql" and re.fullmatch(r"postgresql-flexible-(general|memory|burstable)-storage(-E2N2)?", tid))
        if is_storage:
            book.add(r, f"{service}/storage", "gbm")
    return add


def cosmos(book, r):
    tid, sku = r["table_id_or_caption"], r["sku"]
    if tid.startswith("(no id) Standard (manual)") or tid == "cosmos-db-s-n3":
        if sku.startswith("Single-region write account") and "distribut" not in sku and "regions usi" not in sku:
            book.add(r, "cosmos/provisioned/single", "h")
        elif sku.startswith("Multi-region write"):
            book.add(r, "cosmos/provisioned/multi", "h")
    elif sku.startswith("Serverless request units"):
        book.add(r, "cosmos/serverless", "1m")
    elif sku.startswith("Transactional storage") and re.fullmatch(r"cosmos-db-1(-n3)?", tid):
        book.add(r, "cosmos/storage", "gbm")


def redis(book, r):
    tier = {"cache1": "basic", "cache2": "standard", "cache6": "premium", "cache3": "premium"}.get(r["table_id_or_caption"])
    if tier and re.fullmatch(r"[CP]\d", r["sku"]):
        book.add(r, f"redis/{tier}/{r['sku'].lower()}", "h")


def app_service(book, r):
    os_ = {"App Windows": "windows", "App Linux": "linux"}.get(r["software_tab"])
    m = re.match(r"^([A-Z])(\d)\s*(v\d)?\b", r["sku"])
    if os_ and m and r["unit"] in ("/hour", "") and not r["table_id_or_caption"].startswith("app-service-only-linux-v4"):
        term = r["billing_term"]
        book.add(r, f"appservice/{m.group(1).lower()}{m.group(2)}{(m.group(3) or '').lower()}/{os_}", "h", term)


def functions(book, r):
    tid, sku = r["table_id_or_caption"], r["sku"]
    if tid == "azure-functions-table-rate-per-second":
        if sku.startswith("Execution Time"):
            book.add(r, "functions/gbseconds", "gbs")
        elif sku.startswith("Total Executions"):
            book.add(r, "functions/executions", "1m")
    elif tid.startswith("azure-functions-table-total-plan-functions"):
        if sku.startswith("vCPU"):
            book.add(r, "functions/premium/vcpu", "h")
        elif sku.startswith("Memory"):
            book.add(r, "functions/premium/memory", "h")


def aks(book, r):
    if r["sku"] == "Uptime SLA" and r["unit"] == "per cluster per hour":
        book.add(r, "aks/standard", "h")


def acr(book, r):
    if r["sku"] == "Price per day":
        book.add(r, "acr/" + r["meter"].lower(), "d")


def key_vault(book, r):
    if r["sku"] == "Secrets operations" and r["meter"] in ("Standard", "Premium"):
        book.add(r, f"keyvault/{r['meter'].lower()}/operations", "10k")
    if r["sku"] == "Standard B1" and r["table_id_or_caption"] == "(no id) Managed HSM Pools":
        book.add(r, "keyvault/hsm/standard_b1", "h")


def service_bus(book, r):
    if r["table_id_or_caption"] != "(no id) Message Transfer Operations":
        return
    sku = r["sku"]
    if sku == "Operations":
        book.add(r, "servicebus/basic/operations", "1m")
    elif sku.startswith("Basic charge"):
        book.add(r, "servicebus/standard/base", "h")
    elif sku == "Hourly":
        book.add(r, "servicebus/premium/unit", "h")


def event_hubs(book, r):
    sku, meter, unit = r["sku"], r["meter"], r["unit"]
    if sku == "Capacity":
        tier = {"Basic": "basic", "Standard": "standard", "Premium": "premium", "Dedicated *": "dedicated"}.get(meter)
        if tier:
            book.add(r, f"eventhubs/{tier}/{'pu' if tier == 'premium' else 'cu' if tier == 'dedicated' else 'tu'}", "h")
    elif sku == "Ingress events" and meter in ("Basic", "Standard"):
        book.add(r, f"eventhubs/{meter.lower()}/ingress", "1m")


def api_management(book, r):
    if r["table_id_or_caption"] in ("API-Management-preview", "API-Management-preview2") and r["unit"] == "/hour":
        tier = r["meter"].split(" / ")[0].lower()
        if tier in ("developer", "basic", "standard", "premium"):
            book.add(r, f"apim/{tier}/unit", "h")


def app_gateway(book, r):
    tid, sku, meter = r["table_id_or_caption"], r["sku"], r["meter"]
    if re.fullmatch(r"application-gateway-[12]", tid) and sku in ("Small", "Medium", "Large"):
        kind = "waf" if "WAF" in meter else "standard"
        book.add(r, f"appgw/{kind}_{sku.lower()}/instance", "h")
    if tid == "application-gateway-table-standard-v2":
        part = "fixed" if sku == "Fixed" else "cu" if sku.startswith("Capacity") else None
        tier = {"Application Gateway Standard": "standard_v2", "Web Application Firewall": "waf_v2",
                "Application Gateway Basic Edition": "basic"}.get(meter)
        if part and tier:
            book.add(r, f"appgw/{tier}/{part}", "h")


def firewall(book, r):
    tid, sku, meter = r["table_id_or_caption"], r["sku"], r["meter"]
    if tid == "azure_firewall_standard" and meter in ("Basic", "Standard", "Premium"):
        if sku == "Deployment":
            book.add(r, f"firewall/{meter.lower()}", "h")
        elif sku == "Data Processing":
            book.add(r, f"firewall/{meter.lower()}/data", "gb")


def firewall_manager(book, r):
    if r["sku"] == "Azure Firewall Manager Policies":
        book.add(r, "firewallpolicy/policy", "m")


def bastion(book, r):
    m = re.fullmatch(r"Azure Bastion (Basic|Standard|Premium)", r["sku"])
    if m:
        book.add(r, "bastion/" + m.group(1).lower(), "h")


def vpn_gateway(book, r):
    if r["meter"] == "Price" and re.fullmatch(r"VpnGw\dAZ", r["sku"]):
        book.add(r, "vpngw/" + r["sku"].lower(), "h")


def expressroute(book, r):
    sku, tid = r["sku"], r["table_id_or_caption"]
    m = re.fullmatch(r"(ErGw\dAZ)\*?", sku)
    if m:
        book.add(r, "ergw/" + m.group(1).lower(), "h")
        return
    legacy = {"Standard VNet Gateway": "standard", "High Performance VNet Gateway": "highperformance",
              "Ultra Performance VNet Gateway": "ultraperformance"}.get(sku)
    if legacy:
        book.add(r, "ergw/" + legacy, "h")
        return
    m = re.fullmatch(r"(\d+) (Mbps|Gbps)", sku)
    if m and tid in ("(no id) Metered Data Plan", "(no id) Unlimited Data Plan"):
        mbps = int(m.group(1)) * (1000 if m.group(2) == "Gbps" else 1)
        plan = "metered" if "Metered" in tid else "unlimited"
        meter = r["meter"]
        if meter in ("Standard Price per month", "Price Per Month"):
            book.add(r, f"ercircuit/standard/{plan}/{mbps}", "m")
        elif meter in ("Premium price per month", "Price Per Month with Premium Add-on"):
            book.add(r, f"ercircuit/premium/{plan}/{mbps}", "m")


def load_balancer(book, r):
    if r["table_id_or_caption"] == "loadbalance-1" and "Regional" in r["meter"]:
        key = {"First 5 rules": "lb/standard/first5", "Additional rules": "lb/standard/rule",
               "Data processed (GB)": "lb/standard/data"}.get(r["sku"])
        if key:
            book.add(r, key, "gb" if key.endswith("data") else "h")
    if r["table_id_or_caption"] == "loadbalance-2" and r["sku"] == "Gateway hour":
        book.add(r, "lb/gateway/hour", "h")


def public_ip(book, r):
    if r["table_id_or_caption"] == "(no id) Pricing Details":
        kind = "dynamic" if r["sku"].startswith("Dynamic") else "static" if r["sku"].startswith("Static") else None
        tier = "basic" if "Basic (ARM)" in r["meter"] else "standard" if "STANDARD (ARM)" in r["meter"] else None
        if kind and tier:
            book.add(r, f"pip/{tier}/{kind}", "h")
        if r["sku"].startswith("Public IP prefix"):
            book.add(r, "pip/prefix/ip", "h")


def nat(book, r):
    if r["sku"] == "NAT Gateway":
        book.add(r, "nat/gateway", "h")
    elif r["sku"] == "Data Processed":
        book.add(r, "nat/data", "gb")


def private_link(book, r):
    if r["sku"] == "Private Endpoint":
        book.add(r, "privatelink/endpoint", "h")


def dns(book, r):
    sku = r["sku"]
    if sku.startswith("First 25 hosted DNS zones"):
        book.add(r, "dns/zone", "m")
    elif sku.startswith("First billion DNS queries"):
        book.add(r, "dns/queries", "1m")
    elif sku == "Azure DNS Private Resolver inbound endpoint":
        book.add(r, "dnsresolver/inbound", "m")
    elif sku == "Azure DNS Private Resolver outbound endpoint":
        book.add(r, "dnsresolver/outbound", "m")
    elif sku == "Azure DNS Private Resolver rulesets":
        book.add(r, "dnsresolver/ruleset", "m")


def front_door(book, r):
    if r["table_id_or_caption"] == "frontdoor-basefee" and r["sku"] in ("Standard", "Premium"):
        book.add(r, f"frontdoor/{r['sku'].lower()}/base", "m")


def traffic_manager(book, r):
    sku = r["sku"]
    if sku == "Basic Health Checks":
        book.add(r, "trafficmanager/endpoint/azure", "m")
    elif sku == "Health checks (external)":
        book.add(r, "trafficmanager/endpoint/external", "m")
    elif sku.startswith("Nested endpoints"):
        book.add(r, "trafficmanager/endpoint/nested", "m")
    elif sku.startswith("First 1 billion DNS queries"):
        book.add(r, "trafficmanager/queries", "1m")


def backup(book, r):
    tid, sku, meter = r["table_id_or_caption"], r["sku"], r["meter"]
    if re.fullmatch(r"backup-table-vm-backup-(1|2|north3-1)", tid):
        if sku.startswith("Instances with 0 to 50 GB"):
            book.add(r, "backup/vm/small", "m")
        elif sku.startswith("Instances with 50 GB to 500 GB"):
            book.add(r, "backup/vm/medium", "m")
        elif sku.startswith("Instances with more than 500 GB"):
            book.add(r, "backup/vm/per500", "m")
    if re.fullmatch(r"backup-table-vm-backup-space(-eastandnorth|-north3)?", tid) and meter == "Standard Tier":
        red = {"LRS": "lrs", "GRS": "grs", "RA-GRS": "ragrs", "ZRS Preview": "zrs"}.get(sku)
        if red:
            book.add(r, f"backup/storage/{red}", "gbm")


def site_recovery(book, r):
    if r["sku"] == "Azure Site Recovery to Azure":
        book.add(r, "siterecovery/azure", "m")


def automation(book, r):
    if r["sku"] == "Job run time":
        book.add(r, "automation/jobminutes", "min")


def monitor(book, r):
    tid, sku, meter = r["table_id_or_caption"], r["sku"], r["meter"]
    if tid == "qqqqq" and sku == "Pay-As-You-Go" and meter == "PRICE":
        book.add(r, "loganalytics/ingestion", "gb")
    elif tid == "monitor-basic-log" and sku == "Basic Log data ingestion":
        book.add(r, "loganalytics/basic", "gb")
    elif tid == "(no id) Alert rules":
        if sku.startswith("Native Metrics") and meter.startswith("Time Series Price"):
            book.add(r, "alerts/metric/timeseries", "m")
        m = re.match(r"Log Alert \((\d+) minute frequency\)", sku)
        if m and meter.startswith("Alert rule price"):
            book.add(r, f"alerts/log/{m.group(1)}min", "m")
    elif tid == "(no id) Notifications":
        key = {"Email": ("alerts/notify/email", "100k"), "Webhook": ("alerts/notify/webhook", "1m"),
               "China (+86)": ("alerts/notify/sms_cn", "n")}.get(sku)
        if key:
            book.add(r, key[0], key[1])
    elif tid == "(no id) Application Insights" and sku == "Standard web tests":
        book.add(r, "appinsights/webtests", "10k")


def synapse(book, r):
    tid, sku, meter = r["table_id_or_caption"], r["sku"], r["meter"]
    m = re.fullmatch(r"DW(\d+)c", sku)
    if m and tid.startswith("Azure_Synapse_Analytics3-online"):
        if meter == "Pricing":
            book.add(r, f"synapse/dw{m.group(1)}c", "h")
        elif "1 year CPP" in meter:
            book.add(r, f"synapse/dw{m.group(1)}c", "m", "1y")
        elif "3 year CPP" in meter:
            book.add(r, f"synapse/dw{m.group(1)}c", "m", "3y")
    elif sku == "Serverless" and "per TB" in r["unit"]:
        book.add(r, "synapse/serverless", "tb")
    elif re.fullmatch(r"Azure_Synapse_Analytics[01]-[123]", tid) and "per vCore-hour" in r["unit"]:
        kind = {"Memory Optimized": "memoryoptimized", "Compute Optimized": "computeoptimized"}.get(sku)
        if kind:
            book.add(r, f"synapse/spark/{kind}", "h")


def container_apps(book, r):
    sku, meter = r["sku"], r["meter"]
    key = {("vCPU (seconds)", "Active Usage Price"): ("containerapps/vcpu/active", "s"),
           ("vCPU (seconds)", "Idle Usage Price"): ("containerapps/vcpu/idle", "s"),
           ("Memory (GiB-Seconds)", "Active Usage Price"): ("containerapps/memory/active", "s"),
           ("Memory (GiB-Seconds)", "Idle Usage Price"): ("containerapps/memory/idle", "s"),
           ("Requests", "Price"): ("containerapps/requests", "1m"),
           ("Dedicated plan management (hour)", "Price"): ("containerapps/dedicated/management", "h"),
           ("vCPU (hour)", "Price"): ("containerapps/dedicated/vcpu", "h"),
           ("Memory (GiB-hour)", "Price"): ("containerapps/dedicated/memory", "h")}.get((sku, meter))
    if key:
        book.add(r, key[0], key[1])


def container_instances(book, r):
    if r["sku"] == "Container group duration" and r["meter"].startswith("PRICE"):
        if "Memory" in r["meter"]:
            book.add(r, "aci/linux/memory", "h")
        elif "vCPU" in r["meter"]:
            book.add(r, "aci/linux/vcpu", "h")


def app_configuration(book, r):
    if r["sku"] == "Cost per store 1" and r["meter"] == "Standard" and "per store per day" in r["unit"]:
        book.add(r, "appconfig/standard/store", "d")


def search(book, r):
    if r["table_id_or_caption"] == "Azure-Cognitive-Search1" and r["sku"] == "Price per unit":
        tier = r["meter"].split(" / ")[0].strip().lower().replace("standard ", "").replace("storage optimized ", "")
        if tier in ("basic", "s1", "s2", "s3", "l1", "l2"):
            book.add(r, f"search/{tier}/unit", "h")


def event_grid(book, r):
    if r["table_id_or_caption"] == "(no id) Event Grid consumption pricing":
        book.add(r, "eventgrid/operations", "1m")


def logic_apps(book, r):
    sku, meter, unit = r["sku"], r["meter"], r["unit"]
    if re.search(r"(?i)^actions?$", sku) or re.search(r"(?i)action execution", sku + meter):
        if re.search(r"(?i)per execution|/execution", unit + meter):
            book.add(r, "logicapps/action", "n")
    if re.search(r"(?i)standard connector", sku + meter) and re.search(r"(?i)execution", unit + meter):
        book.add(r, "logicapps/standardconnector", "n")


def signalr(book, r):
    if re.search(r"(?i)standard", r["meter"] + r["sku"]) and re.search(r"(?i)/unit/day|per unit per day|unit/day", r["unit"] + r["meter"]):
        book.add(r, "signalr/standard/unit", "d")


def data_factory(book, r):
    sku, meter = r["sku"], r["meter"]
    if sku.startswith("Orchestration") and meter.startswith("AZURE HOSTED PRICE") or \
            (sku.startswith("Orchestration") and "Azure Integration Runtime" in meter):
        book.add(r, "datafactory/orchestration", "1k")


def grafana(book, r):
    if re.search(r"(?i)standard", r["sku"] + r["meter"]) and re.search(r"(?i)instance", r["sku"] + r["meter"]) \
            and re.search(r"(?i)hour", r["unit"]):
        book.add(r, "grafana/standard/instance", "h")


PAGES = {
    "storage/managed-disks/index.html": disks,
    "storage/blobs.html": blobs,
    "storage/data-lake/index.html": blobs,
    "storage/files/index.bak.html": files,
    "sql-database/index.html": sql_database,
    "managed-instance/index.html": managed_instance,
    "mysql/index.html": flexible("mysql"),
    "postgresql/index.html": flexible("postgresql"),
    "cosmos-db/index.html": cosmos,
    "cache/index.html": redis,
    "app-service/index.html": app_service,
    "azure-functions/index.html": functions,
    "kubernetes-service/index.html": aks,
    "container-registry/index.html": acr,
    "key-vault/index.html": key_vault,
    "service-bus/index.html": service_bus,
    "event-hubs/index.html": event_hubs,
    "api-management/index.html": api_management,
    "application-gateway/index.html": app_gateway,
    "azure-firewall/index.html": firewall,
    "firewall-manager/index.html": firewall_manager,
    "azure-bastion/index.html": bastion,
    "vpn-gateway/index.html": vpn_gateway,
    "expressroute/index.html": expressroute,
    "load-balancer/index.html": load_balancer,
    "ip-addresses/index.html": public_ip,
    "azure-nat-gateway/index.html": nat,
    "private-link/index.html": private_link,
    "dns/index.html": dns,
    "frontdoor/index.html": front_door,
    "traffic-manager/index.html": traffic_manager,
    "backup/index.html": backup,
    "site-recovery/index.html": site_recovery,
    "automation/index.html": automation,
    "monitor/index.html": monitor,
    "synapse-analytics/index.html": synapse,
    "container-apps/index.html": container_apps,
    "container-instances/index.html": container_instances,
    "app-configuration/index.html": app_configuration,
    "search/index.html": search,
    "event-grid/index.html": event_grid,
    "logic-apps/index.html": logic_apps,
    "signalr-service/index.html": signalr,
    "data-factory/data-pipeline.html": data_factory,
    "managed-grafana/index.html": grafana,
    "spring-cloud/index.html": spring_apps,
}


# --------------------------------------------------------------------------------------
# Global (USD) facts.

GLOBAL_UNITS = {"1 Hour": "h", "1/Month": "m", "1 GB/Month": "gbm", "1/Day": "d"}


def karp_prices(reference, regions):
    """Linux pay-as-you-go VM prices of global regions (source `k`)."""
    for p in reference["prices"]:
        if p["source"] != "karp" or p["service"] != "Virtual Machines" or p["unit"] != "1 Hour":
            continue
        group = regions.setdefault(p["region"], {"currency": "USD", "payg": {}, "1y": {}, "3y": {}})
        assert group["currency"] == p["currency"] == "USD"
        group["payg"][f"vm/{p['sku'].lower()}/linux"] = f"{clean(p['price'])} h k"
    return {"k": {"date": "2026-06-18", "what": reference["_meta"]["sources"]["karp"]}}


def merge_facts(path, regions, currency):
    """Adds the facts of a facts file (global-facts.json, china-prose-facts.json)."""
    facts = json.load(open(path, encoding="utf-8"), parse_float=str)
    sources = facts["_meta"]["sources"]
    units = {"h", "d", "m", "gbm", "gb"}
    for f in facts["facts"]:
        assert f["source"] in sources, f"unknown source {f['source']}"
        assert f["unit"] in units, f"unknown unit {f['unit']}"
        assert isinstance(f["price"], str) and f["price"], f"price must be text: {f}"
        for region in f["regions"]:
            group = regions.setdefault(region, {"currency": currency, "payg": {}, "1y": {}, "3y": {}})
            assert group["currency"] == currency, f"{region}: not a {currency} region"
            assert f["meter"] not in group["payg"], f"{region} {f['meter']}: already priced"
            group["payg"][f["meter"]] = f"{clean(f['price'])} {f['unit']} {f['source']}"
    return {k: {"date": v["date"], "what": v["what"]} for k, v in sources.items()}


def main():
    extraction = json.load(open(sys.argv[1], encoding="utf-8"))
    reference = json.load(open(sys.argv[2], encoding="utf-8"), parse_float=str)
    book = Book()
    for rec in extraction:
        if rec["currency"] != "CNY":
            continue
        page = rec["product_page"]
        if page.startswith("calculator:virtual-machines"):
            vms(book, rec)
        elif page in PAGES:
            if rec["billing_term"] != "payg" and page not in ("cache/index.html", "synapse-analytics/index.html",
                                                               "app-service/index.html"):
                continue
            PAGES[page](book, rec)
    chosen = choose(book)
    # Linux VM sizes the calculator does not price pay-as-you-go (Dsv5, Esv5, ...): the
    # Databricks page's LINUX VM Price column, the Linux VM price a cluster's VM pays,
    # only where the calculator has no pay-as-you-go row of its own (not even tied ones).
    databricks = Book()
    for rec in extraction:
        if rec["currency"] == "CNY" and rec["product_page"] == "databricks/index.html":
            databricks_vm(databricks, rec)
    added = 0
    for region, terms in choose(databricks).items():
        for key, value in terms.get("payg", {}).items():
            if (region, "payg", key) not in book.cands:  # the calculator has no row for it
                chosen[region]["payg"][key] = value
                added += 1
    book.sources.update(databricks.sources)
    print(f"Linux VM prices from the Databricks page: {added}", file=sys.stderr)
    regions = {}
    for region, terms in chosen.items():
        regions[region] = {"currency": "CNY", "payg": dict(terms.get("payg", {})),
                           "1y": dict(terms.get("1y", {})), "3y": dict(terms.get("3y", {}))}
    sources = dict(book.sources)
    sources.update(karp_prices(reference, regions))
    if len(sys.argv) > 3:
        sources.update(merge_facts(sys.argv[3], regions, "USD"))
    if len(sys.argv) > 4:
        sources.update(merge_facts(sys.argv[4], regions, "CNY"))
    for group in regions.values():
        for term in ("1y", "3y"):
            if not group[term]:
                del group[term]
    meta = {
        "as_of": PAGE_DATE,
        "format": "regions[region][term][meter key] = 'price unit source'; term payg (pay-as-you-go), 1y or 3y "
                  "(reservation prices as the page states them, per hour or per month); units: h per hour, d per "
                  "day, m per month, gbm per GB-month, gb per GB, tb per TB, gbs per GB-second, s per second, min "
                  "per minute, 1k/10k/100k/1m/10m per thousand to ten million, n per item",
        "sources": dict(sorted(sources.items())),
        "notes": [
            "Azure China prices are CNY list prices from the azure.cn pricing pages captured on 2026-07-26, "
            "each region with the tables the page shows there; virtual machines from the azure.cn pricing "
            "calculator's data model of 2026-03-20 (the VM pricing page itself is not in the capture).",
            "The calculator holds no Linux pay-as-you-go price for the Dv5, Dsv5, Ev5 and Esv5 series (Windows "
            "and 1-year reservation prices are there). For the sizes the azure.cn Databricks page lists (Dsv5, "
            "Ddsv5, Dadsv5, Esv5, Edsv5, Eadsv5, ... in China North 2, North 3 and East 2), its 'LINUX VM Price' "
            "column (the Linux VM price a cluster's VMs pay; for sizes the calculator also prices it agrees with "
            "the calculator's Linux pay-as-you-go price except where the calculator has a North 3 series of its "
            "own) prices them, source acn:databricks; Dv5 and Ev5 stay unpriced pay-as-you-go.",
            "Graduated prices (blob storage, Service Bus operations, CDN) keep their first tier only.",
            "Premium file share prices come from storage/files/index.bak.html, a backup copy of the files page "
            "kept in the capture (the live page renders its prices by script).",
            "Global regions (USD): Linux pay-as-you-go VM prices for eastus, westeurope, southeastasia, eastasia "
            "and japaneast (source k, 2026-06-18), and the few dated Retail Prices API rows of global-facts.json "
            "(source g, 2026-10-03). No dated public capture of other global prices was found, so everything else "
            "in a global region is unpriced: load a Cost Management export (--spend) for what it costs today.",
        ],
    }
    out = {"_meta": meta, "regions": regions}
    json.dump(out, sys.stdout, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
    sys.stdout.write("\n")
    counts = collections.Counter()
    for region, group in regions.items():
        for term in TERMS:
            counts[term] += len(group.get(term, {}))
    print(f"prices: {dict(counts)} in {len(regions)} regions", file=sys.stderr)


if __name__ == "__main__":
    main()
