import Foundation
import LogistCore
import Testing

/// The one function that makes text safe for a terminal.
@Suite struct TerminalTextTests {
  @Test func everyControlIsWrittenOutAndPlainTextIsLeftAlone() {
    #expect(TerminalText.visible("plain text, ünïcödé ✓") == "plain text, ünïcödé ✓")
    #expect(TerminalText.visible("a\u{1B}[2Jb\rc\u{07}\u{00}") == #"a\x1b[2Jb\rc\x07\x00"#)
    #expect(TerminalText.visible("one\ntwo\tthree") == #"one\ntwo\tthree"#)
    #expect(TerminalText.visible("one\ntwo\tthree", newlines: true) == "one\ntwo\tthree")
    #expect(
      TerminalText.visible("\u{7F}\u{85}\u{9B}\u{202E}\u{2066}\u{2028}") == #"\u007f\u0085\u009b\u202e\u2066\u2028"#)
  }

  @Test func escapedJSONStaysTheSameJSON() throws {
    let value = "x\u{9B}31m\u{202E}y\u{7F}"
    let data = try JSONSerialization.data(withJSONObject: [value])
    let shown = TerminalText.visible(String(decoding: data, as: UTF8.self), newlines: true)
    #expect(shown.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F })
    let back = try JSONSerialization.jsonObject(with: Data(shown.utf8)) as? [String]
    #expect(back == [value])
  }

  @Test func invalidUTF8IsShownByteByByte() {
    #expect(TerminalText.decode([0x61, 0xFF, 0xC3, 0x62, 0xC3, 0xA9, 0xE2, 0x82]) == #"a\xff\xc3bé\xe2\x82"#)
    #expect(TerminalText.decode(Array("ok ✓".utf8)) == "ok ✓")
    #expect(TerminalText.decode([0xED, 0xA0, 0x80]) == #"\xed\xa0\x80"#, "a surrogate is not UTF-8")
  }
}
