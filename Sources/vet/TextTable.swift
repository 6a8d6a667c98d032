/// Rows of aligned columns, kept as the bytes they print as until the last row is in.
///
/// Each cell's bytes go into one buffer as it is added, its visible width
/// beside it, so a listing of 100,000 claims makes no array per row and no
/// second copy of its strings; the column widths are known when it is
/// written. Every column but the last is padded to its widest cell plus two
/// spaces; a row may have fewer cells, or more, than the table has columns.
struct TextTable {
  /// Where one cell's bytes end in its block, and how wide it shows.
  private struct Cell {
    var end: Int
    var width: Int
  }

  /// Whole rows, about a megabyte of them: a long table is written into
  /// memory once, never copied to a larger buffer as it grows.
  private struct Block {
    var bytes: [UInt8] = []
    var cells: [Cell] = []
    /// The index in `cells` after each row's last cell.
    var rowEnds: [Int] = []
  }

  private static let blockSize = 1 << 20
  private let header: [String]?
  /// How many leading cells of a row are padded (all columns but the last).
  private let padded: Int
  private var widths: [Int]
  /// The rows so far; rows are added to the last.
  private var blocks = [Block()]
  /// The position in the current row of the next cell.
  private var column = 0

  /// A table of `columns` columns, printed under `header` (in bold) if there is one.
  init(columns: Int, header: [String]? = nil) {
    self.header = header
    padded = max(columns - 1, 0)
    widths = [Int](repeating: 0, count: padded)
    for (i, cell) in (header ?? []).prefix(padded).enumerated() { widths[i] = Output.visibleWidth(cell) }
  }

  /// Whether no row has been added.
  var isEmpty: Bool { blocks[0].rowEnds.isEmpty }

  /// Adds `cell` to the current row.
  mutating func append(_ cell: String) {
    var width = 0
    if column < padded {
      width = Output.visibleWidth(cell)
      widths[column] = max(widths[column], width)
    }
    let last = blocks.count - 1
    if cell.utf8.withContiguousStorageIfAvailable({ blocks[last].bytes.append(contentsOf: $0) }) == nil {
      blocks[last].bytes.append(contentsOf: cell.utf8)
    }
    blocks[last].cells.append(Cell(end: blocks[last].bytes.count, width: width))
    column += 1
  }

  /// Ends the current row.
  mutating func endRow() {
    let last = blocks.count - 1
    blocks[last].rowEnds.append(blocks[last].cells.count)
    column = 0
    if blocks[last].bytes.count >= Self.blockSize {
      var next = Block()
      // Room for the next row too, however long; cells of four bytes or more.
      next.bytes.reserveCapacity(Self.blockSize + (1 << 16))
      next.cells.reserveCapacity(Self.blockSize / 4)
      next.rowEnds.reserveCapacity(Self.blockSize / 16)
      blocks.append(next)
    }
  }

  /// Writes the header and rows to standard output.
  func write() {
    // Padding is copied from one run of spaces: a list of 100,000 claims pads every cell.
    let spaces = [UInt8](repeating: 0x20, count: (widths.max() ?? 0) + 2)
    var out = ChunkedOutput()
    if let header {
      var text: [UInt8] = []
      for (i, cell) in header.enumerated() {
        text.append(contentsOf: cell.utf8)
        if i < padded { text.append(contentsOf: spaces[0..<(widths[i] - Output.visibleWidth(cell) + 2)]) }
      }
      out.append(Output.paint(String(decoding: text, as: UTF8.self), .bold))
      out.append(0x0A)
    }
    spaces.withUnsafeBufferPointer { spaces in
      for block in blocks {
        block.bytes.withUnsafeBufferPointer { bytes in
          var start = 0
          var first = 0
          for end in block.rowEnds {
            for (i, cell) in block.cells[first..<end].enumerated() {
              out.append(UnsafeBufferPointer(rebasing: bytes[start..<cell.end]))
              if i < padded { out.append(UnsafeBufferPointer(rebasing: spaces[0..<(widths[i] - cell.width + 2)])) }
              start = cell.end
            }
            out.append(0x0A)
            first = end
          }
        }
      }
    }
    out.flush()
  }
}
