import LogistCore
import Testing

@Suite struct RetryPolicyTests {
  private let noSleep: (Double) -> Void = { _ in }

  @Test func retriesTransportErrorsWithTheGivenBackoffThenGivesUp() {
    var slept: [Double] = []
    let record: (Double) -> Void = { slept.append($0) }
    var calls = 0
    let policy = RetryPolicy(delays: [0.5, 1, 2])
    #expect {
      try policy.perform(sleep: record) { () throws(LogistError) -> Int in
        calls += 1
        throw LogistError(.transport, "ssh to h failed (exit 255)")
      }
    } throws: { error in
      (error as? LogistError)?.message == "ssh to h failed (exit 255) (gave up after 4 attempts)"
    }
    #expect(calls == 4)
    #expect(slept == [0.5, 1, 2])
  }

  @Test func succeedsOnceTheConnectionIsBack() throws {
    var calls = 0
    let value = try RetryPolicy.standard.perform(sleep: noSleep) { () throws(LogistError) -> String in
      calls += 1
      if calls < 3 { throw LogistError(.transport, "dropped") }
      return "ok"
    }
    #expect(value == "ok" && calls == 3)
  }

  @Test func neverRetriesOtherErrors() {
    var calls = 0
    #expect(throws: LogistError.invalid("bad")) {
      try RetryPolicy.standard.perform(sleep: noSleep) { () throws(LogistError) in
        calls += 1
        throw LogistError.invalid("bad")
      }
    }
    #expect(calls == 1)
  }
}
