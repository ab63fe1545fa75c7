import Foundation
import Testing

@Suite(.serialized) struct ExamplesTests {
  @Test func helloWorldSucceeds() throws {
    let box = try Sandbox()
    try box.create("hello", from: "hello-world")
    let run = try box.logist(["job", "run", "hello"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("job hello: succeeded after 2 runs"))
    let manifest = try box.manifest("hello")
    #expect(manifest["status"] as? String == "succeeded")
    #expect((manifest["history"] as? [Any])?.count == 2)
  }
}
