import Foundation

/// The last ``capacity`` bytes written to it, in one fixed buffer: once it is full, each new byte
/// replaces the oldest, which is counted in ``dropped``. Appending costs a copy of the new bytes
/// only, whatever their size, so any amount of output can stream through it in bounded memory.
struct TailBuffer: Sendable {
  /// Most bytes kept.
  let capacity: Int
  /// The bytes, oldest at `start` once the buffer is full (in order before that).
  private var storage: [UInt8] = []
  private var start = 0
  /// Bytes pushed out by newer ones since the last ``removeAll()``.
  private(set) var dropped = 0

  /// An empty buffer keeping at most `capacity` bytes (at least 1).
  init(capacity: Int) { self.capacity = max(capacity, 1) }

  /// Bytes held.
  var count: Int { storage.count }

  /// Whether nothing is held.
  var isEmpty: Bool { storage.isEmpty }

  /// Appends `data`, dropping the oldest bytes beyond ``capacity``.
  mutating func append(_ data: Data) {
    data.withUnsafeBytes { append($0) }
  }

  /// Appends `bytes`, dropping the oldest bytes beyond ``capacity``.
  mutating func append(_ bytes: UnsafeRawBufferPointer) {
    guard var base = bytes.baseAddress, bytes.count > 0 else { return }
    var length = bytes.count
    if storage.count < capacity {
      if storage.capacity < capacity { storage.reserveCapacity(min(capacity, max(storage.count + length, 4096))) }
      let fits = min(length, capacity - storage.count)
      storage.append(contentsOf: UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: fits))
      base += fits
      length -= fits
      if length == 0 { return }
    }
    if length >= capacity {
      dropped += storage.count + length - capacity
      storage.withUnsafeMutableBytes {
        $0.baseAddress?.copyMemory(from: base + (length - capacity), byteCount: capacity)
      }
      start = 0
      return
    }
    dropped += length
    storage.withUnsafeMutableBytes { buffer in
      guard let target = buffer.baseAddress else { return }
      let first = min(length, capacity - start)
      (target + start).copyMemory(from: base, byteCount: first)
      if first < length { target.copyMemory(from: base + first, byteCount: length - first) }
    }
    start = (start + length) % capacity
  }

  /// The bytes held, oldest first.
  var data: Data {
    var result = Data(capacity: storage.count)
    storage.withUnsafeBytes { buffer in
      result.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[start...]))
      result.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[..<start]))
    }
    return result
  }

  /// The last `count` bytes held (fewer when fewer are held), oldest first.
  func suffix(_ count: Int) -> Data {
    let wanted = min(count, storage.count)
    guard wanted < storage.count else { return data }
    var result = Data(capacity: wanted)
    storage.withUnsafeBytes { buffer in
      let end = start == 0 ? buffer.count : start
      let fromEnd = min(wanted, end)
      let wrapped = wanted - fromEnd
      if wrapped > 0 {
        result.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[(buffer.count - wrapped)...]))
      }
      result.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[(end - fromEnd)..<end]))
    }
    return result
  }

  /// Whether the newest byte is `byte`.
  func endsWith(_ byte: UInt8) -> Bool {
    guard !storage.isEmpty else { return false }
    return storage[(start == 0 ? storage.count : start) - 1] == byte
  }

  /// Empties the buffer and resets ``dropped``; keeps the memory when `keepingCapacity`.
  mutating func removeAll(keepingCapacity: Bool = false) {
    storage.removeAll(keepingCapacity: keepingCapacity)
    start = 0
    dropped = 0
  }
}
