import Testing

@testable import Workbench

@Suite("What a user types to vet search becomes an FTS5 query that cannot fail to parse")
struct FullTextQueryTests {
  @Test("words are quoted strings, all required; operators and punctuation are words, not syntax")
  func quoting() {
    #expect(FullTextQuery.make("hospital list") == #""hospital" "list""#)
    #expect(FullTextQuery.make("NOT list OR x") == #""NOT" "list" "OR" "x""#)
    #expect(FullTextQuery.make("col:ferry (a)") == #""col:ferry" "(a)""#)
    #expect(FullTextQuery.make(#"say "no" twice"#) == #""say" "no" "twice""#)
    #expect(FullTextQuery.make(#"o"brien"#) == #""o" "brien""#)
    #expect(FullTextQuery.make("\"feared drowned\" port") == #""feared drowned" "port""#)
    #expect(FullTextQuery.make("hosp* lis**") == #""hosp"* "lis"*"#)
    #expect(FullTextQuery.make("Zürich café") == #""Zürich" "café""#)
  }

  @Test("a query with no letter or digit has nothing to look for")
  func empty() {
    for text in ["", "   ", "!!!", "\"", "\"\"", "* *", "— –", "🚢", "\u{0}"] {
      #expect(FullTextQuery.make(text) == nil, "\(text)")
    }
  }
}
