import Foundation
import Testing

@testable import LogistCore

/// The ledger seal: sealing, extending, detecting a shrunk, edited or missing file, and the corrections
/// that bring a damaged ledger back to the recorded totals.
struct LedgerBooksTests {
  static let time = JSONCoding.parseDate("2026-12-04T10:00:00.000Z") ?? Date(timeIntervalSince1970: 0)

  func job(history: [HistoryEntry] = [], seal: LedgerSeal? = nil) throws -> Manifest {
    var job = try ManifestLoader.load(Data(ManifestLoaderTests.valid.utf8), file: "job.json", expectedID: "j")
    job.history = history
    job.ledger = seal
    return job
  }

  func record(run: Int, cost: Double, tokens: Int = 10, seconds: Double = 0) -> LedgerRecord {
    LedgerRecord(
      time: Self.time, run: run, runName: String(format: "%04d-implement", run), phase: "implement", role: "worker",
      provider: "replay", model: "m", inputTokens: tokens, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0,
      actions: 1, costUSD: cost, cost: .reported, seconds: seconds)
  }

  func line(_ record: LedgerRecord) throws -> Data {
    let encoder = JSONCoding.encoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(record) + Data([0x0A])
  }

  func entry(run: Int, cost: Double, tokens: Int = 10, seconds: Double = 1) throws -> HistoryEntry {
    let state = try job().state
    return HistoryEntry(
      phase: "implement", role: "worker", attempt: run, actor: .agent, action: .completed, summary: "s",
      feedback: nil, evidenceFiles: nil, usage: Usage(inputTokens: tokens, costUSD: cost, actions: 1),
      provider: "replay", run: String(format: "%04d-implement", run), startedAt: Self.time,
      endedAt: Self.time.addingTimeInterval(seconds), superseded: false, checkpoint: state)
  }

  @Test func aLedgerIsSealedAndLinesAppendedLaterExtendTheSeal() throws {
    let first = try line(record(run: 1, cost: 0.25)) + line(record(run: 1, cost: 0, seconds: 2))
    let books = LedgerBooks.read(first, job: try job())
    #expect(books.damage == nil)
    #expect(books.seal.lines == 2 && books.seal.bytes == first.count && books.seal.sha256 == SHA256.hex(first))
    #expect(books.totals == LedgerTotals(usage: Usage(inputTokens: 20, costUSD: 0.25, actions: 2), seconds: 2))

    let more = first + (try line(record(run: 2, cost: 0.5, seconds: 1)))
    let next = LedgerBooks.read(more, job: try job(seal: books.seal))
    #expect(next.damage == nil)
    #expect(next.seal.lines == 3 && next.seal.bytes == more.count)
    #expect(next.totals == LedgerTotals(next.fileRecords), "the seal's sums are the file's sums")
    #expect(abs(next.totals.usage.costUSD - 0.75) < 1e-12 && next.totals.seconds == 3)
  }

  @Test func aShrunkFileIsDamageAndTheRecordedTotalsStand() throws {
    let full = try line(record(run: 1, cost: 0.4)) + line(record(run: 2, cost: 0.4)) + line(record(run: 3, cost: 0.4))
    let seal = LedgerBooks.read(full, job: try job()).seal
    let short = try line(record(run: 3, cost: 0.4))
    let books = LedgerBooks.read(short, job: try job(seal: seal))
    #expect(
      books.damage?.detail
        == "ledger.jsonl shrank from 3 lines (\(full.count) bytes) to 1 line (\(short.count) bytes) since the last save"
    )
    #expect(books.totals == seal.totals, "never the shortened file's")
    #expect(books.seal == seal, "a damaged ledger is not re-sealed")
    #expect(abs(books.fileTotals.usage.costUSD - 0.4) < 1e-12)
  }

  @Test func anEditThatKeepsTheLengthIsDamage() throws {
    let data = try line(record(run: 1, cost: 0.4))
    let seal = LedgerBooks.read(data, job: try job()).seal
    let edited = Data(String(decoding: data, as: UTF8.self).replacingOccurrences(of: "0.4", with: "0.0").utf8)
    #expect(edited.count == data.count)
    let books = LedgerBooks.read(edited, job: try job(seal: seal))
    #expect(books.damage?.detail.contains("ledger.jsonl changed: its first 1 line") == true, "\(books.damage as Any)")
    #expect(abs(books.totals.usage.costUSD - 0.4) < 1e-12)
  }

  @Test func aMissingFileIsDamageOnlyWhenTheSealHoldsLines() throws {
    #expect(LedgerBooks.read(nil, job: try job(seal: .empty)).damage == nil)
    let seal = LedgerBooks.read(try line(record(run: 1, cost: 0.1)), job: try job()).seal
    let books = LedgerBooks.read(nil, job: try job(seal: seal))
    #expect(books.damage?.detail.hasPrefix("ledger.jsonl is gone; it held 1 line") == true)
  }

  @Test func aTornLastLineIsLeftOutOfTheSealAndCountsOnceComplete() throws {
    let whole = try line(record(run: 1, cost: 0.1))
    let second = try line(record(run: 1, cost: 0.2))
    let torn = whole + second.prefix(20)
    let books = LedgerBooks.read(torn, job: try job())
    #expect(books.seal.bytes == whole.count && books.seal.lines == 1)
    let later = LedgerBooks.read(whole + second, job: try job(seal: books.seal))
    #expect(later.damage == nil)
    #expect(abs(later.totals.usage.costUSD - 0.3) < 1e-12)
  }

  @Test func aNegativeAmountAppendedIsDamageButOneSealedIsNot() throws {
    let data = try line(record(run: 1, cost: 0.4))
    let seal = LedgerBooks.read(data, job: try job()).seal
    let appended = data + (try line(record(run: 1, cost: -0.4)))
    let books = LedgerBooks.read(appended, job: try job(seal: seal))
    #expect(books.damage?.detail == "ledger.jsonl line 2, added since the last save, has a negative costUSD")
    let accepted = LedgerBooks.read(appended, job: try job(seal: LedgerScan(appended).sealing(seal)))
    #expect(accepted.damage == nil, "a sealed correction may be negative")
  }

  @Test func correctionsBringEachRunToItsHistoryAndTheWholeToTheRecordedTotals() throws {
    let full = try line(record(run: 1, cost: 0.4, seconds: 1)) + line(record(run: 2, cost: 0.4, seconds: 1))
    let history = [try entry(run: 1, cost: 0.4), try entry(run: 2, cost: 0.4)]
    let seal = LedgerBooks.read(full, job: try job(history: history)).seal
    let books = LedgerBooks.read(
      try line(record(run: 2, cost: 0.4, seconds: 1)), job: try job(history: history, seal: seal))
    #expect(books.damage != nil)
    #expect(books.corrections.count == 1)
    let correction = try #require(books.corrections.first)
    #expect(correction.runName == "0001-implement" && correction.cost == .correction)
    #expect(abs(correction.costUSD - 0.4) < 1e-12 && correction.inputTokens == 10 && correction.seconds == 1)
    #expect(LedgerTotals(books.records) == books.totals, "breakdowns add up to the recorded totals")
  }

  @Test func theRecordedTotalsAndCorrectionsOfARaisedNumberAreNegative() throws {
    let data = try line(record(run: 1, cost: 0.4, seconds: 1))
    let history = [try entry(run: 1, cost: 0.4)]
    let seal = LedgerBooks.read(data, job: try job(history: history)).seal
    let raised = Data(String(decoding: data, as: UTF8.self).replacingOccurrences(of: "0.4", with: "9.4").utf8)
    let books = LedgerBooks.read(raised, job: try job(history: history, seal: seal))
    #expect(abs(books.totals.usage.costUSD - 0.4) < 1e-12, "a raised number burns no budget")
    #expect(abs((books.corrections.first?.costUSD ?? 0) + 9.0) < 1e-9)
    #expect(LedgerTotals(books.records) == books.totals)
  }

  @Test func theSaveAdvancesTheSealAsAFullReadDoesAndKeepsItOverDamage() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let ledger = Ledger(jobDirectory: dir)
    #expect(try LedgerBooks.advancedSeal(ledger, job: try job()) == .empty, "no file: an empty seal")
    let first = try line(record(run: 1, cost: 0.1, seconds: 1))
    try first.write(to: ledger.url)
    let seal = try #require(try LedgerBooks.advancedSeal(ledger, job: try job(seal: .empty)))
    let all = first + (try line(record(run: 2, cost: 0.2, seconds: 2)))
    try all.write(to: ledger.url)
    let advanced = try LedgerBooks.advancedSeal(ledger, job: try job(seal: seal))
    #expect(advanced == LedgerBooks.read(all, job: try job()).seal)
    try Data().write(to: ledger.url)
    #expect(try LedgerBooks.advancedSeal(ledger, job: try job(seal: advanced)) == nil, "a shrunk file is not sealed")
  }
}
