#!/usr/bin/env python3
"""Builds data/prices/snapshot.json from the team's reference price facts.

Usage (from the repository root; regenerates snapshot.json byte for byte):

    python3 scripts/make-price-snapshot.py ../shared/reference/china-catalog/prices.json \
        data/prices/global-facts.json > data/prices/snapshot.json

The first file is the team's reference facts (China CNY prices, global Linux VM prices);
the second, optional, is data/prices/global-facts.json: dated USD facts for global regions,
already under this crate's meter keys, each with its source. A fact may not replace a
price the reference already gives (the script stops on such a clash).

Prices are copied as the text the reference holds (parse_float=str): never through floats.
Only meters the pricing rules in src/cost/rules.rs reach are kept.
"""
import json
import re
import sys

UNITS = {"1 Hour": "h", "1 Day": "d", "1/Month": "m", "1 GB/Month": "gbm", "10K transactions": "10k", "1M RU": "1m"}
SOURCES = {"calc": "c", "acnhtml": "a", "karp": "k"}


def key(p):
    s, sku, meter = p["service"], p["sku"], p["meter"]
    if s == "Virtual Machines":
        os_ = "windows" if meter.startswith("windows") else "linux"
        return f"vm/{sku.lower()}/{os_}"
    if s == "Managed Disks":
        m = re.match(r"([PES]\d+) disk", meter)
        red = sku.rsplit("_", 1)[-1].lower()
        if m and sku.split("_")[0] in ("Premium", "StandardSSD", "Standard"):
            return f"disk/{m.group(1).lower()}/{red}"
        return None
    if s == "App Service":
        return f"appservice/{sku.lower()}/{meter.split()[0]}"
    if s == "Azure Cache for Redis":
        tier, size = sku.lower().split()
        return f"redis/{tier}/{size}"
    if s == "SQL Database":
        m = re.match(r"(Basic|Standard|Premium) (\w+)$", sku)
        if m and "DTU" in meter:
            return "sqldb/dtu/" + ("basic" if m.group(1) == "Basic" else m.group(2).lower())
        m = re.match(r"(GeneralPurpose|BusinessCritical|Hyperscale) Gen5 (\d+) vCore$", sku)
        if m:
            ed = {"GeneralPurpose": "gp", "BusinessCritical": "bc", "Hyperscale": "hs"}[m.group(1)]
            return f"sqldb/vcore/{ed}_gen5_{m.group(2)}"
        m = re.match(r"(GeneralPurpose|BusinessCritical|Hyperscale) storage$", sku)
        if m:
            return "sqldb/storage/" + {"GeneralPurpose": "gp", "BusinessCritical": "bc", "Hyperscale": "hs"}[m.group(1)]
        return None
    if s == "Public IP":
        m = re.match(r"(Standard|Basic) (static|dynamic) \(ARM\)$", sku)
        return f"pip/{m.group(1).lower()}/{m.group(2)}" if m else None
    if s == "Load Balancer" and sku == "Standard (regional)":
        return {"first 5 rules": "lb/standard/first5", "additional rule": "lb/standard/rule"}.get(meter)
    if s == "NAT Gateway" and meter == "gateway hour":
        return "nat/gateway"
    if s == "AKS":
        return "aks/" + sku.split()[0].lower()
    if s == "Azure Firewall" and meter == "deployment hour":
        return f"firewall/{sku.lower()}"
    if s == "Azure Bastion":
        return f"bastion/{sku.lower()}"
    if s == "Application Gateway":
        m = re.match(r"(Standard|WAF) \(v1\) Medium$", sku)
        if m:
            return f"appgw/{m.group(1).lower()}_medium/instance"
        if sku in ("Standard_v2", "WAF_v2"):
            return f"appgw/{sku.lower()}/" + ("fixed" if meter.startswith("fixed") else "cu")
        return None
    if s == "Key Vault" and meter == "secrets operations":
        return "keyvault/operations"
    if s == "VPN Gateway":
        return f"vpngw/{sku.lower()}"
    if s == "Container Registry":
        return f"acr/{sku.lower()}"
    if s == "DNS" and meter == "per zone":
        return "dns/zone"
    if s == "Cosmos DB":
        # Provisioned throughput is per 100 RU/s an hour (multi-region write: per region);
        # serverless is per million request units consumed.
        return {
            "Provisioned throughput (single-region write)": "cosmos/provisioned/single",
            "Provisioned throughput (multi-region write)": "cosmos/provisioned/multi",
            "Serverless": "cosmos/serverless",
            "Transactional storage": "cosmos/storage",
        }.get(sku)
    if s == "Storage (Blob, GPv2 block blob)":
        red, tier = sku.split()
        return f"blob/{tier.lower()}/{red.lower().replace('-', '')}"
    return None


def merge_global_facts(path, regions):
    """Adds the facts of data/prices/global-facts.json; returns their sources for _meta."""
    facts = json.load(open(path), parse_float=str)
    sources = facts["_meta"]["sources"]
    clash = set(sources) & set(SOURCES.values())
    assert not clash, f"source ids {clash} already used by the reference"
    codes = set(UNITS.values())
    for f in facts["facts"]:
        assert f["source"] in sources, f"unknown source {f['source']}"
        assert f["unit"] in codes, f"unknown unit {f['unit']}"
        assert isinstance(f["price"], str) and f["price"], f"price must be text: {f}"
        for region in f["regions"]:
            group = regions.setdefault(region, {"currency": "USD", "prices": {}})
            assert group["currency"] == "USD", f"{region}: not a USD region"
            assert f["meter"] not in group["prices"], f"{region} {f['meter']}: already priced by the reference"
            group["prices"][f["meter"]] = f"{f['price']} {f['unit']} {f['source']}"
    return {k: {"date": v["date"], "what": v["what"]} for k, v in sources.items()}


def main():
    ref = json.load(open(sys.argv[1]), parse_float=str)
    regions = {}
    skipped = 0
    for p in ref["prices"]:
        if p["source"] not in SOURCES or p["unit"] not in UNITS:
            skipped += 1
            continue
        k = key(p)
        if k is None:
            skipped += 1
            continue
        region = "china" if p["region"] == "all" else p["region"]
        cur = p["currency"]
        group = regions.setdefault(region, {"currency": cur, "prices": {}})
        assert group["currency"] == cur
        group["prices"][k] = f"{p['price']} {UNITS[p['unit']]} {SOURCES[p['source']]}"
    facts_sources = merge_global_facts(sys.argv[2], regions) if len(sys.argv) > 2 else {}
    meta = {
        "as_of": "2026-07-26",
        "format": "prices[meter key] = 'price unit source'; unit h=per hour, d=per day, m=per month, "
        "gbm=per GB-month, 10k=per 10,000 operations, 1m=per million (request units, executions, "
        "operations); region 'china' = one price for all Azure China regions",
        "sources": {
            "c": {"date": "2026-03-20", "what": ref["_meta"]["sources"]["calc"]},
            "a": {"date": "2026-07-26", "what": ref["_meta"]["sources"]["acnhtml"]},
            "k": {"date": "2026-06-18", "what": ref["_meta"]["sources"]["karp"]},
            **facts_sources,
        },
        "notes": [
            "China prices are CNY list prices; global prices are USD list prices.",
            "Global regions (USD): Linux pay-as-you-go VM prices for eastus, westeurope, southeastasia, "
            "eastasia and japaneast (source k); from saved Retail Prices API responses of 2026-10-03 "
            "(source g): Standard Load Balancer first-5-rules and extra-rule hours in eastus, eastus2, westus2, "
            "westeurope, northeurope, uksouth, southeastasia, eastasia, japaneast and australiaeast "
            "(the API publishes them under 'Global'), and for eastus only Basic and Standard public IP "
            "hours, SQL Database Basic (DTU) per day, and Hot LRS and Cold RA-GRS block blob storage per GB "
            "(first tier, 0-51,200 GB, only).",
            "Global regions still lack: Windows VM rates, managed disks, other blob tiers and redundancies, "
            "App Service, SQL Database Standard/Premium DTU and vCore, Redis, Key Vault, Log Analytics, "
            "AKS, Firewall, Bastion, VPN and Application Gateways, Container Registry, NAT Gateway, "
            "Cosmos DB, and every meter above outside the regions named; eastus2, westus2, northeurope, "
            "uksouth and australiaeast have load balancer prices only. No dated source for them was "
            "found, so they stay unpriced rather than invented.",
            "No reservation (1-year / 3-year) prices are in the snapshot; load a price sheet that has them.",
            "The reference facts hold no dated prices for snapshots, SQL elastic pools, SQL Managed "
            "Instance, MySQL/PostgreSQL flexible servers, Functions consumption, Application Insights, "
            "Service Bus, Event Hubs, Private Endpoints or ExpressRoute gateways: those resources stay "
            "unpriced until a price file that has them is loaded.",
        ],
    }
    json.dump({"_meta": meta, "regions": regions}, sys.stdout, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
    print(f"skipped {skipped} reference rows", file=sys.stderr)


main()
