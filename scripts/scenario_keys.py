#!/usr/bin/env python3
"""The scenario format's documents against the loader's key tables (io/keys_*.cpp).

`repsim keys` prints every table: per object kind its keys, JSON types, defaults, docs and fixed
choices. From them this script
  - writes the key tables of scenarios/README.md (the blocks between `<!-- keys: NAME -->` and
    `<!-- end keys -->`) and the generated block of fuzz/scenario.dict, or with --check fails when
    they differ from what it would write or when the README has a key table outside those blocks;
  - checks schema/scenario.schema.json: every object table is `$defs/NAME` (the top level is the schema
    itself) with the same keys, required keys, JSON types and fixed choices, every object the schema
    closes (additionalProperties false) is such a table, and every default validates against its
    key's schema (when the jsonschema module is installed).

Usage: scripts/scenario_keys.py REPSIM_BINARY [--check]   (exit 1 when something differs)
"""
import json
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
README = ROOT / "scenarios" / "README.md"
SCHEMA = ROOT / "schema" / "scenario.schema.json"
DICT = ROOT / "fuzz" / "scenario.dict"

BLOCK = re.compile(r"<!-- keys: (\S+) -->\n(.*?)<!-- end keys -->\n", re.S)
DICT_BEGIN = "# BEGIN keys and choices: written by scripts/scenario_keys.py from io/keys_*.cpp\n"
DICT_END = "# END keys and choices\n"
ALL_TYPES = {"string", "number", "integer", "boolean", "array", "object", "null"}


# --- README -----------------------------------------------------------------------------------

def cell(text):
    return " " + text.replace("|", "\\|") + " " if text else " "


def render_table(table):
    rows = ["| key | type | default | meaning |", "| --- | --- | --- | --- |"]
    for k in table["keys"]:
        if k["declared_in"] != table["name"]:
            continue
        kind = k["type"] or " | ".join('`"%s"`' % c for c in k.get("choices", []))
        if k["required"]:
            default = "**required**"
        elif "default_json" in k:
            default = "`%s`" % k["default_json"]
        else:
            default = k["default_text"]
        cells = ["`%s`" % k["name"], kind, default, k["doc"]]
        rows.append("|" + "|".join(cell(c) for c in cells) + "|")
    return "\n".join(rows) + "\n"


def documented(tables):
    """Tables with keys of their own: each has one block in the README."""
    return {t["name"]: t for t in tables if any(k["declared_in"] == t["name"] for k in t["keys"])}


def readme_text(text, tables, problems):
    wanted = documented(tables)
    seen = set()

    def replace(match):
        name = match.group(1)
        if name not in wanted:
            problems.append(f"scenarios/README.md: block 'keys: {name}' names no table with keys of its own")
            return match.group(0)
        if name in seen:
            problems.append(f"scenarios/README.md: table '{name}' has two blocks")
        seen.add(name)
        return f"<!-- keys: {name} -->\n{render_table(wanted[name])}<!-- end keys -->\n"

    out = BLOCK.sub(replace, text)
    for name in wanted:
        if name not in seen:
            problems.append(f"scenarios/README.md: no block '<!-- keys: {name} -->' for table '{name}'")
    outside = BLOCK.sub("", text)
    for line in outside.splitlines():
        if re.match(r"^\|[^|]*\bkey\b[^|]*\|", line):
            problems.append(f"scenarios/README.md: a key table outside the generated blocks: {line.strip()}")
    return out


# --- fuzz dictionary ----------------------------------------------------------------------------

def dict_block(tables):
    keys, choices = [], []
    for t in tables:
        for k in t["keys"]:
            if k["name"] not in keys:
                keys.append(k["name"])
            for c in k.get("choices", []):
                if c not in choices:
                    choices.append(c)
    lines = ['"\\"%s\\":"' % k for k in keys] + ['"\\"%s\\""' % c for c in choices]
    return DICT_BEGIN + "\n".join(lines) + "\n" + DICT_END


def dict_text(text, tables, problems):
    begin, end = text.find(DICT_BEGIN), text.find(DICT_END)
    if begin < 0 or end < begin:
        problems.append("fuzz/scenario.dict: no generated block ('" + DICT_BEGIN.strip() + "')")
        return text
    return text[:begin] + dict_block(tables) + text[end + len(DICT_END):]


# --- scenario.schema.json-----------------------------------------------------------------------

def resolve(schema, node):
    while isinstance(node, dict) and "$ref" in node and len(node) == 1:
        node = schema["$defs"][node["$ref"].split("/")[-1]]
    return node


def json_type(value):
    return {bool: "boolean", int: "integer", float: "number", str: "string", list: "array",
            dict: "object", type(None): "null"}[type(value)]


def types_of(schema, node):
    """The JSON types a value valid against `node` may have."""
    if not isinstance(node, dict):
        return set(ALL_TYPES)
    out = set(ALL_TYPES)
    if "$ref" in node:
        out &= types_of(schema, schema["$defs"][node["$ref"].split("/")[-1]])
    if "type" in node:
        out &= set(node["type"] if isinstance(node["type"], list) else [node["type"]])
    if "const" in node:
        out &= {json_type(node["const"])}
    if "enum" in node:
        out &= {json_type(v) for v in node["enum"]}
    for key in ("anyOf", "oneOf"):
        if key in node:
            out &= set().union(*(types_of(schema, n) for n in node[key]))
    for n in node.get("allOf", []):
        out &= types_of(schema, n)
    return out


def strings_of(schema, node):
    """The fixed strings a value (or its items) may be: consts and enums, not inside properties."""
    if not isinstance(node, dict):
        return set()
    out = set()
    if "$ref" in node:
        out |= strings_of(schema, schema["$defs"][node["$ref"].split("/")[-1]])
    if isinstance(node.get("const"), str):
        out.add(node["const"])
    out |= {v for v in node.get("enum", []) if isinstance(v, str)}
    for key in ("anyOf", "oneOf", "allOf"):
        for n in node.get(key, []):
            out |= strings_of(schema, n)
    if "items" in node:
        out |= strings_of(schema, node["items"])
    return out


def closed_objects(node, pointer, out):
    """Pointers of every object schema that refuses unknown keys."""
    if isinstance(node, dict):
        if node.get("additionalProperties") is False:
            out.append(pointer)
        for k, v in node.items():
            closed_objects(v, f"{pointer}/{k}", out)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            closed_objects(v, f"{pointer}/{i}", out)
    return out


def check_schema(schema, tables, problems):
    try:
        import jsonschema
    except ImportError:
        jsonschema = None
    objects = {t["name"]: t for t in tables if t["object"]}
    where = {name: "" if name == "scenario" else f"/$defs/{name}" for name in objects}
    for pointer in closed_objects(schema, "", []):
        if pointer not in where.values():
            problems.append(f"schema/scenario.schema.json: {pointer or '/'} is an object kind no table declares "
                            "(make it $defs/<table name>)")
    choices_seen, defaults = {}, {}
    for name, table in objects.items():
        node = schema if name == "scenario" else schema["$defs"].get(name)
        at = f"schema/scenario.schema.json: {where[name] or '/'}"
        if not isinstance(node, dict) or "properties" not in node:
            problems.append(f"{at}: missing (table '{name}')")
            continue
        properties = node["properties"]
        keys = {k["name"]: k for k in table["keys"]}
        for k in properties:
            if k not in keys:
                problems.append(f"{at}: lists key '{k}', which table '{name}' lacks")
        for k in keys:
            if k not in properties:
                problems.append(f"{at}: lacks key '{k}' of table '{name}'")
        required = set(node.get("required", []))
        for k, key in keys.items():
            if key["required"] and k not in required:
                problems.append(f"{at}: key '{k}' is required by the table but not by the schema")
            fixed = k in properties and len(strings_of(schema, properties[k])) == 1
            if k in required and not key["required"] and "default_text" not in key and not fixed:
                problems.append(f"{at}: key '{k}' is required by the schema but has a default in the table")
        for k, key in keys.items():
            if k not in properties:
                continue
            prop = properties[k]
            got = types_of(schema, prop)
            if got != set(key["types"]):
                problems.append(f"{at}: key '{k}' takes {sorted(got)} in the schema, {sorted(key['types'])} "
                                "in the table")
            choices_seen.setdefault((key["declared_in"], k), set()).update(strings_of(schema, prop))
            if jsonschema is not None and "default_json" in key:
                value = json.loads(key["default_json"])
                errors = list(jsonschema.Draft202012Validator(dict(prop, **{"$defs": schema["$defs"]}))
                              .iter_errors(value))
                # A part's default need fit only one object that includes it (a variant's discriminator).
                defaults.setdefault((key["declared_in"], k), []).append(
                    f"{where[name] or '/'}: {errors[0].message}" if errors else None)
    for (declared_in, k), results in defaults.items():
        if None not in results:
            problems.append(f"schema/scenario.schema.json: the default of key '{k}' of table '{declared_in}' is "
                            f"invalid wherever the key is: {results[0]}")
    for t in tables:
        for k in t["keys"]:
            seen = choices_seen.get((k["declared_in"], k["name"]))
            if seen is not None and seen != set(k.get("choices", [])):
                problems.append(f"schema/scenario.schema.json: key '{k['name']}' of table '{k['declared_in']}' may be "
                                f"{sorted(seen)} in the schema, {sorted(k.get('choices', []))} in the table")


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    check = "--check" in sys.argv[1:]
    if len(args) != 1:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    tables = json.loads(subprocess.run([args[0], "keys"], check=True, capture_output=True, text=True).stdout)
    tables = tables["tables"]
    problems = []
    check_schema(json.loads(SCHEMA.read_text(encoding="utf-8")), tables, problems)
    for path, write in ((README, readme_text), (DICT, dict_text)):
        text = path.read_text(encoding="utf-8")
        new = write(text, tables, problems)
        if new == text:
            continue
        if check:
            problems.append(f"{path.relative_to(ROOT)}: out of date with the key tables "
                            "(run scripts/scenario_keys.py BUILD/repsim)")
        else:
            path.write_text(new, encoding="utf-8")
            print(f"scenario_keys: wrote {path.relative_to(ROOT)}")
    for p in problems:
        print(p)
    print(f"scenario_keys: {len(tables)} tables, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
