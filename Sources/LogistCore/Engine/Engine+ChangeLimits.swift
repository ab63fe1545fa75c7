import Foundation

/// What `job limits` did.
public struct LimitsChangeResult: Sendable {
  /// The job afterwards.
  public let manifest: Manifest
  /// Limits before and after.
  public let old: Limits
  public let new: Limits
  /// Whether a halted job became ready.
  public let lifted: Bool
}

extension Engine {
  /// `job limits`: changes the limits (recorded in `limitChanges`), re-arms the warnings of changed limits,
  /// and lifts a halt the new limits no longer call for. An empty update only reports.
  public func changeLimits(_ id: String, _ update: LimitsUpdate) throws(LogistError) -> LimitsChangeResult {
    try withJob(id) { (job: inout Manifest) throws(LogistError) -> LimitsChangeResult in
      let old = job.limits ?? Limits()
      let new: Limits
      do throws(LogistError) {
        new = try update.applied(to: old)
      } catch {
        throw .invalid("job \(id): \(error.message)")
      }
      guard new != old else { return LimitsChangeResult(manifest: job, old: old, new: new, lifted: false) }
      if job.status == .running || job.status.isFinal {
        throw .invalid(
          "job \(id) is \(job.status.rawValue); limits can change only while it is not running or finished")
      }
      let now = clock.now()
      job.limits = new == Limits() ? nil : new
      job.limitChanges = (job.limitChanges ?? []) + [LimitChange(at: now, old: old, new: new)]
      let changed = Set(LimitField.allCases.filter { $0.value(in: old) != $0.value(in: new) }.map(\.rawValue))
      job.limitWarnings = job.limitWarnings?.filter { !changed.contains($0) }
      if job.limitWarnings?.isEmpty == true { job.limitWarnings = nil }
      var payload: [String: String] = [:]
      for field in LimitField.allCases where changed.contains(field.rawValue) {
        payload[field.rawValue] =
          "\(field.value(in: old).map(field.format) ?? "none") -> \(field.value(in: new).map(field.format) ?? "none")"
      }
      try commit(&job, now: now, [event(.limitsChanged, job: id, payload)])
      let lifted = try liftIfAllowed(&job)
      return LimitsChangeResult(manifest: job, old: old, new: new, lifted: lifted)
    }
  }
}
