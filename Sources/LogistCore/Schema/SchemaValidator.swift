import Foundation

/// Validates JSON documents against a schema written in the subset of JSON Schema draft 2020-12
/// that our schemas use.
///
/// Supported keywords: `type`, `enum`, `const`, `properties`, `required`, `additionalProperties`,
/// `dependentRequired`, `items`, `minItems`, `maxItems`, `minLength`, `maxLength`, `pattern`,
/// `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, `format: "date-time"`, local
/// `$ref`s (`#/$defs/Name`, or any `#/...` JSON pointer), `allOf`, `anyOf` and `oneOf`; boolean
/// schemas `true`/`false` are understood too. Every other keyword is ignored.
public struct SchemaValidator: Sendable {
  private let root: JSONValue
  /// Every `pattern` string found in the schema, compiled once; nil when it is not a valid regex.
  private let patterns: [String: CompiledPattern]

  /// Creates a validator for `schema`, the root schema that `$ref`s resolve against.
  public init(schema: JSONValue) {
    root = schema
    var compiled: [String: CompiledPattern] = [:]
    Self.compilePatterns(in: schema, into: &compiled)
    patterns = compiled
  }

  /// All violations of the schema by `value`, in document order (object keys sorted), without
  /// duplicates. An empty array means the value is valid.
  ///
  /// Where `type` fails nothing else is reported for that place, so each place gets one clear error.
  public func validate(_ value: JSONValue) -> [SchemaViolation] {
    var issues: [Issue] = []
    check(value, against: root, at: [], refHops: 0, into: &issues)
    let ordered = issues.enumerated().sorted { lhs, rhs in
      if lhs.element.path != rhs.element.path {
        return lhs.element.path.lexicographicallyPrecedes(rhs.element.path)
      }
      return lhs.offset < rhs.offset
    }
    var seen = Set<Issue.Key>()
    return ordered.compactMap { entry in
      guard seen.insert(entry.element.key).inserted else { return nil }
      return SchemaViolation(path: JSONPathComponent.render(entry.element.path), message: entry.element.message)
    }
  }

  // MARK: - Core

  /// Appends the ways `value` (found at `path`) breaks `schema` to `issues`.
  /// `refHops` counts `$ref`s followed without moving in the document, to stop reference cycles.
  private func check(
    _ value: JSONValue, against schema: JSONValue, at path: [JSONPathComponent], refHops: Int,
    into issues: inout [Issue]
  ) {
    let keywords: [String: JSONValue]
    switch schema {
    case .object(let members): keywords = members
    case .bool(false): return issues.append(Issue(path, "no value is allowed here"))
    default: return
    }

    if let type = keywords["type"], let issue = typeIssue(value, type: type, at: path) {
      return issues.append(issue)
    }
    if let ref = keywords["$ref"]?.stringValue {
      if let target = resolve(ref) {
        if refHops < 64 {
          check(value, against: target, at: path, refHops: refHops + 1, into: &issues)
        } else {
          issues.append(Issue(path, "schema error: $ref cycle through \(ref)"))
        }
      } else {
        issues.append(Issue(path, "schema error: unresolved $ref \(ref)"))
      }
    }
    if let options = keywords["enum"]?.arrayValue, !options.contains(where: { Self.equal($0, value) }) {
      let listed = options.map { $0.stringValue ?? $0.serialized(pretty: false) }.joined(separator: ", ")
      issues.append(Issue(path, "expected one of: \(listed) (got \(value.serialized(pretty: false)))"))
    }
    if let constant = keywords["const"], !Self.equal(constant, value) {
      issues.append(
        Issue(path, "expected \(constant.serialized(pretty: false)) (got \(value.serialized(pretty: false)))"))
    }

    switch value {
    case .string(let text): checkString(text, keywords, at: path, into: &issues)
    case .int, .double: checkNumber(value, keywords, at: path, into: &issues)
    case .array(let elements): checkArray(elements, keywords, at: path, into: &issues)
    case .object(let members): checkObject(members, keywords, at: path, into: &issues)
    case .null, .bool: break
    }

    checkCombinators(value, keywords, at: path, refHops: refHops, into: &issues)
  }

  private func typeIssue(_ value: JSONValue, type: JSONValue, at path: [JSONPathComponent]) -> Issue? {
    let names: [String]
    switch type {
    case .string(let name): names = [name]
    case .array(let entries): names = entries.compactMap(\.stringValue)
    default: return nil
    }
    if names.isEmpty || names.contains(where: { Self.value(value, hasType: $0) }) { return nil }
    return Issue(path, "expected " + Self.describeTypes(names), expectedTypes: names)
  }

  private static func value(_ value: JSONValue, hasType name: String) -> Bool {
    switch (name, value) {
    case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object),
      ("integer", .int), ("number", .int), ("number", .double):
      return true
    case ("integer", .double(let number)):
      return number.isFinite && number.rounded(.towardZero) == number
    default:
      return false
    }
  }

  /// "a string", "a string or null", "an integer or a number".
  static func describeTypes(_ names: [String]) -> String {
    names.map { name in
      switch name {
      case "null": "null"
      case "integer", "object", "array": "an \(name)"
      default: "a \(name)"
      }
    }.joined(separator: " or ")
  }

  // MARK: - Keywords by value kind

  private func checkString(
    _ text: String, _ keywords: [String: JSONValue], at path: [JSONPathComponent], into issues: inout [Issue]
  ) {
    let length = text.count
    if let minimum = keywords["minLength"]?.intValue, length < minimum {
      let message = minimum == 1 ? "must not be empty" : "expected at least \(Self.count(minimum, "character"))"
      issues.append(Issue(path, message))
    }
    if let maximum = keywords["maxLength"]?.intValue, length > maximum {
      issues.append(Issue(path, "expected at most \(Self.count(maximum, "character"))"))
    }
    if let pattern = keywords["pattern"]?.stringValue {
      switch patterns[pattern] ?? CompiledPattern(pattern) {
      case .valid(let regex):
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        if regex.firstMatch(in: text, options: [], range: range) == nil {
          issues.append(Issue(path, "does not match the pattern \(pattern) (got \(JSONValue.string(text)))"))
        }
      case .invalid:
        issues.append(Issue(path, "schema error: invalid pattern \(pattern)"))
      }
    }
    if keywords["format"]?.stringValue == "date-time", !RFC3339.isDateTime(text) {
      issues.append(
        Issue(path, "expected an RFC 3339 date-time such as 2026-11-21T22:04:10.123Z (got \(JSONValue.string(text)))"))
    }
  }

  private func checkNumber(
    _ number: JSONValue, _ keywords: [String: JSONValue], at path: [JSONPathComponent], into issues: inout [Issue]
  ) {
    let bounds: [(keyword: String, fails: (Int) -> Bool, wording: String)] = [
      ("minimum", { $0 < 0 }, "must be at least"),
      ("maximum", { $0 > 0 }, "must be at most"),
      ("exclusiveMinimum", { $0 <= 0 }, "must be greater than"),
      ("exclusiveMaximum", { $0 >= 0 }, "must be less than"),
    ]
    for bound in bounds {
      guard let limit = keywords[bound.keyword], let order = Self.compare(number, limit) else { continue }
      if bound.fails(order) {
        issues.append(Issue(path, "\(bound.wording) \(limit.serialized(pretty: false))"))
      }
    }
  }

  private func checkArray(
    _ elements: [JSONValue], _ keywords: [String: JSONValue], at path: [JSONPathComponent],
    into issues: inout [Issue]
  ) {
    if let minimum = keywords["minItems"]?.intValue, elements.count < minimum {
      issues.append(Issue(path, "expected at least \(Self.count(minimum, "item"))"))
    }
    if let maximum = keywords["maxItems"]?.intValue, elements.count > maximum {
      issues.append(Issue(path, "expected at most \(Self.count(maximum, "item"))"))
    }
    if let itemSchema = keywords["items"] {
      for (index, element) in elements.enumerated() {
        check(element, against: itemSchema, at: path + [.index(index)], refHops: 0, into: &issues)
      }
    }
  }

  private func checkObject(
    _ members: [String: JSONValue], _ keywords: [String: JSONValue], at path: [JSONPathComponent],
    into issues: inout [Issue]
  ) {
    var missing: [String: String] = [:]
    for key in Self.strings(keywords["required"]) where members[key] == nil {
      missing[key] = "missing required key"
    }
    if let dependencies = keywords["dependentRequired"]?.objectValue {
      for trigger in dependencies.keys.sorted() where members[trigger] != nil {
        for key in Self.strings(dependencies[trigger]) where members[key] == nil && missing[key] == nil {
          missing[key] = "missing required key (required when \(JSONValue.string(trigger)) is present)"
        }
      }
    }
    let properties = keywords["properties"]?.objectValue ?? [:]
    let additional = keywords["additionalProperties"]
    for key in Set(members.keys).union(missing.keys).sorted() {
      let childPath = path + [.key(key)]
      if let message = missing[key] {
        issues.append(Issue(childPath, message))
      } else if let child = members[key] {
        if let propertySchema = properties[key] {
          check(child, against: propertySchema, at: childPath, refHops: 0, into: &issues)
        } else if additional == .bool(false) {
          let allowed = properties.keys.sorted().joined(separator: ", ")
          let message = allowed.isEmpty ? "unknown key (no keys are allowed here)" : "unknown key (allowed: \(allowed))"
          issues.append(Issue(childPath, message))
        } else if let additional {
          check(child, against: additional, at: childPath, refHops: 0, into: &issues)
        }
      }
    }
  }

  // MARK: - Combinators

  private func checkCombinators(
    _ value: JSONValue, _ keywords: [String: JSONValue], at path: [JSONPathComponent], refHops: Int,
    into issues: inout [Issue]
  ) {
    for branch in keywords["allOf"]?.arrayValue ?? [] {
      check(value, against: branch, at: path, refHops: refHops, into: &issues)
    }
    for keyword in ["anyOf", "oneOf"] {
      guard let branches = keywords[keyword]?.arrayValue, !branches.isEmpty else { continue }
      let outcomes = branches.map { branch in
        var branchIssues: [Issue] = []
        check(value, against: branch, at: path, refHops: refHops, into: &branchIssues)
        return branchIssues
      }
      let matches = outcomes.filter(\.isEmpty).count
      if matches == 0 {
        issues.append(contentsOf: Self.closest(outcomes, at: path))
      } else if matches > 1, keyword == "oneOf" {
        issues.append(Issue(path, "matches more than one of the allowed forms"))
      }
    }
  }

  /// The issues of the failed branch most likely meant: branches whose type fits beat those whose
  /// type does not, then fewer issues win, then the earlier branch. When every branch fails only
  /// on its type, the wanted types are merged into one message ("expected a string or null").
  private static func closest(_ outcomes: [[Issue]], at path: [JSONPathComponent]) -> [Issue] {
    func typeMismatch(_ branch: [Issue]) -> Bool {
      branch.contains { $0.expectedTypes != nil && $0.path == path }
    }
    if outcomes.allSatisfy({ $0.count == 1 && typeMismatch($0) }) {
      var names: [String] = []
      for name in outcomes.flatMap({ $0[0].expectedTypes ?? [] }) where !names.contains(name) {
        names.append(name)
      }
      return [Issue(path, "expected " + describeTypes(names), expectedTypes: names)]
    }
    let best = outcomes.enumerated().min { lhs, rhs in
      let left = (typeMismatch(lhs.element) ? 1 : 0, lhs.element.count, lhs.offset)
      let right = (typeMismatch(rhs.element) ? 1 : 0, rhs.element.count, rhs.offset)
      return left < right
    }
    return best?.element ?? []
  }

  // MARK: - Helpers

  /// Resolves a local reference (`#`, `#/$defs/Name`, or any `#/...` JSON pointer) against the root schema.
  private func resolve(_ reference: String) -> JSONValue? {
    guard reference.hasPrefix("#") else { return nil }
    let pointer = reference.dropFirst()
    if pointer.isEmpty { return root }
    guard pointer.hasPrefix("/") else { return nil }
    var node = root
    for rawToken in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
      let decoded = String(rawToken).removingPercentEncoding ?? String(rawToken)
      let token = decoded.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
      if let child = node[token] {
        node = child
      } else if let index = Int(token), let child = node[index] {
        node = child
      } else {
        return nil
      }
    }
    return node
  }

  /// JSON Schema equality: numbers compare by value (1 equals 1.0), containers compare deeply.
  static func equal(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.int, .double), (.double, .int): return compare(lhs, rhs) == 0
    case (.array(let left), .array(let right)):
      return left.count == right.count && zip(left, right).allSatisfy { equal($0, $1) }
    case (.object(let left), .object(let right)):
      return left.count == right.count && left.allSatisfy { key, value in right[key].map { equal(value, $0) } ?? false }
    default: return lhs == rhs
    }
  }

  /// -1, 0 or 1 as the number `lhs` is below, equal to or above the number `rhs`; nil if either is not a number.
  static func compare(_ lhs: JSONValue, _ rhs: JSONValue) -> Int? {
    if case .int(let left) = lhs, case .int(let right) = rhs {
      return left < right ? -1 : left == right ? 0 : 1
    }
    guard let left = lhs.doubleValue, let right = rhs.doubleValue else { return nil }
    return left < right ? -1 : left == right ? 0 : 1
  }

  private static func strings(_ value: JSONValue?) -> [String] {
    value?.arrayValue?.compactMap(\.stringValue) ?? []
  }

  private static func count(_ number: Int, _ noun: String) -> String {
    "\(number) \(noun)\(number == 1 ? "" : "s")"
  }

  private static func compilePatterns(in schema: JSONValue, into compiled: inout [String: CompiledPattern]) {
    switch schema {
    case .object(let members):
      if let pattern = members["pattern"]?.stringValue, compiled[pattern] == nil {
        compiled[pattern] = CompiledPattern(pattern)
      }
      for member in members.values { compilePatterns(in: member, into: &compiled) }
    case .array(let elements):
      for element in elements { compilePatterns(in: element, into: &compiled) }
    default:
      break
    }
  }
}

/// A `pattern` keyword compiled to a regular expression, or marked invalid.
private enum CompiledPattern: Sendable {
  case valid(NSRegularExpression)
  case invalid

  init(_ pattern: String) {
    if let regex = try? NSRegularExpression(pattern: pattern) {
      self = .valid(regex)
    } else {
      self = .invalid
    }
  }
}

/// A violation under construction, with its path still in components for document-order sorting.
private struct Issue {
  var path: [JSONPathComponent]
  var message: String
  /// The type names wanted, when this issue is a `type` mismatch.
  var expectedTypes: [String]?

  init(_ path: [JSONPathComponent], _ message: String, expectedTypes: [String]? = nil) {
    self.path = path
    self.message = message
    self.expectedTypes = expectedTypes
  }

  struct Key: Hashable {
    var path: [JSONPathComponent]
    var message: String
  }

  var key: Key { Key(path: path, message: message) }
}
