import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A page as a server sent it.
public struct FetchedPage: Sendable {
  public var bytes: [UInt8]
  /// The `Content-Type` the server gave ("text/html; charset=ISO-8859-1").
  public var contentType: String?
  /// Where the page was found, after redirects.
  public var url: URL
}

/// Why a page could not be fetched; each reads as one line naming the address.
public enum FetchError: LocalizedError, Equatable, Sendable, CustomStringConvertible {
  case status(Int, url: String)
  case notAPage(String, url: String)
  case tooLarge(limit: Int, url: String)
  case timedOut(seconds: Double, url: String)
  case redirectLoop(url: String)
  case network(String, url: String)
  case unsupported(url: String)

  public var description: String {
    switch self {
    case .status(let code, let url):
      return
        "\(url) answered HTTP \(code) (\(HTTPURLResponse.localizedString(forStatusCode: code))); nothing was recorded"
    case .notAPage(let type, let url):
      return "\(url) is not a web page (\(type)); nothing was recorded"
    case .tooLarge(let limit, let url):
      return "\(url) is larger than \(limit / 1_000_000) MB, more than any article page; nothing was recorded"
    case .timedOut(let seconds, let url):
      return "\(url) did not answer within \(String(format: "%g", seconds)) s; nothing was recorded"
    case .redirectLoop(let url):
      return "\(url) redirects in a loop (or too many times); nothing was recorded"
    case .network(let reason, let url):
      return "cannot fetch \(url): \(reason); nothing was recorded"
    case .unsupported(let url):
      return "\(url) is not an http:// or https:// address"
    }
  }

  public var errorDescription: String? { description }
}

/// Fetches pages over http and https with Foundation's URL loading system:
/// redirects followed, gzip decoded, a clear user agent, a time-out and a size limit.
public enum PageFetcher {
  /// Who is asking, so that a site's operators can tell.
  public static let userAgent = "vet/1 (claim-verification workbench; fetches one article page at a time)"

  /// Fetches `url`.
  /// - Parameters:
  ///   - timeout: seconds without an answer before giving up.
  ///   - limit: bytes; a larger page is refused before it is all read.
  /// - Throws: `FetchError`.
  public static func fetch(_ url: URL, timeout: Double = 30, limit: Int = 20_000_000) throws -> FetchedPage {
    guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
      throw FetchError.unsupported(url: url.absoluteString)
    }
    let configuration = URLSessionConfiguration.ephemeral
    configuration.timeoutIntervalForRequest = timeout
    configuration.timeoutIntervalForResource = timeout * 4
    configuration.httpAdditionalHeaders = [
      "User-Agent": userAgent, "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
    ]
    let download = Download(limit: limit)
    let session = URLSession(configuration: configuration, delegate: download, delegateQueue: nil)
    defer { session.finishTasksAndInvalidate() }
    var request = URLRequest(url: url)
    request.timeoutInterval = timeout
    session.dataTask(with: request).resume()
    download.done.wait()
    let shown = url.absoluteString
    if download.exceeded { throw FetchError.tooLarge(limit: limit, url: shown) }
    if let error = download.error as? URLError {
      switch error.code {
      case .timedOut: throw FetchError.timedOut(seconds: timeout, url: shown)
      case .httpTooManyRedirects, .redirectToNonExistentLocation: throw FetchError.redirectLoop(url: shown)
      default: throw FetchError.network(error.localizedDescription, url: shown)
      }
    }
    if let error = download.error { throw FetchError.network(error.localizedDescription, url: shown) }
    guard let response = download.response as? HTTPURLResponse else {
      throw FetchError.network("no HTTP response", url: shown)
    }
    guard (200..<300).contains(response.statusCode) else { throw FetchError.status(response.statusCode, url: shown) }
    let type = response.value(forHTTPHeaderField: "Content-Type")
    if let type, let media = type.split(separator: ";").first.map({ $0.trimmingCharacters(in: .whitespaces) }),
      !["text/html", "application/xhtml+xml", "text/plain", ""].contains(media.lowercased())
    {
      throw FetchError.notAPage(media, url: shown)
    }
    return FetchedPage(bytes: download.data, contentType: type, url: response.url ?? url)
  }

  /// Collects one response's bytes, stopping at the limit.
  private final class Download: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    let limit: Int
    let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var bytes: [UInt8] = []
    private var failure: Error?
    private var received: URLResponse?
    private var tooLarge = false

    init(limit: Int) { self.limit = limit }

    var data: [UInt8] { lock.withLock { bytes } }
    var error: Error? { lock.withLock { failure } }
    var response: URLResponse? { lock.withLock { received } }
    var exceeded: Bool { lock.withLock { tooLarge } }

    func urlSession(
      _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
      completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
      lock.withLock { received = response }
      if response.expectedContentLength > Int64(limit) {
        lock.withLock { tooLarge = true }
        completionHandler(.cancel)
      } else {
        completionHandler(.allow)
      }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
      let over = lock.withLock { () -> Bool in
        bytes.append(contentsOf: data)
        if bytes.count > limit { tooLarge = true }
        return tooLarge
      }
      if over { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
      lock.withLock { failure = error }
      done.signal()
    }
  }
}
