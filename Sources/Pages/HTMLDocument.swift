import CLibXML2
import Foundation

/// One node of a parsed HTML page, as a Swift value: an element with its
/// attributes and children, or a run of text.
public indirect enum HTMLNode: Sendable, Equatable {
  case element(HTMLElement)
  case text(String)
}

/// An HTML element: its lowercase tag name, attributes and children.
public struct HTMLElement: Sendable, Equatable {
  public var name: String
  public var attributes: [String: String]
  public var children: [HTMLNode]

  public init(name: String, attributes: [String: String] = [:], children: [HTMLNode] = []) {
    self.name = name
    self.attributes = attributes
    self.children = children
  }

  /// The element's class and id, lowercased, split into words ("story-body__inner" gives "story", "body", "inner").
  public var hintWords: [String] {
    ((attributes["class"] ?? "") + " " + (attributes["id"] ?? "")).lowercased()
      .split { !$0.isLetter && !$0.isNumber }.map(String.init)
  }

  /// The elements below this one, depth first, in document order.
  public func descendants(where match: (HTMLElement) -> Bool) -> [HTMLElement] {
    var found: [HTMLElement] = []
    func walk(_ element: HTMLElement) {
      for child in element.children {
        guard case .element(let inner) = child else { continue }
        if match(inner) { found.append(inner) }
        walk(inner)
      }
    }
    walk(self)
    return found
  }

  /// All the text below this element, as it would read: whitespace collapsed.
  public var text: String {
    var parts: [String] = []
    func walk(_ node: HTMLNode) {
      switch node {
      case .text(let text): parts.append(text)
      case .element(let element):
        if element.name == "br" { parts.append(" ") }
        for child in element.children { walk(child) }
      }
    }
    for child in children { walk(child) }
    return HTMLDocument.collapse(parts.joined())
  }
}

/// Errors reading a page.
public enum PageError: Error, Equatable, Sendable {
  /// libxml2 could not make a document of the bytes at all.
  case unparsable(String)
}

/// A page parsed by libxml2's HTML parser, which reads what browsers read:
/// unclosed paragraphs, unquoted attributes, uppercase tags.
public enum HTMLDocument {
  /// Parses `bytes` in `encoding` (an IANA name such as "windows-1252"; nil
  /// lets libxml2 read the page's own declaration, else UTF-8).
  ///
  /// Wraps `htmlReadMemory` (errors and warnings silenced, no network) and
  /// `xmlFreeDoc`; the tree leaves libxml2 at once as Swift values.
  /// - Returns: the root element (`html`).
  public static func parse(_ bytes: [UInt8], encoding: String? = nil) throws -> HTMLElement {
    _ = initialized
    let options = Int32(
      HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
        | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOBLANKS.rawValue)
    let document = bytes.withUnsafeBufferPointer { buffer in
      buffer.baseAddress.flatMap { base in
        base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
          htmlReadMemory(chars, Int32(buffer.count), "page.html", encoding, options)
        }
      }
    }
    guard let document else { throw PageError.unparsable("libxml2 could not read the page as HTML") }
    defer { xmlFreeDoc(document) }
    guard let root = xmlDocGetRootElement(document), let element = convert(root) else {
      throw PageError.unparsable("the page has no HTML element")
    }
    if element.name == "html" { return element }
    return HTMLElement(name: "html", children: [.element(element)])
  }

  /// libxml2's global state, set up once before any thread parses: without
  /// `xmlInitParser`, two pages parsed at once race in its lazy set-up and
  /// corrupt memory that other threads then trip on.
  ///
  /// Wraps `xmlInitParser`; a `static let` runs it exactly once, whichever thread comes first.
  private static let initialized: Void = xmlInitParser()

  /// The libxml2 node as a Swift value; nil for comments and the like.
  private static func convert(_ node: xmlNodePtr) -> HTMLElement? {
    guard node.pointee.type == XML_ELEMENT_NODE else { return nil }
    let name = node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
    var attributes: [String: String] = [:]
    var attribute = node.pointee.properties
    while let current = attribute {
      if let attributeName = current.pointee.name,
        let value = xmlNodeListGetString(node.pointee.doc, current.pointee.children, 1)
      {
        attributes[String(cString: attributeName).lowercased()] = String(cString: value)
        vet_xml_free(value)
      }
      attribute = current.pointee.next
    }
    var children: [HTMLNode] = []
    var child = node.pointee.children
    while let current = child {
      switch current.pointee.type {
      case XML_ELEMENT_NODE:
        if let element = convert(current) { children.append(.element(element)) }
      case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
        if let content = current.pointee.content { children.append(.text(String(cString: content))) }
      default:
        break
      }
      child = current.pointee.next
    }
    return HTMLElement(name: name, attributes: attributes, children: children)
  }

  /// Whitespace (no-break spaces included) collapsed to single spaces, none at either end.
  public static func collapse(_ text: String) -> String {
    text.split(whereSeparator: { $0.isWhitespace || $0 == "\u{00A0}" }).joined(separator: " ")
  }
}
