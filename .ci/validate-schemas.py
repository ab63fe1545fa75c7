#!/usr/bin/env python3
"""Validate Logist's data files against its JSON Schemas, independently of the Swift validator.

Without file arguments it checks, relative to the repository root:

  * every Schemas/*.schema.json: a valid draft 2020-12 schema (check_schema) that uses
    only the keywords Logist's own Swift validator supports, with a description on
    every property;
  * every Jobs/*/job.json against job.schema.json (and that it is a template: no
    runtime keys; phases unique; onReject and roles resolve);
  * every Jobs/*/responses.json against responses.schema.json, each entry's
    `response` against agent-response.schema.json, and each entry's phase against
    the job next to it;
  * every Roles/*.json against role.schema.json (and `name` equal to the file name).

With --job / --role / --responses it checks only the files given (for tests). Such a
job.json may be a full runtime manifest, not only a template.

Prints one line per file ("ok  Jobs/hello-world/job.json" or
"FAIL path: message (at key/path)" per problem), then "N passed, M failed".
Exits 1 if any file failed, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import datetime
from pathlib import Path

try:
    from jsonschema import Draft202012Validator, FormatChecker
    from jsonschema.exceptions import SchemaError
except ImportError:  # pragma: no cover
    sys.exit("validate-schemas.py needs the jsonschema package: pip install jsonschema")

SCHEMA_FILES = {
    "job": "job.schema.json",
    "role": "role.schema.json",
    "agent-response": "agent-response.schema.json",
    "responses": "responses.schema.json",
    "outcome-model": "outcome-model.schema.json",
    "simulation": "simulation.schema.json",
    "simulation-comparison": "simulation-comparison.schema.json",
}

# The keywords Logist's Swift validator supports (plus annotations). Anything else in a
# schema would be silently ignored by it, so it is an error here.
ALLOWED_KEYWORDS = {
    "type", "enum", "const", "properties", "required", "additionalProperties",
    "dependentRequired", "items", "minItems", "maxItems", "minLength", "maxLength",
    "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "format",
    "$ref", "$defs", "oneOf", "anyOf", "allOf",
    "title", "description", "default", "examples", "$comment",
}
ROOT_ONLY_KEYWORDS = {"$schema", "$id"}
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

# Keys of job.json that only a running job has; a template must not carry them.
RUNTIME_KEYS = ("id", "status", "statusReason", "currentPhase", "attempt", "attempts",
                "feedback", "history", "lease", "workspaceCollected", "createdAt", "updatedAt")

_RFC3339 = re.compile(
    r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")


class Problem(Exception):
    """A problem with a file: message plus the location inside it."""

    def __init__(self, message: str, where: str = ""):
        super().__init__(message)
        self.message = message
        self.where = where


def format_checker() -> FormatChecker:
    checker = FormatChecker()
    if "date-time" not in checker.checkers:
        # jsonschema checks date-time only when rfc3339-validator is installed;
        # fall back to our own strict RFC 3339 check so the format is never skipped.
        @checker.checks("date-time")
        def _date_time(value: object) -> bool:
            if not isinstance(value, str):
                return True
            if not _RFC3339.match(value):
                return False
            try:
                datetime.fromisoformat(value.replace("z", "Z").replace("Z", "+00:00"))
            except ValueError:
                return False
            return True
    return checker


def load_json(path: Path):
    """Parse strict JSON: no duplicate keys, no NaN/Infinity."""

    def pairs(items):
        obj = {}
        for key, value in items:
            if key in obj:
                raise Problem(f"duplicate key {key!r}")
            obj[key] = value
        return obj

    def bad_constant(name):
        raise Problem(f"{name} is not valid JSON")

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise Problem(f"cannot read: {e}")
    try:
        return json.loads(text, object_pairs_hook=pairs, parse_constant=bad_constant)
    except json.JSONDecodeError as e:
        raise Problem(f"invalid JSON: {e.msg}", f"line {e.lineno}, column {e.colno}")


def short(text: str, limit: int = 240) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def where_of(parts) -> str:
    return "/".join(str(p) for p in parts) or "top level"


def schema_problems(validator: Draft202012Validator, instance, prefix=()) -> list[Problem]:
    errors = sorted(validator.iter_errors(instance),
                    key=lambda e: ([str(p) for p in e.absolute_path], e.message))
    return [Problem(short(e.message), where_of(list(prefix) + list(e.absolute_path)))
            for e in errors]


# ----------------------------------------------------------------- schema lint

def lint_schema(schema, at=(), root=True) -> list[Problem]:
    """Check that a schema uses only supported keywords, closes its objects and
    describes every property."""
    problems: list[Problem] = []
    if not isinstance(schema, dict):
        if not isinstance(schema, bool):
            problems.append(Problem("a schema must be an object or a boolean", where_of(at)))
        return problems
    if root:
        if schema.get("$schema") != SCHEMA_DIALECT:
            problems.append(Problem(f"$schema must be {SCHEMA_DIALECT}", where_of(at)))
        for key in ("$id", "title", "description"):
            if key not in schema:
                problems.append(Problem(f"missing {key}", where_of(at)))
    for key, value in schema.items():
        here = list(at) + [key]
        if key in ROOT_ONLY_KEYWORDS and root:
            continue
        if key not in ALLOWED_KEYWORDS:
            problems.append(Problem(f"keyword {key!r} is not supported by Logist's validator",
                                    where_of(here)))
            continue
        if key == "format" and value != "date-time":
            problems.append(Problem(f"format {value!r} is not supported (only date-time)",
                                    where_of(here)))
        elif key == "$ref" and not (isinstance(value, str) and value.startswith("#/$defs/")):
            problems.append(Problem("$ref must have the form #/$defs/Name", where_of(here)))
        elif key in ("properties", "$defs"):
            for name, sub in value.items():
                sub_at = here + [name]
                if key == "properties" and isinstance(sub, dict) and "description" not in sub:
                    problems.append(Problem("property has no description", where_of(sub_at)))
                problems += lint_schema(sub, sub_at, root=False)
        elif key in ("items", "additionalProperties"):
            problems += lint_schema(value, here, root=False)
        elif key in ("oneOf", "anyOf", "allOf"):
            for i, sub in enumerate(value):
                problems += lint_schema(sub, here + [i], root=False)
    if "properties" in schema and "additionalProperties" not in schema:
        problems.append(Problem("an object schema with properties must set additionalProperties",
                                where_of(at)))
    return problems


# --------------------------------------------------------------------- checker

class Checker:
    def __init__(self, root: Path, check_responses: bool):
        self.root = root
        self.check_responses = check_responses
        self.passed = 0
        self.failed = 0
        self.validators: dict[str, Draft202012Validator] = {}
        self.schema_problems: dict[str, list[Problem]] = {}
        self.formats = format_checker()

    def display(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)

    def report(self, path: Path, problems: list[Problem], quiet_ok: bool = False) -> None:
        name = self.display(path)
        if problems:
            self.failed += 1
            for p in problems:
                print(f"FAIL {name}: {p.message} (at {p.where or 'top level'})")
        else:
            self.passed += 1
            if not quiet_ok:
                print(f"ok  {name}")

    # -- schemas

    def load_schemas(self, report_ok: bool) -> None:
        for key, file_name in SCHEMA_FILES.items():
            path = self.root / "Schemas" / file_name
            problems: list[Problem] = []
            try:
                schema = load_json(path)
                Draft202012Validator.check_schema(schema)
                problems += lint_schema(schema)
                self.validators[key] = Draft202012Validator(schema, format_checker=self.formats)
            except Problem as p:
                problems.append(p)
            except SchemaError as e:
                problems.append(Problem(f"not a valid draft 2020-12 schema: {short(e.message)}",
                                        where_of(e.absolute_path)))
            self.schema_problems[key] = problems
            if report_ok or problems:
                self.report(path, problems, quiet_ok=not report_ok)

    def validator(self, key: str) -> Draft202012Validator:
        if key not in self.validators:
            raise Problem(f"cannot check: Schemas/{SCHEMA_FILES[key]} is missing or invalid")
        return self.validators[key]

    # -- files

    def check_job(self, path: Path, template: bool) -> None:
        problems: list[Problem] = []
        try:
            job = load_json(path)
            problems += schema_problems(self.validator("job"), job)
            if isinstance(job, dict):
                problems += self.job_semantics(job, template, path)
        except Problem as p:
            problems.append(p)
        self.report(path, problems)

    def job_semantics(self, job: dict, template: bool, path: Path | None = None) -> list[Problem]:
        problems: list[Problem] = []
        if template:
            for key in RUNTIME_KEYS:
                if key in job:
                    problems.append(Problem(f"a job template must not have the runtime key {key!r}",
                                            key))
        phases = job.get("phases")
        if not isinstance(phases, list):
            return problems
        names = [p.get("name") for p in phases if isinstance(p, dict)]
        seen: set = set()
        for i, phase in enumerate(phases):
            if not isinstance(phase, dict):
                continue
            name = phase.get("name")
            if name in seen:
                problems.append(Problem(f"duplicate phase name {name!r}", f"phases/{i}/name"))
            seen.add(name)
            target = phase.get("onReject")
            if target is not None and target not in names:
                problems.append(Problem(f"onReject {target!r} is not a phase of this job",
                                        f"phases/{i}/onReject"))
            role = phase.get("role")
            roles_dir = self.root / "Roles"
            local_roles = (path.parent if path else self.root) / "roles"  # a template's own overlay
            if template and isinstance(role, str) and roles_dir.is_dir() \
                    and not (roles_dir / f"{role}.json").is_file() \
                    and not (local_roles / f"{role}.json").is_file():
                problems.append(Problem(f"role {role!r} has no file Roles/{role}.json",
                                        f"phases/{i}/role"))
        current = job.get("currentPhase")
        if current is not None and current not in names:
            problems.append(Problem(f"currentPhase {current!r} is not a phase of this job",
                                    "currentPhase"))
        return problems

    def check_responses_file(self, path: Path) -> None:
        problems: list[Problem] = []
        try:
            entries = load_json(path)
            problems += schema_problems(self.validator("responses"), entries)
            if self.check_responses and isinstance(entries, list):
                kinds = self.sibling_phase_kinds(path)
                response_validator = self.validator("agent-response")
                for i, entry in enumerate(entries):
                    if not isinstance(entry, dict):
                        continue
                    if "response" in entry:
                        problems += schema_problems(response_validator, entry["response"],
                                                    prefix=(i, "response"))
                    phase = entry.get("phase")
                    if kinds is None or not isinstance(phase, str):
                        continue
                    if phase not in kinds:
                        problems.append(Problem(
                            f"phase {phase!r} is not a phase of the job in job.json", f"{i}/phase"))
                        continue
                    response = entry.get("response")
                    action = response.get("action") if isinstance(response, dict) else None
                    if action in ("APPROVED", "REJECTED") and kinds[phase] != "review":
                        problems.append(Problem(
                            f"{action} is only valid from a review phase; {phase!r} is "
                            f"{kinds[phase]!r}", f"{i}/response/action"))
        except Problem as p:
            problems.append(p)
        self.report(path, problems)

    def sibling_phase_kinds(self, responses_path: Path):
        """Phase name -> kind from the job.json next to a responses.json, if readable."""
        job_path = responses_path.with_name("job.json")
        if not job_path.is_file():
            return None
        try:
            job = load_json(job_path)
        except Problem:
            return None  # reported when job.json itself is checked
        phases = job.get("phases") if isinstance(job, dict) else None
        if not isinstance(phases, list):
            return None
        return {p["name"]: p.get("kind") for p in phases
                if isinstance(p, dict) and isinstance(p.get("name"), str)}

    def check_role(self, path: Path) -> None:
        problems: list[Problem] = []
        try:
            role = load_json(path)
            problems += schema_problems(self.validator("role"), role)
            if isinstance(role, dict) and "name" in role and path.suffix == ".json" \
                    and role["name"] != path.stem:
                problems.append(Problem(
                    f"name {role['name']!r} does not match the file name {path.name!r}", "name"))
        except Problem as p:
            problems.append(p)
        self.report(path, problems)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description="Validate Logist's schemas, job templates, replay scripts and roles.")
    parser.add_argument("--root", type=Path,
                        help="repository root (default: the current directory if it has "
                             "Schemas/, else the parent of .ci/)")
    parser.add_argument("--job", action="append", default=[], type=Path, metavar="FILE",
                        help="validate this job.json (template or runtime manifest)")
    parser.add_argument("--role", action="append", default=[], type=Path, metavar="FILE",
                        help="validate this role file")
    parser.add_argument("--responses", action="append", default=[], type=Path, metavar="FILE",
                        help="validate this responses.json")
    parser.add_argument("--no-response-check", action="store_true",
                        help="with --responses: check only the replay-script structure, not "
                             "each entry's response (scripts that replay invalid output)")
    args = parser.parse_args(argv)

    root = args.root
    if root is None:
        root = Path.cwd() if (Path.cwd() / "Schemas").is_dir() else Path(__file__).resolve().parent.parent
    if not (root / "Schemas").is_dir():
        parser.error(f"{root} has no Schemas/ directory; pass --root")

    single = bool(args.job or args.role or args.responses)
    checker = Checker(root, check_responses=not args.no_response_check)
    checker.load_schemas(report_ok=not single)

    if single:
        for path in args.job:
            checker.check_job(path, template=False)
        for path in args.responses:
            checker.check_responses_file(path)
        for path in args.role:
            checker.check_role(path)
    else:
        for path in sorted((root / "Jobs").glob("*/job.json")):
            checker.check_job(path, template=True)
        for path in sorted((root / "Jobs").glob("*/responses.json")):
            checker.check_responses_file(path)
        for path in sorted((root / "Roles").glob("*.json")):
            checker.check_role(path)

    print(f"{checker.passed} passed, {checker.failed} failed")
    return 1 if checker.failed else 0


if __name__ == "__main__":
    sys.exit(main())
