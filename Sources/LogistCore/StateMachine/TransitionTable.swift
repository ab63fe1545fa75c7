/// The state machine's table (states × events), derived by running ``StateMachine`` itself.
///
/// Every cell lists the statuses the event can lead to from that state, over a set of sample
/// strategies that cover each branch (last phase, next phase an approval, attempts used up,
/// rejection with and without `onReject`). `docs/state-machine.md` holds this table; a test
/// keeps the two identical.
public enum TransitionTable {
  /// Sample strategies and positions that reach every branch of the transition function.
  static func contexts() -> [(JobState, [Phase])] {
    let full = Phase.defaultStrategy
    let bare = [
      Phase(name: "work", role: "worker", kind: .agent), Phase(name: "check", role: "supervisor", kind: .review),
    ]
    let gated = [
      Phase(name: "work", role: "worker", kind: .agent), Phase(name: "gate", role: "steward", kind: .approval),
    ]
    var result: [(JobState, [Phase])] = []
    let solo = [Phase(name: "solo", role: "worker", kind: .agent)]
    let reviewFirst = [
      Phase(name: "check", role: "supervisor", kind: .review), Phase(name: "fix", role: "worker", kind: .agent),
    ]
    for phases in [full, bare, gated, solo, reviewFirst] {
      for phase in phases {
        for used in [1, phase.attemptLimit] {
          var attempts = Dictionary(uniqueKeysWithValues: phases.map { ($0.name, used) })
          attempts[phase.name] = used
          let state = JobState(status: .ready, currentPhase: phase.name, attempt: used, attempts: attempts)
          result.append((state, phases))
        }
      }
    }
    return result
  }

  /// For every status and event name: the statuses the event can lead to (empty: refused).
  public static func cells() -> [(status: JobStatus, event: String, targets: [JobStatus])] {
    let checkpoint = JobState(status: .ready, currentPhase: "implement", attempt: 1, attempts: ["implement": 1])
    var cells: [(JobStatus, String, [JobStatus])] = []
    for status in JobStatus.allCases {
      for event in JobEvent.samples(checkpoint: checkpoint) {
        var targets = Set<JobStatus>()
        for (base, phases) in contexts() {
          var state = base
          state.status = status
          var sample = event
          if case .rewind = event {
            sample = .rewind(to: base)
          }
          if let next = try? StateMachine.transition(state, sample, phases: phases) {
            targets.insert(next.status)
          }
        }
        cells.append((status, event.name, targets.sorted()))
      }
    }
    return cells
  }

  /// The table as Markdown: a row per status, a column per event, `—` where the event is refused.
  public static func markdown() -> String {
    let checkpoint = JobState(status: .ready, currentPhase: "x", attempt: 1, attempts: [:])
    let events = JobEvent.samples(checkpoint: checkpoint).map(\.name)
    var lines = ["| state \\ event | " + events.joined(separator: " | ") + " |"]
    lines.append("|" + String(repeating: " --- |", count: events.count + 1))
    let all = cells()
    for status in JobStatus.allCases {
      let row = all.filter { $0.status == status }.map { cell in
        cell.targets.isEmpty ? "—" : cell.targets.map(\.rawValue).joined(separator: " / ")
      }
      lines.append("| **\(status.rawValue)** | " + row.joined(separator: " | ") + " |")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
