import LogistCore

/// Every command `logist` has. Help, usage and dispatch are all generated from this table.
public enum CommandTable {
  /// The table, in help order.
  public static let all: [CommandSpec] = [
    JobCreateCommand.spec,
    JobReadCommands.list,
    JobReadCommands.status,
    JobReadCommands.history,
    JobValidateCommand.spec,
    JobRunCommands.preview,
    JobRunCommands.step,
    JobRunCommands.run,
    JobRunCommands.poststep,
    JobChatCommand.spec,
    JobLimitsCommand.spec,
    JobMetricsCommand.spec,
    JobRolesCommand.spec,
    JobWorkspaceCommands.diff,
    JobWorkspaceCommands.patch,
    JobWorkspaceCommands.export,
    JobDecisionCommands.rerun,
    JobDecisionCommands.restep,
    JobDecisionCommands.approve,
    JobDecisionCommands.reject,
    JobDecisionCommands.cancel,
    JobDecisionCommands.activate,
    JobGCCommand.spec,
    BatchCommands.run,
    BatchCommands.resume,
    BatchCommands.status,
    IndexCommands.rebuild,
    RoleCommands.list,
    RoleCommands.inspect,
    RoleCommands.check,
    EventsCommand.spec,
    IndexCommands.search,
    IndexCommands.stats,
    SimulateCommand.spec,
  ]
}
