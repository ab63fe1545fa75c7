import Foundation

/// One try of an agent process, and what its output comes to.
extension LiveProvider {
  /// What one try left behind.
  struct Tried {
    var parser: any AgentOutputParser
    var process: ProcessResult?
    var launchError: LogistError?
    var responseFile: URL
  }

  /// What a try comes to: a reply to return, or a transient failure worth another try.
  enum Verdict {
    case done(AgentReply)
    case transient(String)
  }

  /// Runs `candidate` once, to the end of its output.
  func runOnce(
    _ candidate: AgentCandidate, _ request: AgentRequest, log: AgentLog, redactor: SecretRedactor, slot: RunnerSlot
  ) -> Tried {
    let invocation = candidate.invocation(prompt: request.prompt)
    let responseFile = request.runDirectory.appendingPathComponent("response.json")
    try? FileManager.default.removeItem(at: responseFile)
    let directory = request.workspace ?? request.jobDirectory
    let extra = [
      "LOGIST_JOB_ID": request.manifest.id, "LOGIST_PHASE": request.manifest.currentPhase,
      "LOGIST_ROLE": request.role.name, "LOGIST_WORKSPACE": directory.path,
      "LOGIST_PROMPT_FILE": request.runDirectory.appendingPathComponent("prompt.md").path,
      "LOGIST_RESPONSE_FILE": responseFile.path, "LOGIST_RUN": request.runDirectory.lastPathComponent,
    ]
    var spec = ProcessSpec(
      arguments: invocation.arguments,
      environment: AgentEnvironment.build(base: environment, deny: candidate.config.denyEnv ?? [], extra: extra),
      workingDirectory: directory.path, standardInput: invocation.standardInput,
      gracePeriod: candidate.config.graceSeconds ?? 10,
      runToken: RunToken(jobDirectory: request.jobDirectory, run: request.runDirectory.lastPathComponent).value)
    do throws(LogistError) {
      spec.arguments = try isolated(spec, candidate, request, responseFile: responseFile)
    } catch {
      log.note(redactor.redact("\(candidate.label): could not start: \(error.message)"))
      return Tried(parser: candidate.parser(), process: nil, launchError: error, responseFile: responseFile)
    }
    let wrapper = spec.arguments.dropLast(invocation.arguments.count)
    // Shell-quoted, so a pasted line does what it shows; a prompt argument is elided as <prompt>.
    let shown = (wrapper + invocation.arguments).map {
      $0.count > 120 || $0.contains("\n") ? "<prompt>" : ShellQuote.word($0)
    }
    log.note(redactor.redact("\(candidate.label): \(shown.joined(separator: " ")) (in \(directory.path))"))
    let meter = request.meter
    let base = meter.usage
    let fallbackModel = AgentCommandLine.modelArgument(candidate.model)
    let report: @Sendable (Usage, String?, Bool) -> Void = { total, model, costReported in
      meter.settle(total: base + total, model: model ?? fallbackModel, costReported: costReported)
    }
    let sink = AgentOutputSink(
      parser: candidate.parser(), log: log, redactor: redactor, activity: activity,
      report: candidate.config.kind == "command" ? nil : report)
    let runner = ProcessRunner(spec) { channel, chunk in sink.receive(channel, chunk) }
    slot.set(runner)
    defer { slot.set(nil) }
    do throws(LogistError) {
      let result = try runner.run()
      let parser = sink.finish(exitCode: result.termination.exitCode)
      log.note(redactor.redact(result.description))
      if !result.leftovers.isEmpty {
        log.note(redactor.redact("stopped what the agent left running: \(StoppedProcess.describe(result.leftovers))"))
      }
      return Tried(parser: parser, process: result, launchError: nil, responseFile: responseFile)
    } catch {
      let parser = sink.finish(exitCode: nil)
      log.note(redactor.redact("could not start: \(error.message)"))
      return Tried(parser: parser, process: nil, launchError: error, responseFile: responseFile)
    }
  }

  /// Judges a try: the response, a fatal failure, a missing or invalid response (all final), or a
  /// transient failure.
  func judge(
    _ tried: Tried, _ candidate: AgentCandidate, _ request: AgentRequest, log: AgentLog, redactor: SecretRedactor
  ) -> Verdict {
    let parser = tried.parser
    discardEmptyResponseFile(tried.responseFile)
    let see = "see \(log.display)"
    var reply: AgentReply
    if let error = tried.launchError {
      reply = .none("\(candidate.label) could not be started: \(redactor.redact(error.message))")
    } else if let failure = parser.failure {
      let kind = candidate.config.kind
      let said = failure.message.hasPrefix(kind + " ") ? failure.message : "\(kind) failed: \(failure.message)"
      let message = redactor.redact(said)
      if failure.kind == .transient { return .transient(message) }
      reply = .none("\(message) (\(see))")
    } else {
      reply = response(parser, candidate, request, file: tried.responseFile, redactor: redactor, see: see)
    }
    for note in parser.notes { log.note(redactor.redact(note)) }
    reply.metered = candidate.config.kind != "command"
    reply.model = parser.model ?? AgentCommandLine.modelArgument(candidate.model)
    reply.answeredBy =
      candidate.config.kind == "command"
      ? "command"
      : [candidate.config.kind, reply.model]
        .compactMap { $0 }.joined(separator: "/")
    reply.sessionID = parser.sessionID
    return .done(reply)
  }

  /// The agent response: `$LOGIST_RESPONSE_FILE` when a command agent wrote one (an empty file, as a
  /// sandbox leaves it, is none), else the last valid response object in the agent's final message.
  private func response(
    _ parser: any AgentOutputParser, _ candidate: AgentCandidate, _ request: AgentRequest, file: URL,
    redactor: SecretRedactor, see: String
  ) -> AgentReply {
    let phase = request.manifest.phase
    if candidate.config.kind == "command", let data = FileManager.default.contents(atPath: file.path), !data.isEmpty {
      let raw = redactor.redact(data)
      do throws(LogistError) {
        _ = try AgentResponse.interpret(raw, phase: phase, file: "$LOGIST_RESPONSE_FILE")
        return .answer(raw)
      } catch {
        return AgentReply(raw: raw, failure: "invalid agent response: \(error.message) (\(see))", invalid: true)
      }
    }
    guard let text = parser.resultText, !text.isEmpty else {
      return .none("\(candidate.config.kind) ended without an agent response: it printed no final message (\(see))")
    }
    do throws(LogistError) {
      return .answer(try AgentResponseExtractor.extract(from: text, phase: phase, file: "the agent's output").raw)
    } catch {
      let invalid = error.message.contains("\"action\"") == false && !error.message.contains("no JSON object")
      var reply = AgentReply.none("invalid agent response: \(error.message) (\(see))")
      reply.invalid = invalid
      return reply
    }
  }
}
