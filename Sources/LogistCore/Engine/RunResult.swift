import Foundation

/// How one phase run ended, before it is written down.
struct RunResult {
  var outcome: RunOutcome
  var summary: String
  var event: JobEvent
  var response: AgentResponse?
  var halt: HaltReason?
}

extension Engine {
  /// Turns a provider's reply (or the reason the run was stopped) into an outcome and a state-machine event.
  /// `response.json` is the reply's (redacted) response; one a command agent wrote there itself and that
  /// was not used (the agent failed) is rewritten redacted.
  func interpret(
    _ reply: AgentReply, stop: StopReason?, job: Manifest, runName: String, runDirectory: URL,
    redactor: SecretRedactor
  ) throws(LogistError) -> RunResult {
    let responseFile = runDirectory.appendingPathComponent("response.json")
    if let raw = reply.raw {
      try RunArchive.write(raw, name: "response.json", in: runDirectory)
    } else if let left = FileManager.default.contents(atPath: responseFile.path) {
      try AtomicFile.write(redactor.redact(left), to: responseFile)
    }
    switch stop {
    case .timeout(let seconds)?:
      let summary = StopReason.timeout(seconds: seconds).summary
      return RunResult(outcome: .timedOut, summary: summary, event: .timeout(reason: "its last run timed out"))
    case .limit(let halt)?:
      return RunResult(outcome: .halted, summary: halt.sentence, event: .halt(reason: halt.sentence), halt: halt)
    case .interrupted(let why)?:
      var summary = StopReason.interrupted(why).summary
      if reply.container != nil, let detail = reply.failure, !summary.contains(detail) { summary += "; " + detail }
      return RunResult(outcome: .interrupted, summary: summary, event: .interrupt(reason: summary))
    case .cancelled(let why)?:
      // Interrupted first, then cancelled by `runPhase`: the state machine has no cancel of a running job.
      let summary = StopReason.cancelled(why).summary
      return RunResult(outcome: .interrupted, summary: summary, event: .interrupt(reason: summary))
    case nil:
      break
    }
    guard let raw = reply.raw, !reply.invalid else {
      let summary = reply.failure ?? "the agent gave no response"
      let outcome: RunOutcome = reply.invalid ? .invalidResponse : .noResponse
      return RunResult(outcome: outcome, summary: summary, event: .invalidResponse(reason: summary))
    }
    do throws(LogistError) {
      let answer = try AgentResponse.interpret(raw, phase: job.phase, file: "runs/\(runName)/response.json")
      return RunResult(
        outcome: RunOutcome(answer.action), summary: answer.summary,
        event: .response(answer.action, summary: answer.summary), response: answer)
    } catch {
      let summary = "invalid agent response: \(error.message)"
      return RunResult(outcome: .invalidResponse, summary: summary, event: .invalidResponse(reason: summary))
    }
  }
}
