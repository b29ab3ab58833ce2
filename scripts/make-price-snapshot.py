#!/usr/bin/env python3
"""Builds data/prices/snapshot.json from the team's reference price facts.

Usage: python3 scripts/make-price-snapshot.py ../shared/reference/china-catalog/prices.json > data/prices/snapshot.json

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
    meta = {
        "as_of": "2026-07-26",
        "format": "prices[meter key] = 'price unit source'; unit h=per hour, d=per day, m=per month, "
        "gbm=per GB-month, 10k=per 10,000 operations, 1m=per million (request units, executions, "
        "operations); region 'china' = one price for all Azure China regions",
        "sources": {
            "c": {"date": "2026-03-20", "what": ref["_meta"]["sources"]["calc"]},
            "a": {"date": "2026-07-26", "what": ref["_meta"]["sources"]["acnhtml"]},
            "k": {"date": "2026-06-18", "what": ref["_meta"]["sources"]["karp"]},
        },
        "notes": [
            "China prices are CNY list prices; global prices are USD list prices.",
            "Global regions hold only Linux pay-as-you-go VM prices: the reference facts have no other "
            "dated global prices, so other global meters are left unpriced rather than invented.",
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
