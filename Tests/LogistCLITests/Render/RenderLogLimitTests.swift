import Foundation
import LogistCore
import Testing

extension RenderPhaseTests {
  @Test func aChattyContainersRenderLogKeepsItsHeadAndTailWithinLogLimitBytes() throws {
    let script = "yes 'rendering tile, still going' | head -c 2800000; echo 'frame done'; sleep 2"
    let render = try RenderBox(provider: ["command": ["sh", "-c", script], "logLimitBytes": 65536])
    let running = try render.startRun()
    try render.waitForLog("0002-render", containing: "=== logist: render.log is over its limit")
    let live = try render.runText("0002-render", "render.log")
    #expect(live.utf8.count <= 32768 + 512, "the followed log holds its head while the container runs")
    running.process.waitUntilExit()
    #expect(running.process.terminationStatus == 0, "\(running.result().stdout)\(running.result().stderr)")
    let entry = try render.history()[1]
    #expect(entry["action"] as? String == "COMPLETED", "\(entry["summary"] ?? "")")
    let log = try render.runText("0002-render", "render.log")
    #expect(log.utf8.count <= 65536 + 512, "\(log.utf8.count) bytes")
    let line = "rendering tile, still going\n"
    let lines = log.split(separator: "\n", omittingEmptySubsequences: false)
    let over = try #require(
      lines.firstIndex { $0.hasPrefix("=== logist: render.log is over its limit (logLimitBytes 65536)") })
    let head = lines[..<over].joined(separator: "\n") + "\n"
    #expect(head.hasPrefix(line + line) && head.hasSuffix(line) && head.utf8.count > 32768 - 4096, "the head")
    let marker = String(lines[over + 1])
    #expect(marker.hasPrefix("=== logist: ") && marker.contains(" bytes of output dropped here (logLimitBytes 65536)"))
    let dropped = Int(marker.dropFirst("=== logist: ".count).prefix { $0.isNumber }) ?? 0
    let tail = lines[(over + 2)...].joined(separator: "\n")
    #expect(tail.hasPrefix(line) && tail.hasSuffix(line + "frame done\n"), "the tail")
    #expect(head.utf8.count + dropped + tail.utf8.count == 2_800_000 + "frame done\n".utf8.count)
  }
}
