import Foundation

/// A job's ledger read against the seal in its manifest: what every total, limit check and report uses.
///
/// When the file matches the seal, `totals` are the seal's plus the lines appended since (the same sums
/// as adding up every line) and ``seal`` is what the next save records. When it does not, `damage` says
/// what changed, `totals` are the recorded ones, never the damaged file's, and `records` are the file's
/// readable lines plus ``LedgerCorrection`` lines that bring each run back to what the history recorded,
/// so breakdowns add up to the totals.
public struct LedgerBooks: Sendable {
  /// The file's readable lines, oldest first.
  public let fileRecords: [LedgerRecord]
  /// When damaged: the lines that would bring the file back to the recorded totals (not in the file).
  public let corrections: [LedgerRecord]
  /// The readable lines followed by the corrections: what breakdowns (by role, by run) sum.
  public var records: [LedgerRecord] { fileRecords + corrections }
  /// Numbers of lines that could not be read (torn by a crash).
  public let skipped: [Int]
  /// What the job has used.
  public let totals: LedgerTotals
  /// The last model whose tokens have no price, if any.
  public let unpricedModel: String?
  /// Present when the file no longer matches the seal.
  public let damage: LedgerDamage?
  /// The seal of the file as it is now (when damaged: the manifest's seal, unchanged).
  public let seal: LedgerSeal
  /// What the readable lines of the file add up to (without corrections).
  public let fileTotals: LedgerTotals

  /// The books of `job` whose ledger file holds `data` (nil: there is no file).
  public static func read(_ data: Data?, job: Manifest, now: Date = Date()) -> LedgerBooks {
    let scan = LedgerScan(data ?? Data())
    let fileTotals = LedgerTotals(scan.records.map(\.record))
    guard let sealed = job.ledger else {
      var seal = LedgerSeal.empty
      for line in scan.records { seal = seal.adding(line.record) }
      seal = scan.sealing(seal)
      return LedgerBooks(
        fileRecords: scan.records.map(\.record), corrections: [], skipped: scan.skipped, totals: seal.totals,
        unpricedModel: seal.unpricedModel, damage: nil, seal: seal, fileTotals: fileTotals)
    }
    if let damage = scan.damage(against: sealed, exists: data != nil) {
      let records = scan.records.map(\.record)
      let corrections = LedgerCorrection.records(job: job, file: records, recorded: sealed, time: now)
      return LedgerBooks(
        fileRecords: records, corrections: corrections, skipped: scan.skipped, totals: sealed.totals,
        unpricedModel: sealed.unpricedModel, damage: damage, seal: sealed, fileTotals: fileTotals)
    }
    var seal = sealed
    for line in scan.records where line.offset >= sealed.bytes { seal = seal.adding(line.record) }
    seal = scan.sealing(seal)
    return LedgerBooks(
      fileRecords: scan.records.map(\.record), corrections: [], skipped: scan.skipped, totals: seal.totals,
      unpricedModel: seal.unpricedModel, damage: nil, seal: seal, fileTotals: fileTotals)
  }

  /// The books of `job` from its ledger file.
  public static func read(_ ledger: Ledger, job: Manifest, now: Date = Date()) throws(LogistError) -> LedgerBooks {
    guard FileManager.default.fileExists(atPath: ledger.url.path) else { return read(nil, job: job, now: now) }
    guard let data = FileManager.default.contents(atPath: ledger.url.path) else {
      throw LogistError(.system, "cannot read \(ledger.url.path): check its permissions")
    }
    return read(data, job: job, now: now)
  }

  /// What the next save of `job` records: its seal advanced over the lines appended to `ledger` since, or
  /// nil when the file no longer matches it (the seal is then kept). Decodes only the appended lines.
  public static func advancedSeal(_ ledger: Ledger, job: Manifest) throws(LogistError) -> LedgerSeal? {
    let exists = FileManager.default.fileExists(atPath: ledger.url.path)
    guard let data = exists ? FileManager.default.contents(atPath: ledger.url.path) : Data() else {
      throw LogistError(.system, "cannot read \(ledger.url.path): check its permissions")
    }
    guard let sealed = job.ledger else { return read(exists ? data : nil, job: job).seal }
    let scan = LedgerScan(data, decodingFrom: sealed.bytes)
    guard scan.damage(against: sealed, exists: exists) == nil else { return nil }
    var seal = sealed
    for line in scan.records { seal = seal.adding(line.record) }
    return scan.sealing(seal)
  }

  /// A seal of `ledger` as it is now that keeps `recorded`'s totals (`job limits --accept-ledger`).
  public static func resealed(_ ledger: Ledger, keeping recorded: LedgerSeal) throws(LogistError) -> LedgerSeal {
    guard let data = FileManager.default.contents(atPath: ledger.url.path) else {
      guard FileManager.default.fileExists(atPath: ledger.url.path) else { return LedgerScan(Data()).sealing(recorded) }
      throw LogistError(.system, "cannot read \(ledger.url.path): check its permissions")
    }
    return LedgerScan(data).sealing(recorded)
  }
}
