import Foundation

/// Finds the agent response in an agent's free text: the last JSON object in it that is a valid
/// response for the phase, wherever it sits (a fenced ```json block, a bare object after prose).
public enum AgentResponseExtractor {
  /// Only the end of a long text is searched.
  static let searchLimit = 512 * 1024
  /// At most this many opening braces, from the end, are tried.
  static let candidateLimit = 2000

  /// The last valid response in `text`, as its raw bytes and decoded.
  /// - Throws: the reason there is none: no JSON object at all, or why the last object that has an
  ///   `action` key fails the protocol (prefixed with `file`, e.g. the log to look at).
  public static func extract(
    from text: String, phase: Phase, file: String
  ) throws(LogistError) -> (raw: Data, response: AgentResponse) {
    let bytes = Array(text.utf8.suffix(searchLimit))
    var lastProblem: LogistError?
    var sawObject = false
    let starts = bytes.indices.reversed().lazy.filter { bytes[$0] == UInt8(ascii: "{") }.prefix(candidateLimit)
    for start in starts {
      guard let end = matchingBrace(bytes, from: start) else { continue }
      let raw = Data(bytes[start...end])
      guard let value = try? JSONValue.parse(raw), value.objectValue != nil else { continue }
      sawObject = true
      guard value["action"] != nil else { continue }
      do throws(LogistError) {
        return (raw, try AgentResponse.interpret(raw, phase: phase, file: file))
      } catch {
        lastProblem = lastProblem ?? error
      }
    }
    if let lastProblem { throw lastProblem }
    throw .invalid(
      sawObject
        ? "\(file): no JSON object with an \"action\" key in the agent's final message: it must end with the agent response"
        : "\(file): no JSON object in the agent's final message: it must end with the agent response")
  }

  /// The index of the `}` closing the object opened at `start`, skipping braces inside strings.
  static func matchingBrace(_ bytes: [UInt8], from start: Int) -> Int? {
    var depth = 0
    var inString = false
    var escaped = false
    var index = start
    while index < bytes.count {
      let byte = bytes[index]
      if inString {
        if escaped {
          escaped = false
        } else if byte == UInt8(ascii: "\\") {
          escaped = true
        } else if byte == UInt8(ascii: "\"") {
          inString = false
        }
      } else if byte == UInt8(ascii: "\"") {
        inString = true
      } else if byte == UInt8(ascii: "{") {
        depth += 1
      } else if byte == UInt8(ascii: "}") {
        depth -= 1
        if depth == 0 { return index }
      }
      index += 1
    }
    return nil
  }
}
