#!/usr/bin/env python3
"""benchmarks/scale/plans.py LOG OFFSET: the auto_explain plans PostgreSQL logged after byte OFFSET of its server log,
up to three per distinct statement (the last ones logged, e.g. the deepest pages of a cursor walk), in the order first seen."""
import re
import sys

with open(sys.argv[1], "rb") as f:
    f.seek(int(sys.argv[2]))
    text = f.read().decode("utf-8", "replace")

entries = re.split(r"\n(?=\S.*?LOG:  )", text)
plans = {}
for entry in entries:
    if "LOG:  duration:" not in entry or "Query Text:" not in entry:
        continue
    # The statement runs from "Query Text:" to the plan's first node (the first line with its actual time).
    lines = entry.split("Query Text:", 1)[1].split("\n")
    body = []
    for line in lines:
        if "(actual " in line or "(cost=" in line:
            break
        body.append(line.strip())
    query = " ".join(body).strip()
    if "pg_catalog" in query or query.startswith(("SELECT pg_", "SELECT count(*) FROM rbac_user_roles g")):
        continue
    # The same statement with other data (a search term) may plan differently: keep up to three variants told apart
    # by their first condition, the last ones seen (a cursor walk leaves its deepest pages).
    cond = next((line.strip() for line in lines if "Cond:" in line or "Filter:" in line), "")
    variants = plans.setdefault(query, {})
    variants.pop(cond, None)
    variants[cond] = entry.strip()
    while len(variants) > 3:
        variants.pop(next(iter(variants)))
for variants in plans.values():
    for plan in variants.values():
        print(plan)
        print()
