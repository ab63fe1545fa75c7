import Foundation
import Testing

@testable import LogistCore

@Suite struct SchemaValidatorTests {
  /// The violations of `document` against `schema` (both JSON text), as `path: message` lines.
  private func check(_ schema: String, _ document: String) throws -> [String] {
    let validator = SchemaValidator(schema: try JSONValue.parse(schema))
    return validator.validate(try JSONValue.parse(document)).map(\.description)
  }

  // MARK: - type

  @Test(
    arguments: [
      ("integer", "1", nil), ("integer", "2.0", nil), ("integer", "2.5", "expected an integer"),
      ("integer", "\"1\"", "expected an integer"),
      ("number", "1", nil), ("number", "1.5", nil), ("number", "true", "expected a number"),
      ("string", "\"\"", nil), ("string", "1", "expected a string"),
      ("boolean", "false", nil), ("boolean", "null", "expected a boolean"),
      ("object", "{}", nil), ("object", "[]", "expected an object"),
      ("array", "[]", nil), ("array", "{}", "expected an array"),
      ("null", "null", nil), ("null", "0", "expected null"),
    ] as [(String, String, String?)])
  func type(name: String, document: String, message: String?) throws {
    let expected = message.map { ["top level: \($0)"] } ?? []
    #expect(try check(#"{"type": "\#(name)"}"#, document) == expected)
  }

  @Test func typeArrayJoinsWithOr() throws {
    let schema = #"{"type": ["string", "null"]}"#
    #expect(try check(schema, "null") == [])
    #expect(try check(schema, #""x""#) == [])
    #expect(try check(schema, "3") == ["top level: expected a string or null"])
  }

  @Test func failedTypeHidesOtherKeywordsAtThatPlace() throws {
    let schema = #"{"type": "object", "required": ["a"], "enum": [{"a": 1}], "minItems": 5}"#
    #expect(try check(schema, "[]") == ["top level: expected an object"])
  }

  // MARK: - enum and const

  @Test func enumListsTheAllowedValues() throws {
    let schema = #"{"enum": ["a", "b", 3, null]}"#
    #expect(try check(schema, #""b""#) == [])
    #expect(try check(schema, "3.0") == [])
    #expect(try check(schema, #""x""#) == [#"top level: expected one of: a, b, 3, null (got "x")"#])
    #expect(try check(schema, "[1]") == ["top level: expected one of: a, b, 3, null (got [1])"])
  }

  @Test func constComparesDeeply() throws {
    #expect(try check(#"{"const": 1}"#, "1") == [])
    #expect(try check(#"{"const": 1}"#, "2") == ["top level: expected 1 (got 2)"])
    #expect(try check(#"{"const": {"a": [1, "x"]}}"#, #"{"a": [1.0, "x"]}"#) == [])
    #expect(
      try check(#"{"const": {"a": [1, "x"]}}"#, #"{"a": [1, "y"]}"#) == [
        #"top level: expected {"a":[1,"x"]} (got {"a":[1,"y"]})"#
      ])
    #expect(try check(#"{"const": "v1"}"#, #""v2""#) == [#"top level: expected "v1" (got "v2")"#])
  }

  // MARK: - Objects

  @Test func requiredReportsTheMissingKeysPath() throws {
    let schema = #"""
      {"type": "object", "required": ["phases"], "properties": {"phases": {"type": "array", "items": {
        "type": "object", "required": ["role", "name"]}}}}
      """#
    #expect(try check(schema, #"{"phases": [{"role": "a", "name": "b"}]}"#) == [])
    #expect(try check(schema, "{}") == ["phases: missing required key"])
    #expect(
      try check(schema, #"{"phases": [{"name": "x"}, {}]}"#) == [
        "phases[0].role: missing required key", "phases[1].name: missing required key",
        "phases[1].role: missing required key",
      ])
    let violation = try SchemaValidator(schema: JSONValue.parse(schema)).validate(
      JSONValue.parse(#"{"phases": [{"name": "x"}]}"#))
    #expect(violation == [SchemaViolation(path: "phases[0].role", message: "missing required key")])
  }

  @Test func additionalPropertiesFalseNamesTheAllowedKeys() throws {
    let schema = #"{"properties": {"b": {}, "a": {}}, "additionalProperties": false}"#
    #expect(try check(schema, #"{"a": 1, "b": 2}"#) == [])
    #expect(
      try check(schema, #"{"a": 1, "zz": 2, "c": 3}"#) == [
        "c: unknown key (allowed: a, b)", "zz: unknown key (allowed: a, b)",
      ])
    #expect(
      try check(#"{"additionalProperties": false}"#, #"{"x": 1}"#) == ["x: unknown key (no keys are allowed here)"])
  }

  @Test func additionalPropertiesSchemaChecksUnlistedValues() throws {
    let schema = #"{"properties": {"name": {"type": "string"}}, "additionalProperties": {"type": "integer"}}"#
    #expect(try check(schema, #"{"name": "n", "x": 1}"#) == [])
    #expect(try check(schema, #"{"name": "n", "x": "1"}"#) == ["x: expected an integer"])
  }

  @Test func dependentRequired() throws {
    let schema = #"{"required": ["id"], "dependentRequired": {"status": ["finishedAt", "id"]}}"#
    #expect(try check(schema, #"{"id": 1}"#) == [])
    #expect(try check(schema, #"{"id": 1, "status": "done", "finishedAt": "t"}"#) == [])
    #expect(
      try check(schema, #"{"id": 1, "status": "done"}"#) == [
        #"finishedAt: missing required key (required when "status" is present)"#
      ])
    // A key that is required anyway is reported once, as plainly required.
    #expect(
      try check(schema, #"{"status": "done"}"#) == [
        #"finishedAt: missing required key (required when "status" is present)"#, "id: missing required key",
      ])
  }

  @Test func pathsQuoteKeysThatAreNotIdentifiers() throws {
    let schema = #"{"additionalProperties": {"additionalProperties": {"type": "integer"}}}"#
    #expect(
      try check(schema, #"{"a b": {"x": "s"}, "_ok9": {"1st": "s", "q\"": "s"}}"#) == [
        #"_ok9["1st"]: expected an integer"#, #"_ok9["q\""]: expected an integer"#, #"["a b"].x: expected an integer"#,
      ])
  }

  // MARK: - Arrays

  @Test func itemsAndNestedPaths() throws {
    let schema = #"""
      {"properties": {"phases": {"items": {"properties": {"maxAttempts": {"type": "integer", "minimum": 1}}}}}}
      """#
    #expect(try check(schema, #"{"phases": [{"maxAttempts": 1}, {"maxAttempts": 3}]}"#) == [])
    #expect(
      try check(schema, #"{"phases": [{"maxAttempts": 0}, {"maxAttempts": "3"}]}"#) == [
        "phases[0].maxAttempts: must be at least 1", "phases[1].maxAttempts: expected an integer",
      ])
  }

  @Test func minAndMaxItems() throws {
    let schema = #"{"minItems": 2, "maxItems": 3}"#
    #expect(try check(schema, "[1, 2]") == [])
    #expect(try check(schema, "[1, 2, 3]") == [])
    #expect(try check(schema, "[1]") == ["top level: expected at least 2 items"])
    #expect(try check(schema, "[1, 2, 3, 4]") == ["top level: expected at most 3 items"])
    #expect(try check(#"{"minItems": 1}"#, "[]") == ["top level: expected at least 1 item"])
  }

  @Test func violationsComeInDocumentOrder() throws {
    let schema = #"{"items": {"type": "integer"}}"#
    let document = "[" + (0..<12).map { $0 == 2 || $0 == 10 ? "\"x\"" : "\($0)" }.joined(separator: ",") + "]"
    #expect(try check(schema, document) == ["[2]: expected an integer", "[10]: expected an integer"])
    // Combinators are checked after a place's own keywords; their findings still land in key order.
    let combined = #"{"properties": {"b": {"type": "integer"}}, "allOf": [{"required": ["a", "c"]}]}"#
    #expect(
      try check(combined, #"{"b": "x"}"#) == [
        "a: missing required key", "b: expected an integer", "c: missing required key",
      ])
  }

  // MARK: - Strings

  @Test func minAndMaxLengthCountCharacters() throws {
    #expect(try check(#"{"minLength": 1}"#, ##""""##) == ["top level: must not be empty"])
    #expect(try check(#"{"minLength": 3}"#, #""ab""#) == ["top level: expected at least 3 characters"])
    #expect(try check(#"{"maxLength": 2}"#, #""abc""#) == ["top level: expected at most 2 characters"])
    // "e" + combining accent and a flag are one Character each.
    #expect(try check(#"{"maxLength": 2}"#, #""e\u0301🇫🇷""#) == [])
    #expect(try check(#"{"minLength": 2, "maxLength": 2}"#, #""ab""#) == [])
  }

  @Test func patternSearchesUnanchored() throws {
    #expect(try check(#"{"pattern": "^[a-z]+$"}"#, #""foo""#) == [])
    #expect(
      try check(#"{"pattern": "^[a-z]+$"}"#, #""Foo""#) == [
        #"top level: does not match the pattern ^[a-z]+$ (got "Foo")"#
      ])
    #expect(try check(#"{"pattern": "o+"}"#, #""Foo""#) == [])
    #expect(try check(#"{"pattern": "[a-"}"#, #""x""#) == ["top level: schema error: invalid pattern [a-"])
    // Patterns apply only to strings.
    #expect(try check(#"{"pattern": "^x$"}"#, "1") == [])
  }

  @Test(arguments: [
    ("2026-11-21T22:04:10.123Z", true), ("2026-11-21T22:04:10Z", true), ("2026-11-21T22:04:10+01:00", true),
    ("2026-11-21t22:04:10.5-05:30", true), ("2024-02-29T00:00:00Z", true), ("2016-12-31T23:59:60Z", true),
    ("yesterday", false), ("2026-11-21", false), ("2026-11-21T22:04:10", false), ("2026-11-21 22:04:10Z", false),
    ("2026-13-01T00:00:00Z", false), ("2025-02-29T00:00:00Z", false), ("2026-11-21T24:00:00Z", false),
    ("2026-11-21T22:04:10.Z", false), ("2026-11-21T22:04:10+0100", false), ("2026-11-21T22:04:10Z ", false),
  ])
  func dateTimeFormat(text: String, valid: Bool) throws {
    let expected =
      valid ? [] : ["top level: expected an RFC 3339 date-time such as 2026-11-21T22:04:10.123Z (got \"\(text)\")"]
    #expect(try check(#"{"type": "string", "format": "date-time"}"#, "\"\(text)\"") == expected)
  }

  @Test func otherFormatsAreIgnored() throws {
    #expect(try check(#"{"format": "email"}"#, #""not an email""#) == [])
  }

  // MARK: - Numbers

  @Test func numericBounds() throws {
    #expect(try check(#"{"minimum": 1}"#, "1") == [])
    #expect(try check(#"{"minimum": 1}"#, "0.5") == ["top level: must be at least 1"])
    #expect(try check(#"{"maximum": 0.5}"#, "0.5") == [])
    #expect(try check(#"{"maximum": 0.5}"#, "1") == ["top level: must be at most 0.5"])
    #expect(try check(#"{"exclusiveMinimum": 0}"#, "0.001") == [])
    #expect(try check(#"{"exclusiveMinimum": 0}"#, "0") == ["top level: must be greater than 0"])
    #expect(try check(#"{"exclusiveMaximum": 2.0}"#, "1.99") == [])
    #expect(try check(#"{"exclusiveMaximum": 2.0}"#, "2") == ["top level: must be less than 2.0"])
    #expect(
      try check(#"{"minimum": 10, "maximum": 1}"#, "5") == [
        "top level: must be at least 10", "top level: must be at most 1",
      ])
    #expect(try check(#"{"minimum": 10}"#, #""5""#) == [])
  }

  // MARK: - $ref and combinators

  @Test func refResolvesToDefs() throws {
    let schema = ##"""
      {"type": "object", "properties": {"limits": {"$ref": "#/$defs/Limits"}},
       "$defs": {"Limits": {"type": "object", "properties": {"warnAt": {"type": "number", "maximum": 1}}}}}
      """##
    #expect(try check(schema, #"{"limits": {"warnAt": 0.8}}"#) == [])
    #expect(try check(schema, #"{"limits": {"warnAt": 2}}"#) == ["limits.warnAt: must be at most 1"])
    #expect(try check(schema, #"{"limits": []}"#) == ["limits: expected an object"])
  }

  @Test func unresolvedAndCyclicRefsAreSchemaErrors() throws {
    #expect(try check(##"{"$ref": "#/$defs/Nope"}"##, "1") == ["top level: schema error: unresolved $ref #/$defs/Nope"])
    let cycle = ##"{"$ref": "#/$defs/A", "$defs": {"A": {"$ref": "#/$defs/A"}}}"##
    #expect(try check(cycle, "1") == ["top level: schema error: $ref cycle through #/$defs/A"])
  }

  @Test func recursiveRefsFollowTheDocument() throws {
    let schema = ##"""
      {"$defs": {"Node": {"type": "object", "properties": {"children": {"type": "array", "items": {"$ref": "#/$defs/Node"}}},
        "additionalProperties": false}}, "$ref": "#/$defs/Node"}
      """##
    #expect(try check(schema, #"{"children": [{"children": []}, {"children": [{}]}]}"#) == [])
    #expect(
      try check(schema, #"{"children": [{}, {"children": [{"x": 1}]}]}"#) == [
        "children[1].children[0].x: unknown key (allowed: children)"
      ])
  }

  @Test func validatesTheDeepestParsableDocument() throws {
    let schema = ##"{"type": "array", "maxItems": 1, "items": {"$ref": "#"}}"##
    let deepest = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
    #expect(try check(schema, deepest) == [])
    let inner = String(repeating: "[", count: 511) + "[1]" + String(repeating: "]", count: 511)
    let violations = try check(schema, inner)
    #expect(violations == [String(repeating: "[0]", count: 512) + ": expected an array"])
  }

  @Test func oneOfReportsTheClosestBranch() throws {
    let schema = #"""
      {"oneOf": [
        {"type": "object", "required": ["command", "args", "cwd"]},
        {"type": "object", "required": ["script"], "properties": {"script": {"type": "string"}}},
        {"type": "string"}]}
      """#
    #expect(try check(schema, #"{"script": "x"}"#) == [])
    #expect(try check(schema, #""x""#) == [])
    #expect(try check(schema, #"{"script": 1}"#) == ["script: expected a string"])
    #expect(try check(schema, #"{"command": "c"}"#) == ["script: missing required key"])
    #expect(try check(schema, #"{"command": "c", "args": []}"#) == ["cwd: missing required key"])
    #expect(try check(schema, "{}") == ["script: missing required key"])
    // A branch of the wrong type loses to a branch of the right type with more problems.
    let typed = #"{"oneOf": [{"type": "string"}, {"type": "object", "required": ["a", "b"]}]}"#
    #expect(try check(typed, "{}") == ["a: missing required key", "b: missing required key"])
  }

  @Test func oneOfRejectsMatchingMoreThanOneBranch() throws {
    let schema = #"{"oneOf": [{"type": "integer"}, {"minimum": 0}]}"#
    #expect(try check(schema, "-1") == [])
    #expect(try check(schema, "0.5") == [])
    #expect(try check(schema, "3") == ["top level: matches more than one of the allowed forms"])
  }

  @Test func branchesFailingOnlyOnTypeMergeTheirTypes() throws {
    #expect(
      try check(#"{"oneOf": [{"type": "string"}, {"type": "null"}]}"#, "1") == ["top level: expected a string or null"])
    #expect(
      try check(#"{"anyOf": [{"type": "integer"}, {"type": ["array", "integer"]}]}"#, "{}") == [
        "top level: expected an integer or an array"
      ])
  }

  @Test func anyOfAcceptsSeveralMatchesAndReportsTheClosestBranch() throws {
    let schema =
      #"{"anyOf": [{"type": "integer"}, {"type": "number", "minimum": 0}, {"type": "string", "minLength": 2}]}"#
    #expect(try check(schema, "3") == [])
    #expect(try check(schema, "-1.5") == ["top level: must be at least 0"])
    #expect(try check(schema, #""ab""#) == [])
    #expect(try check(schema, #""a""#) == ["top level: expected at least 2 characters"])
  }

  @Test func allOfReportsEveryBranch() throws {
    let schema = #"{"allOf": [{"required": ["a"]}, {"required": ["b"]}, {"required": ["a"]}]}"#
    #expect(try check(schema, #"{"a": 1, "b": 2}"#) == [])
    #expect(try check(schema, "{}") == ["a: missing required key", "b: missing required key"])
  }

  @Test func booleanSchemasAndAnnotations() throws {
    #expect(try check("true", #"{"anything": [1]}"#) == [])
    #expect(try check(#"{"properties": {"x": false}}"#, #"{"x": 1}"#) == ["x: no value is allowed here"])
    let annotated = #"""
      {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "x", "title": "t", "description": "d",
       "default": 1, "examples": [1], "$comment": "c", "uniqueItems": true}
      """#
    #expect(try check(annotated, "[1, 1]") == [])
  }

  @Test func violationDescription() {
    #expect(SchemaViolation(path: "", message: "expected an object").description == "top level: expected an object")
    #expect(
      SchemaViolation(path: "phases[1].maxAttempts", message: "expected an integer").description
        == "phases[1].maxAttempts: expected an integer")
  }

  @Test func realisticDocument() throws {
    let schema = #"""
      {"type": "object", "additionalProperties": false, "required": ["version", "history"],
       "properties": {
         "version": {"const": 1},
         "history": {"type": "array", "items": {"type": "object", "required": ["at", "usage"],
           "properties": {"at": {"type": "string", "format": "date-time"},
             "usage": {"type": "object", "properties": {"costUSD": {"type": "number", "minimum": 0}}}}}}}}
      """#
    let document = #"""
      {"version": 2, "history": [{"at": "2026-11-21T22:04:10Z", "usage": {"costUSD": -0.012}}, {"at": "soon"}],
       "extra": true}
      """#
    #expect(
      try check(schema, document) == [
        "extra: unknown key (allowed: history, version)",
        "history[0].usage.costUSD: must be at least 0",
        #"history[1].at: expected an RFC 3339 date-time such as 2026-11-21T22:04:10.123Z (got "soon")"#,
        "history[1].usage: missing required key",
        "version: expected 1 (got 2)",
      ])
  }
}
