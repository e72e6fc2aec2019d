#!/usr/bin/env python3
"""The plan guard: reads the plans PostgreSQL's auto_explain logged for every
statement the portal executed (the end-to-end suite on a database that holds a
generated population beside the demo people) and fails on any sequential scan
of a table that grows with the population, when that table is large enough in
the test database for the planner to prefer an index (so a scan there is the
statement's fault, not the data's). No list of statements to keep up to date:
whatever the portal runs is judged.

Usage: plan-guard.py SERVER_LOG TABLE_SIZES_JSON
  TABLE_SIZES_JSON: {"citizen": 20010, ...} (pg_class.reltuples after ANALYZE)
"""
import json
import sys

# Tables that grow with the number of citizens, their records, views and logins.
GROWING = {
    "citizen", "service_event", "entry", "prescription", "dispensing", "declaration",
    "declaration_abroad_country", "notice_confirmation", "citizen_login", "audit_event",
    "professional_viewing", "acting_viewing", "renewal_request", "renewal_request_state",
    "laboratory_result", "vaccination", "guardianship", "authorisation", "session",
    "wellbeing_measurement",
}
# Below this many rows a sequential scan can be the planner's right choice.
JUDGED_FROM_ROWS = 1000


def plans(log_path):
    """The JSON plans in a PostgreSQL stderr log (a message's continuation
    lines start with a tab)."""
    current = None
    with open(log_path, encoding="utf-8", errors="replace") as log:
        for line in log:
            if current is not None:
                if line.startswith("\t"):
                    current.append(line[1:])
                    continue
                yield "".join(current)
                current = None
            if "duration:" in line and "plan:" in line:
                current = []
    if current is not None:
        yield "".join(current)


def seq_scans(node):
    if node.get("Node Type") == "Seq Scan":
        yield node.get("Relation Name")
    for child in node.get("Plans", []):
        yield from seq_scans(child)


def main():
    log_path, sizes_path = sys.argv[1], sys.argv[2]
    with open(sizes_path, encoding="utf-8") as f:
        sizes = json.load(f)
    judged = {t for t in GROWING if sizes.get(t, 0) >= JUDGED_FROM_ROWS}
    statements, explained, offending = set(), 0, {}
    for text in plans(log_path):
        try:
            plan = json.loads(text)
        except json.JSONDecodeError:
            continue
        explained += 1
        query = " ".join(plan.get("Query Text", "").split())
        statements.add(query)
        for table in seq_scans(plan.get("Plan", {})):
            if table in judged:
                offending.setdefault(query, set()).add(table)
    print(f"plan guard: {explained} plans of {len(statements)} distinct statements; "
          f"tables judged (>= {JUDGED_FROM_ROWS} rows): "
          + ", ".join(f"{t} {int(sizes[t])}" for t in sorted(judged)))
    if explained == 0:
        print("plan guard: no plans were logged (is auto_explain on?)")
        return 1
    for query, tables in sorted(offending.items()):
        print(f"plan guard: sequential scan of {', '.join(sorted(tables))} in: {query[:400]}")
    if offending:
        print(f"plan guard: FAILED, {len(offending)} statements scan a table that grows with the population")
        return 1
    print("plan guard: ok, no statement scans a table that grows with the population")
    return 0


if __name__ == "__main__":
    sys.exit(main())
