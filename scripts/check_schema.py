#!/usr/bin/env python3
"""Check that every shipped scenario (scenarios/*.json) validates against schema/scenario.schema.json,
and every sweep spec (experiments/*.json) against experiments/schema.json.

The loader is the reference for what a scenario may say; this keeps the schema editors use from
drifting away from the files we ship. Needs the jsonschema module (Debian: python3-jsonschema);
without it the check is skipped with exit code 77, which ctest reports as skipped.

Usage: scripts/check_schema.py [DIR [SCHEMA]]
  default DIR: the repository's scenarios/; default SCHEMA: schema/scenario.schema.json for
  scenarios/, else DIR/schema.json (which, being in DIR, is not checked against itself).
"""
import json
import pathlib
import sys

SKIP = 77


def main() -> int:
    try:
        import jsonschema
    except ImportError:
        print("check_schema: SKIP: python3 module jsonschema not installed (python3-jsonschema)")
        return SKIP

    root = pathlib.Path(__file__).resolve().parent.parent
    directory = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else root / "scenarios"
    if len(sys.argv) > 2:
        schema_path = pathlib.Path(sys.argv[2])
    elif directory.resolve() == (root / "scenarios").resolve():
        schema_path = root / "schema" / "scenario.schema.json"
    else:
        schema_path = directory / "schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)

    scenarios = sorted(p for p in directory.glob("*.json") if p.resolve() != schema_path.resolve())
    if not scenarios:
        print(f"check_schema: no scenarios in {directory}")
        return 1
    failures = 0
    for path in scenarios:
        document = json.loads(path.read_text(encoding="utf-8"))
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        for e in errors:
            pointer = "/" + "/".join(str(part) for part in e.absolute_path)
            print(f"{path.name}: {pointer}: {e.message}")
        failures += 1 if errors else 0
        print(f"check_schema: {path.name}: {'FAILED' if errors else 'ok'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
