#!/usr/bin/env python3
"""Builds data/portal-languages.json: the words the Azure portal's CSV exports use in
each portal language (column headers, type display names, region display names).

Usage (from the repository root):

    python3 scripts/make-portal-languages.py RESEARCH/localized-portal.json \
        data/resource-types.json > data/portal-languages.json

The first file is the team's research table (every entry with a source id, the sources
described in its "sources" member); the second is this repository's own type table,
whose English display names take precedence. Only facts are kept: a display text, the
ARM type or region it names, the ARM kind a display name implies, and which sources a
language's entries come from. English display names that name several types are left
out (the portal could mean either), as are names the repository's table already maps.
"""
import json
import re
import sys
import unicodedata

HEADER_ROLES = {
    "name": "name",
    "type": "type",
    "resourceType": "type",
    "resourceType_lowercase_arm": "type",
    "resourceGroup": "resourceGroup",
    "location": "location",
    "subscription": "subscription",
    "resourceLink": "resourceLink",
}
KIND = re.compile(r"\bkind (\w+)")

# Facts the research table lacks, with their own source: the Azure China website's
# region selector (azure.cn pricing pages) names the China regions in Chinese.
EXTRA_SOURCES = {
    "azurecn-site": {
        "kind": "Azure China website (azure.cn pricing pages), region selector labels, as scraped into public "
        "repositories (exact-string index excerpts 24290657546, 24584255818)",
        "caveat": "the website's labels; the portal.azure.cn region list is expected to use the same names",
    }
}
EXTRA_REGIONS = {
    "zh-Hans": [
        ("中国北部", "chinanorth"),
        ("中国北部 2", "chinanorth2"),
        ("中国北部 3", "chinanorth3"),
        ("中国东部", "chinaeast"),
        ("中国东部 2", "chinaeast2"),
        ("中国东部 3", "chinaeast3"),
    ]
}


def fold(text):
    """The comparison key the reader uses: case-folded, accents and spacing removed."""
    text = unicodedata.normalize("NFKD", text.replace("\u00a0", " "))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


def main(research_path, types_path):
    research = json.load(open(research_path, encoding="utf-8"))
    own = json.load(open(types_path, encoding="utf-8"))
    own_names = {fold(name) for entry in own["types"] for name in entry["portal"]}
    languages = {}
    used_sources = set()
    for code, table in research["languages"].items():
        sources = set()
        headers = {}
        for role, entries in table["headers"].items():
            target = HEADER_ROLES.get(role)
            if target is None:
                raise SystemExit(f"{code}: unknown header role {role}")
            for entry in entries:
                words = headers.setdefault(target, [])
                if entry["value"] not in words:
                    words.append(entry["value"])
                sources.add(entry["source"])
        by_display = {}
        for entry in table["types"]:
            display = " ".join(entry["display"].replace("\u00a0", " ").split())
            key = fold(display)
            kind = KIND.search(entry.get("note", ""))
            # "App Service" is any web app, Windows (kind app) or Linux (app,linux):
            # the name does not say which.
            if kind and kind.group(1) == "app":
                kind = None
            # The repository's table maps its own English names; a kind is kept.
            if code == "en" and key in own_names and not kind:
                continue
            row = [display, entry["arm_type"]] + ([kind.group(1)] if kind else [])
            by_display.setdefault(key, []).append((row, entry["source"]))
        types = []
        for key, rows in sorted(by_display.items()):
            arm_types = {row[1].lower() for row, _ in rows}
            if len(arm_types) > 1:
                continue
            types.append(rows[0][0])
            sources.update(source for _, source in rows)
        regions = []
        for entry in table["regions"]:
            display = " ".join(entry["display"].replace("\u00a0", " ").split())
            # English display names normalise to the programmatic name by themselves.
            if re.sub(r"[^0-9a-z]", "", display.lower()) == entry["name"]:
                continue
            regions.append([display, entry["name"]])
            sources.add(entry["source"])
        for display, name in EXTRA_REGIONS.get(code, []):
            regions.append([display, name])
            sources.add("azurecn-site")
        regions.sort()
        used_sources |= sources
        languages[code] = {
            "sources": sorted(sources),
            "headers": headers,
            "types": types,
            "regions": regions,
        }
    meta = {
        "what": "Words of the Azure portal's CSV exports per portal language: column header words by role, "
        "type display names with the ARM type (and the kind a display name implies), and region display "
        "names with the programmatic region name. English type names here add to data/resource-types.json, "
        "whose names take precedence. Exports keep English region names in every language seen so far; the "
        "region tables are a fallback.",
        "as_of": "2026-12-06",
        "regenerate": "python3 scripts/make-portal-languages.py <research>/localized-portal.json "
        "data/resource-types.json > data/portal-languages.json",
        "sources": {
            key: {k: v for k, v in value.items() if k in ("kind", "repo", "path", "commit", "caveat")}
            for key, value in sorted({**research["sources"], **EXTRA_SOURCES}.items())
            if key in used_sources
        },
    }
    out = sys.stdout
    out.write("{\n")
    out.write('  "_meta": ' + json.dumps(meta, ensure_ascii=False, indent=2).replace("\n", "\n  ") + ",\n")
    out.write('  "languages": {\n')
    for i, (code, table) in enumerate(languages.items()):
        out.write(f'    "{code}": {{\n')
        out.write(f'      "sources": {json.dumps(table["sources"], ensure_ascii=False)},\n')
        out.write(f'      "headers": {json.dumps(table["headers"], ensure_ascii=False)},\n')
        for member in ("types", "regions"):
            rows = table[member]
            out.write(f'      "{member}": [')
            if rows:
                out.write("\n")
                out.write(",\n".join("        " + json.dumps(row, ensure_ascii=False) for row in rows))
                out.write("\n      ")
            out.write("]" + ("," if member == "types" else "") + "\n")
        out.write("    }" + ("," if i + 1 < len(languages) else "") + "\n")
    out.write("  }\n}\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2])
