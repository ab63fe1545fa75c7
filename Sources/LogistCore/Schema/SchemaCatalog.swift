import Foundation

/// The JSON Schemas compiled into the binary (their source is `Schemas/`).
public enum SchemaName: String, Sendable, CaseIterable {
  /// A job manifest or template (`job.json`).
  case job = "job.schema.json"
  /// A role file (`Roles/<name>.json`).
  case role = "role.schema.json"
  /// One agent response.
  case agentResponse = "agent-response.schema.json"
  /// A replay script (`responses.json`).
  case responses = "responses.schema.json"
  /// A price table (`pricing.json`).
  case pricing = "pricing.schema.json"
  /// An outcome model for `logist simulate --model`.
  case outcomeModel = "outcome-model.schema.json"
  /// The report of `logist simulate --json`.
  case simulation = "simulation.schema.json"
  /// The output of `logist simulate --compare --json`.
  case simulationComparison = "simulation-comparison.schema.json"

  /// The schema's text, as compiled in.
  public var text: String { EmbeddedResources.schemas[rawValue] ?? "" }
}

/// Parses and validates documents against the built-in schemas.
public enum SchemaCatalog {
  private static let validators: [SchemaName: SchemaValidator] = {
    var result: [SchemaName: SchemaValidator] = [:]
    for name in SchemaName.allCases {
      if let schema = try? JSONValue.parse(Data(name.text.utf8)) {
        result[name] = SchemaValidator(schema: schema)
      }
    }
    return result
  }()

  /// Every way `value` breaks schema `name`.
  public static func violations(of value: JSONValue, against name: SchemaName) -> [SchemaViolation] {
    guard let validator = validators[name] else {
      return [SchemaViolation(path: "", message: "built-in schema \(name.rawValue) is unreadable; rebuild logist")]
    }
    return validator.validate(value)
  }

  /// Parses `data` as JSON; the error names `file` and the line and column.
  public static func parse(_ data: Data, file: String) throws(LogistError) -> JSONValue {
    do throws(JSONParseError) {
      return try JSONValue.parse(data)
    } catch {
      throw .invalid("\(file): \(error.description)")
    }
  }

  /// Parses and validates; the error names `file`, the key path and the first problem.
  public static func check(_ data: Data, file: String, against name: SchemaName) throws(LogistError) -> JSONValue {
    let value = try parse(data, file: file)
    try require(value, file: file, against: name)
    return value
  }

  /// Throws the first violation of `value` against schema `name`, naming `file`.
  public static func require(_ value: JSONValue, file: String, against name: SchemaName) throws(LogistError) {
    let problems = violations(of: value, against: name)
    guard let first = problems.first else { return }
    let more = problems.count > 1 ? " (and \(problems.count - 1) more)" : ""
    throw .invalid("\(file): \(first.description)\(more)")
  }

  /// Decodes an already validated document into a typed value.
  public static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue, file: String) throws(LogistError) -> T
  {
    do {
      return try JSONCoding.decoder().decode(T.self, from: Data(value.serialized(pretty: false).utf8))
    } catch {
      throw .invalid("\(file): \(describe(error))")
    }
  }

  private static func describe(_ error: any Error) -> String {
    guard let error = error as? DecodingError else { return "\(error)" }
    switch error {
    case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context),
      .dataCorrupted(let context):
      let path = context.codingPath.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }
        .joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
      return (path.isEmpty ? "" : path + ": ") + context.debugDescription
    @unknown default:
      return "\(error)"
    }
  }
}
