import Foundation

extension Engine {
  /// What a phase run of `role` is redacted with: the secrets of the environment agents start from
  /// (see ``SecretRedactor``), the role's `provider.redact`, a render container's secret-looking
  /// variables.
  func secretRedactor(for role: ResolvedRole) -> SecretRedactor {
    SecretRedactor(
      environment: environment, names: role.role.provider.redact ?? [], more: role.role.provider.env ?? [:])
  }
}

extension AgentReply {
  /// The reply with its secrets redacted: its response bytes (archived as `response.json`, then read for
  /// the summary and feedback in `job.json`, the events and the index) and its failure reason. Whatever
  /// the provider (a replayed or posted response, a render, a live agent that redacted already).
  func redacted(by redactor: SecretRedactor) -> AgentReply {
    var reply = self
    reply.raw = raw.map { redactor.redact($0) }
    reply.failure = failure.map { redactor.redact($0) }
    return reply
  }
}
