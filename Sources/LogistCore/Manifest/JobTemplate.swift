/// The part of a `job.json` a template carries: what to do and how, without runtime state.
public struct JobTemplate: Codable, Sendable, Equatable {
  /// Short title.
  public var title: String
  /// What the job must achieve.
  public var goal: String
  /// The strategy.
  public var phases: [Phase]
  /// Limits.
  public var limits: Limits?
  /// Where the code comes from (`location`, `ref`).
  public var source: JobSource?

  /// Makes a template.
  public init(title: String, goal: String, phases: [Phase], limits: Limits? = nil, source: JobSource? = nil) {
    self.title = title
    self.goal = goal
    self.phases = phases
    self.limits = limits
    self.source = source
  }
}
