import Foundation

/// Prices by model name: the built-in table, overridden by `pricing.json` files.
///
/// A model matches the longest name in the table that it equals or starts with followed by `-`, so
/// `claude-sonnet-4-5-20250929` is priced as `claude-sonnet-4-5`.
public struct PriceTable: Sendable, Equatable {
  /// Prices by model name.
  public var prices: [String: ModelPrice]
  /// Where each price came from (`built-in` or a file path).
  public var sources: [String: String]

  /// The price of `model`, or nil when the table does not know it.
  public func price(for model: String) -> ModelPrice? {
    let name = model.lowercased()
    if let exact = prices[name] { return exact }
    let candidates = prices.keys.filter { name.hasPrefix($0 + "-") || name.hasPrefix($0 + "@") }
    guard let best = candidates.max(by: { $0.count < $1.count }) else { return nil }
    return prices[best]
  }

  /// The table with `file`'s prices laid over it.
  public func overlaid(with file: URL) throws(LogistError) -> PriceTable {
    guard let data = FileManager.default.contents(atPath: file.path) else { return self }
    let value = try SchemaCatalog.check(data, file: file.path, against: .pricing)
    var table = self
    for (name, entry) in value["models"]?.objectValue ?? [:] {
      let price = ModelPrice(
        input: entry["input"]?.doubleValue ?? 0, output: entry["output"]?.doubleValue ?? 0,
        cacheRead: entry["cacheRead"]?.doubleValue ?? 0, cacheWrite: entry["cacheWrite"]?.doubleValue ?? 0)
      table.prices[name.lowercased()] = price
      table.sources[name.lowercased()] = file.path
    }
    return table
  }

  /// The built-in table, then `pricing.json` of the roles directory, then of the jobs directory.
  public static func load(rolesDirectory: URL?, jobsDirectory: URL) throws(LogistError) -> PriceTable {
    var table = builtIn
    if let rolesDirectory { table = try table.overlaid(with: rolesDirectory.appendingPathComponent("pricing.json")) }
    return try table.overlaid(with: jobsDirectory.appendingPathComponent("pricing.json"))
  }

  /// List prices as published by the vendors (USD per million tokens), November 2026.
  public static let builtIn: PriceTable = {
    let list: [(String, Double, Double, Double, Double)] = [
      ("claude-opus-4-5", 5, 25, 0.5, 6.25),
      ("claude-opus-4-1", 15, 75, 1.5, 18.75),
      ("claude-opus-4", 15, 75, 1.5, 18.75),
      ("claude-sonnet-4-5", 3, 15, 0.3, 3.75),
      ("claude-sonnet-4", 3, 15, 0.3, 3.75),
      ("claude-3-7-sonnet", 3, 15, 0.3, 3.75),
      ("claude-haiku-4-5", 1, 5, 0.1, 1.25),
      ("claude-3-5-haiku", 0.8, 4, 0.08, 1),
      ("gpt-5", 1.25, 10, 0.125, 0),
      ("gpt-5-codex", 1.25, 10, 0.125, 0),
      ("gpt-5-mini", 0.25, 2, 0.025, 0),
      ("gpt-5-nano", 0.05, 0.4, 0.005, 0),
      ("gpt-4.1", 2, 8, 0.5, 0),
      ("gpt-4.1-mini", 0.4, 1.6, 0.1, 0),
      ("o3", 2, 8, 0.5, 0),
      ("o4-mini", 1.1, 4.4, 0.275, 0),
      ("codex-mini-latest", 1.5, 6, 0.375, 0),
      ("gemini-2.5-pro", 1.25, 10, 0.31, 0),
      ("gemini-2.5-flash", 0.3, 2.5, 0.075, 0),
    ]
    var prices: [String: ModelPrice] = [:]
    for (name, input, output, read, write) in list {
      prices[name] = ModelPrice(input: input, output: output, cacheRead: read, cacheWrite: write)
    }
    return PriceTable(prices: prices, sources: prices.mapValues { _ in "built-in" })
  }()
}
