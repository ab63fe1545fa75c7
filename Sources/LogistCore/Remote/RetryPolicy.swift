import Foundation

/// Bounded backoff for operations that lost their ssh connection (LogistError kind `.transport`).
public struct RetryPolicy: Sendable, Equatable {
  /// Seconds to wait before each retry; its count is the number of retries.
  public let delays: [Double]

  /// A policy waiting `delays` seconds before the successive retries.
  public init(delays: [Double]) { self.delays = delays }

  /// Five retries over 15.5 s (0.5, 1, 2, 4, 8 s), enough for sshd restarts and short network drops.
  public static let standard = RetryPolicy(delays: [0.5, 1, 2, 4, 8])
  /// No retry.
  public static let never = RetryPolicy(delays: [])

  /// Runs `body`; while it throws a transport error and retries are left, waits and runs it again. Any
  /// other error ends at once. The final error says how many attempts were made.
  public func perform<T>(
    sleep: (Double) -> Void = { Thread.sleep(forTimeInterval: $0) }, _ body: () throws(LogistError) -> T
  ) throws(LogistError) -> T {
    var attempt = 0
    while true {
      do throws(LogistError) {
        return try body()
      } catch  where error.kind == .transport && attempt < delays.count {
        sleep(delays[attempt])
        attempt += 1
      } catch  where error.kind == .transport && attempt > 0 {
        throw LogistError(.transport, "\(error.message) (gave up after \(attempt + 1) attempts)")
      }
    }
  }
}
