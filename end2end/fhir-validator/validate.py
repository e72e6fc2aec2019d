"""Validates FHIR R4 Bundles with an implementation the portal did not
write (fhir.resources, on pydantic): every resource must parse as its type
(unknown or misspelt elements, wrong value types and missing required
elements fail), every fullUrl is unique, every reference resolves inside the
Bundle, and a document Bundle is an International Patient Summary: a
Composition of LOINC 60591-5 first, about the Bundle's Patient, with the
sections the IPS requires (allergies 48765-2, problems 11450-4, medications
10160-0), each with a narrative and at least one entry.

Usage: validate.py FILE...  Prints one line per file; exits 1 on the first
failure, naming the file and the reason."""

import collections
import json
import sys

from fhir.resources.bundle import Bundle

IPS_DOCUMENT = "60591-5"
IPS_REQUIRED = {"48765-2", "11450-4", "10160-0"}


def references(value):
    """Every `reference` string anywhere in a JSON value."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "reference" and isinstance(inner, str):
                yield inner
            else:
                yield from references(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from references(inner)


def loinc(concept):
    return {c.get("code") for c in (concept or {}).get("coding", []) if c.get("system") == "http://loinc.org"}


def check(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    Bundle.parse_obj(data)  # raises on anything R4 does not allow
    entries = data.get("entry", [])
    urls = [e.get("fullUrl") for e in entries]
    if None in urls or len(set(urls)) != len(urls):
        raise ValueError("every entry needs a fullUrl of its own")
    dangling = sorted(set(references(data)) - set(urls))
    if dangling:
        raise ValueError(f"references that resolve to nothing in the Bundle: {dangling[:5]}")
    types = collections.Counter(e["resource"]["resourceType"] for e in entries)
    patients = [e["fullUrl"] for e in entries if e["resource"]["resourceType"] == "Patient"]
    if len(patients) != 1:
        raise ValueError(f"one Patient expected, found {len(patients)}")
    if data["type"] == "document":
        if not data.get("identifier") or not data.get("timestamp"):
            raise ValueError("a document Bundle needs an identifier and a timestamp")
        composition = entries[0]["resource"]
        if composition["resourceType"] != "Composition" or IPS_DOCUMENT not in loinc(composition.get("type")):
            raise ValueError("the first entry must be the IPS Composition (LOINC 60591-5)")
        if composition["subject"]["reference"] != patients[0]:
            raise ValueError("the Composition must be about the Bundle's Patient")
        sections = {code: s for s in composition.get("section", []) for code in loinc(s.get("code"))}
        missing = IPS_REQUIRED - set(sections)
        if missing:
            raise ValueError(f"IPS sections missing: {sorted(missing)}")
        for code, s in sections.items():
            if not s.get("entry") or not s.get("text", {}).get("div", "").startswith("<div"):
                raise ValueError(f"section {code} needs entries and a narrative")
    elif data["type"] != "collection":
        raise ValueError(f"unexpected Bundle type {data['type']}")
    return types


def main(paths):
    total = collections.Counter()
    for path in paths:
        try:
            types = check(path)
        except Exception as e:  # the reason is the message, whatever raised it
            print(f"INVALID {path}: {e}")
            return 1
        total.update(types)
        print(f"valid {path}: {sum(types.values())} resources")
    print(f"all {len(paths)} bundles valid: " + ", ".join(f"{k} {v}" for k, v in sorted(total.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
